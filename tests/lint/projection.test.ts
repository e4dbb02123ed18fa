/**
 * The projection the proofreading rules read: the prose of our own parse, with every character
 * traced back to its place in the file. No textlint here; these check the text and the offsets.
 */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { withoutDialogue } from '../../scripts/lint/projection/dialogue.ts';
import { projectChapter } from '../../scripts/lint/projection/project.ts';
import { proseDocuments, readingsDocument, sourceDocument } from '../../scripts/lint/projection/txt-ast.ts';
import type { Block, Projection } from '../../scripts/lint/projection/types.ts';
import { SourceText } from '../../scripts/lint/source-text.ts';
import { cleanText } from '../../scripts/manuscript/read-text.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import * as v from 'valibot';

async function project(markdown: string, options: Record<string, unknown> = {}): Promise<Projection> {
  const processor = createMarkdownProcessor(v.parse(MarkdownSchema, options));
  const tree = await processor.toMdast(new VFile({ path: 'chapter.md', value: markdown }));
  return projectChapter(tree, markdown);
}

/** The text of each top-level block, as the rules read it. */
function texts(blocks: readonly Block[]): string[] {
  return proseDocuments(blocks)[0]!.text.split('\n\n');
}

/** Every character of a document's text is the character at its offset in the source (comments and separators aside). */
function expectTraced(markdown: string, blocks: readonly Block[]): void {
  const document = proseDocuments(blocks)[0]!;
  for (let index = 0; index < document.text.length; index++) {
    const char = document.text[index]!;
    if (char === '\n') continue;
    expect(`${char}@${index}`).toBe(`${markdown[document.offsets[index]!]}@${index}`);
  }
}

describe('the prose projection', () => {
  it('keeps ruby bases and drops readings, marks, carets and annotations', async () => {
    const markdown = [
      '　{漢字|かんじ}と｜東京《とうきょう》、銀河《ぎんが》と{東京都|とう|きょう|と}。',
      '',
      '　《《傍点》》と*強調*と**太字**、^12^月と^!?^、本当［＃「本当」に傍点］に来た[^1]。',
      '',
      '［＃２字下げ］字下げの行',
      '',
      '[^1]: 注の{本文|ほんぶん}。',
    ].join('\n');
    const { blocks, readings } = await project(markdown);
    expect(texts(blocks)).toEqual([
      '　漢字と東京、銀河と東京都。',
      '　傍点と強調と太字、12月と!?、本当に来た。',
      '字下げの行',
      '注の本文。',
    ]);
    expect(readings.map((reading) => [reading.base, reading.units.text])).toEqual([
      ['漢字', 'かんじ'],
      ['東京', 'とうきょう'],
      ['銀河', 'ぎんが'],
      ['東', 'とう'],
      ['京', 'きょう'],
      ['都', 'と'],
      ['本文', 'ほんぶん'],
    ]);
    expectTraced(markdown, blocks);
    for (const reading of readings) {
      expect(markdown.slice(reading.units.offsets[0], reading.units.offsets.at(-1)! + 1)).toBe(reading.units.text);
    }
  });

  it('reads raw HTML as its text: ruby readings out, comments kept, script left out', async () => {
    const markdown = [
      '<ruby>漢字<rp>（</rp><rt>かんじ</rt><rp>）</rp></ruby>を読む<span>本文</span>。',
      '',
      '<div>',
      '<p>塊の<ruby>中<rt>なか</rt></ruby>の文。</p>',
      '<script>alert(1)</script>',
      '</div>',
      '',
      '<!-- textlint-disable -->',
    ].join('\n');
    const { blocks, readings } = await project(markdown);
    expect(texts(blocks)).toEqual(['漢字を読む本文。', '塊の中の文。', '<!-- textlint-disable -->']);
    expect(readings.map((reading) => [reading.base, reading.units.text])).toEqual([
      ['漢字', 'かんじ'],
      ['中', 'なか'],
    ]);
    expectTraced(markdown, blocks);
  });

  it('reads a picture’s caption as prose, traced to the title in the file, and not its alt text or file', async () => {
    const markdown = [
      '　前の段落。',
      '',
      '![少女の絵](images/少女.png "第一図　少女の後ろ姿")',
      '',
      '　後の段落。',
    ].join('\n');
    const { blocks } = await project(markdown);
    expect(texts(blocks)).toEqual(['　前の段落。', '第一図　少女の後ろ姿', '　後の段落。']);
    expectTraced(markdown, blocks);
  });

  it('follows the book’s reading options: joined lines, one paragraph per line, placed lines', async () => {
    const joined = await project('一行目の\n二行目。\n');
    expect(texts(joined.blocks)).toEqual(['一行目の二行目。']);
    expectTraced('一行目の\n二行目。\n', joined.blocks);

    const perLine = await project('　一つ目。\n　二つ目。\n\n::align-end[署名]\n', { paragraphPerLine: true });
    expect(texts(perLine.blocks)).toEqual(['　一つ目。', '　二つ目。', '署名']);
    const placed = perLine.blocks.map((block) => ('placed' in block ? block.placed : undefined));
    expect(placed).toEqual([false, false, true]);
  });

  it('leaves dialogue out of the narration, brackets kept', async () => {
    const markdown = '彼は「行きます。『本』もね」と言った。「まだ閉じない\n\n地の文だ。';
    const { blocks } = await project(markdown);
    expect(texts(withoutDialogue(blocks))).toEqual(['彼は「」と言った。「', '地の文だ。']);
    expectTraced(markdown, withoutDialogue(blocks));
  });

  it('cuts a long chapter into documents of whole blocks, carrying comments across the cut', async () => {
    const paragraphs = Array.from({ length: 40 }, (_, index) => `　${index}番目の段落です。`.repeat(8));
    const markdown = ['<!-- textlint-disable sentence-length -->', ...paragraphs].join('\n\n');
    const { blocks } = await project(markdown);
    const documents = proseDocuments(blocks, 500);
    expect(documents.length).toBeGreaterThan(4);
    for (const document of documents.slice(1)) {
      expect(document.text.startsWith('<!-- textlint-disable sentence-length -->\n\n')).toBe(true);
      expect(document.ast.children[0]!.type).toBe('Html');
    }
    const prose = documents.flatMap((document) =>
      document.ast.children.filter((node) => node.type === 'Paragraph').map((node) => node.raw),
    );
    expect(prose).toEqual(paragraphs);
  });

  it('gives the readings and the file their own documents', () => {
    const document = readingsDocument([{ base: '漢字', units: { text: 'かんじ', offsets: [4, 5, 6] } }]);
    expect(document.text).toBe('かんじ');
    expect(document.ast.children[0]!.type).toBe('Paragraph');
    const source = sourceDocument('一行目\r\n<!-- textlint-disable -->\r\n三行目');
    expect(source.ast.children.map((node) => [node.type, node.raw])).toEqual([
      ['Paragraph', '一行目'],
      ['Html', '<!-- textlint-disable -->'],
      ['Paragraph', '三行目'],
    ]);
    expect(source.offsets[source.text.indexOf('三')]).toBe(
      '一行目\r\n<!-- textlint-disable -->\r\n三行目'.indexOf('三'),
    );
  });
});

describe('SourceText', () => {
  it('maps offsets of the text the build reads back to the file’s own, line and column', () => {
    // CRLF line ends, a decomposed が (か + U+3099), and a control character, all of which the build normalises.
    const file = '一行目\r\nか\u3099\u0007見れる\r\n';
    const parsed = cleanText(file, new VFile());
    expect(parsed).toBe('一行目\nが見れる\n');
    const source = new SourceText(file, parsed);
    const at = (char: string) => source.point(source.fileOffset(parsed.indexOf(char)));
    expect(at('が')).toEqual({ line: 2, column: 1 });
    expect(at('見')).toEqual({ line: 2, column: 4 });
    expect(source.fileEnd(parsed.indexOf('が'))).toBe(file.indexOf('\u3099') + 1);
    expect(source.fileEnd(parsed.indexOf('る'))).toBe(file.indexOf('る') + 1);
  });
});
