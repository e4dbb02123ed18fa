/**
 * Reading a one-file book in pieces (scripts/markdown/source-cuts.ts, read-in-pieces.ts) must
 * give what reading it whole gives: on random books with traps (headings inside fences, lists,
 * quotes, front matter), every chapter's tree with every position, its headings and every message
 * alike. And the cuts themselves: made at chapter headings after a blank line, and never where a
 * construct could reach across.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { plainMessages } from '../helpers/messages.ts';
import { describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import type { ChapterLevel } from '../../scripts/markdown/chapters.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import { readInPieces } from '../../scripts/markdown/read-in-pieces.ts';
import { cutAtHeadings } from '../../scripts/markdown/source-cuts.ts';
import { cuttableBook } from '../property/generate.ts';

const seed = Number(process.env.FC_SEED ?? 20261206);
const numRuns = Math.ceil(Number(process.env.FC_RUNS ?? 2000) / 8);

const options = v.parse(MarkdownSchema, {});
const inPieces = createMarkdownProcessor(options, { smallestPiece: 0 });
const whole = createMarkdownProcessor(options, { whole: true });

async function read(processor: ReturnType<typeof createMarkdownProcessor>, markdown: string, level: ChapterLevel) {
  const file = new VFile({ value: markdown, path: 'book.md', data: { frontMatterIsMetadata: true } });
  const chapters = await processor.toChapters(file, level, (index) => `ch-${index + 1}`);
  return { chapters, messages: plainMessages(file) };
}

describe('a one-file book read in pieces', () => {
  it(`gives the trees, headings and messages reading it whole gives (${numRuns} books)`, async () => {
    let cut = 0;
    let noted = 0;
    let linked = 0;
    await fc.assert(
      fc.asyncProperty(cuttableBook, fc.constantFrom<ChapterLevel>(1, 2, 3), async (markdown, level) => {
        const pieces = cutAtHeadings(markdown, 0);
        if (pieces.length > 1) cut++;
        if (pieces.some((piece) => piece.notes)) noted++;
        if (pieces.length > 1 && pieces.some((piece) => piece.links)) linked++;
        expect(await read(inPieces, markdown, level)).toEqual(await read(whole, markdown, level));
      }),
      { seed, numRuns },
    );
    // The property says nothing unless most of the books were in fact cut…
    expect(cut).toBeGreaterThan(numRuns / 2);
    // …and unless many pieces were read with notes and links defined elsewhere.
    expect(noted).toBeGreaterThan(numRuns / 5);
    expect(linked).toBeGreaterThan(numRuns / 5);
  });

  it('is cut before headings that follow a blank line, outside front matter and fences', () => {
    const book = [
      '---\ntitle: 本\n\n# 注釈\n---',
      '# 一\n\n本文。\n# 続きの見出し',
      '```\n\n# 囲みの中\n```',
      '## 二\n\n本文。',
      '### 三',
      '#タグ',
      '# 四\r\n\r\n本文。\r\n',
    ].join('\n\n');
    const pieces = cutAtHeadings(book, 0);
    expect(pieces.map((piece) => piece.text.split(/\r?\n/)[0])).toEqual(['---', '# 一', '## 二', '### 三', '# 四']);
    for (const piece of pieces) expect(book.slice(piece.offset, piece.offset + piece.text.length)).toBe(piece.text);
    for (const piece of pieces) expect(piece.lines).toBe(book.slice(0, piece.offset).split('\n').length - 1);
    expect(pieces.map((piece) => piece.text).join('')).toBe(book);
  });

  it.each([
    ['a link definition in a quotation', '> [a]: https://example.com/'],
    ['a `]:` in text', '本文[a]: のあと'],
    ['an HTML comment', '<!-- 注 -->'],
    ['a <pre> block', '<pre>\n\n# 中\n</pre>'],
    ['a byte-order mark', '\uFEFF'],
  ])('is read whole when it holds %s', (_, text) => {
    expect(cutAtHeadings(`# 一\n\n本文。\n\n${text}\n\n# 二\n\n本文。\n\n# 三\n\n本文。`, 0)).toHaveLength(1);
  });

  it('gives every piece the labels of the link definitions at the start of a line, its own too', () => {
    const links = (text: string) => cutAtHeadings(text, 0).map((piece) => piece.links);
    expect(links('# 一\n\n[先][x]\n\n# 二\n\n[X]: /a\n\n[y]: /b\n\n# 三\n\n本文。')).toEqual([
      ['X', 'y'],
      ['X', 'y'],
      ['X', 'y'],
    ]);
    expect(links('# 一\n\n本文。\n\n# 二\n\n本文。')).toEqual([undefined, undefined]);
  });

  it('gives a piece the notes other pieces define, and is read whole when a note is defined nowhere', () => {
    const notes = (text: string) => cutAtHeadings(text, 0).map((piece) => piece.notes);
    expect(notes('# 一\n\n本文[^1]\n\n[^1]: 注\n\n# 二\n\n本文[^A]\n\n[^a]: 注')).toEqual([undefined, undefined]);
    expect(notes('# 一\n\n本文[^1][^b][^1]\n\n# 二\n\n[^1]: 注\n\n# 三\n\n[^B]: 注')).toEqual([
      ['1', 'b'],
      undefined,
      undefined,
    ]);
    expect(cutAtHeadings('# 一\n\n本文[^1]\n\n# 二\n\n本文。', 0)).toHaveLength(1);
    expect(cutAtHeadings('# 一\n\n本文[^1] [a]\n\n[^1]: 注 [a]: /b\n\n# 二\n\n本文。', 0)).toHaveLength(1);
  });

  it('reads a note another piece defines as a reference, and takes its definition out again', async () => {
    // Referred to before its definition, and after it (in the last piece, which ends the file).
    for (const book of [
      '# 一\n\n本文[^1]。\n\n# 二\n\n本文。\n\n[^1]: 注\n',
      '# 一\n\n[^1]: 注\n\n# 二\n\n本文[^1]。',
      '# 一\n\n[先][x]と[x]。\n\n# 二\n\n[x]: https://example.com/',
      // "Defined" on a paragraph's next line (text), and for real in the next piece.
      '# 一\n\n本文。\n[x]: https://example.com/\n\n[先][x]\n\n# 二\n\n[x]: https://example.com/b',
    ]) {
      const file = new VFile({ value: book, path: 'book.md' });
      const tree = await readInPieces(whole.readSource, file, cutAtHeadings(book, 0));
      expect(tree).toEqual(await whole.readSource(new VFile({ value: book, path: 'book.md' })));
      expect(JSON.stringify(tree)).toMatch(/"(footnoteReference|linkReference)"/);
      expect(file.messages).toEqual([]);
    }
  });

  it('reads the file whole when a note given to a piece is not defined as read, or a block left open swallows it', async () => {
    const books = [
      // `[^1]:` only in code: the scan saw a definition, reading finds none.
      '# 一\n\n本文[^1]。\n\n# 二\n\n```\n[^1]: 注\n```\n',
      // A link "defined" only on a paragraph's next line, which makes it text, or in code.
      '# 一\n\n[先][x]と[x]。\n\n# 二\n\n本文。\n[x]: https://example.com/',
      '# 一\n\n[先][x]\n\n# 二\n\n```\n[x]: https://example.com/\n```',
      // Defined inside a block, which is read after the text before it: reading whole, `[^1]` stays text.
      '# 一\n\n本文[^1]。\n\n# 二\n\n:::indent-2\n\n本文。\n\n[^1]: 注',
      // The last piece leaves a block open, which runs over the definitions given to it.
      '# 一\n\n[^1]: 注\n\n# 二\n\n本文[^1]。\n\n:::indent-2\n\n本文。',
      '# 一\n\n[^1]: 注\n\n# 二\n\n本文[^1]。\n\n```\n本文。',
      '# 一\n\n[^1]: 注\n\n# 二\n\n本文[^1]。\n\n［＃ここから２字下げ］\n\n本文。',
    ];
    for (const book of books) {
      const pieces = cutAtHeadings(book, 0);
      expect(pieces.some((piece) => piece.notes ?? piece.links)).toBe(true);
      expect(await readInPieces(whole.readSource, new VFile({ value: book, path: 'book.md' }), pieces)).toBeUndefined();
      expect(await read(inPieces, book, 1)).toEqual(await read(whole, book, 1));
    }
  });

  it('gives up on pieces that cannot stand for the file, found only by reading them', async () => {
    // Cut by hand where the cut's own checks would not: a note defined in the next piece, a block
    // open across the cut, and a piece that does not start with its heading.
    const cases = [
      ['# 一\n\n本文[^1]\n\n', '# 二\n\n[^1]: 注\n'],
      ['# 一\n\n［＃ここから２字下げ］\n\n', '# 二\n\n本文\n\n［＃ここで字下げ終わり］\n'],
      ['# 一\n\n:::indent-2\n\n', '# 二\n\n:::\n'],
      ['# 一\n\n', '本文\n\n# 二\n'],
    ];
    for (const [first, second] of cases) {
      const file = new VFile({ value: first! + second!, path: 'book.md' });
      const pieces = [
        { text: first!, lines: 0, offset: 0 },
        { text: second!, lines: first!.split('\n').length - 1, offset: first!.length },
      ];
      expect(await readInPieces(whole.readSource, file, pieces)).toBeUndefined();
      expect(file.messages).toEqual([]);
    }
  });

  it('is read whole when its front matter never closes, and joins pieces smaller than asked', () => {
    expect(cutAtHeadings('---\ntitle: 本\n\n# 一\n\n本文。\n\n# 二\n', 0)).toHaveLength(1);
    const chapters = Array.from({ length: 10 }, (_, index) => `# ${index}\n\n${'あ'.repeat(100)}`).join('\n\n');
    expect(cutAtHeadings(chapters, 0)).toHaveLength(10);
    expect(cutAtHeadings(chapters, 250)).toHaveLength(4);
  });
});
