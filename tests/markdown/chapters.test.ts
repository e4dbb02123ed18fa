/**
 * Cutting one file into chapters at its headings, through the real processor: ids per chapter,
 * notes at the end of the chapters that refer to them, links across the cut, places in messages.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import * as v from 'valibot';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';
import type { ChapterLevel } from '../../scripts/markdown/chapters.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';

const processor = createMarkdownProcessor(v.parse(MarkdownSchema, {}));

async function cut(markdown: string, level: ChapterLevel = 1) {
  const file = new VFile({ value: markdown, path: 'novel.md', data: { frontMatterIsMetadata: true } });
  const chapters = await processor.toChapters(file, level, (index) => `ch-${index + 1}`);
  return { file, chapters };
}

const ids = (tree: Root) => {
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') found.push(node.properties.id);
  });
  return found;
};
const hrefs = (tree: Root) => {
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.href === 'string') found.push(node.properties.href);
  });
  return found;
};

describe('cutting a file into chapters at its headings', () => {
  it('starts a chapter at each `#`, keeps text before the first as a lead, and numbers ids per chapter', async () => {
    const { chapters } = await cut(
      '---\ntitle: 本\n---\n\nまえがき。\n\n# 一\n\n本文。\n\n## 節\n\n節の本文。\n\n# 二\n\n二の本文。\n',
    );
    expect(chapters.map((chapter) => chapter.id)).toEqual(['ch-1', 'ch-2', 'ch-3']);
    expect(chapters.map((chapter) => toString(chapter.tree).replace(/\s+/g, ''))).toEqual([
      'まえがき。',
      '一本文。節節の本文。',
      '二二の本文。',
    ]);
    expect(chapters[0]!.headings).toEqual([]);
    const plain = (text: string) => [{ type: 'text', value: text }];
    expect(chapters[1]!.headings).toEqual([
      { depth: 1, id: 'ch-2-h1', text: '一', phrasing: plain('一') },
      { depth: 2, id: 'ch-2-h2', text: '節', phrasing: plain('節') },
    ]);
    expect(chapters[2]!.headings).toEqual([{ depth: 1, id: 'ch-3-h1', text: '二', phrasing: plain('二') }]);
  });

  it('makes no lead of front matter, definitions or comments alone', async () => {
    const { chapters } = await cut(
      '---\ntitle: 本\n---\n\n<!-- メモ -->\n\n[ref]: https://example.com\n\n# 一\n\n[ref]\n',
    );
    expect(chapters).toHaveLength(1);
    expect(hrefs(chapters[0]!.tree)).toEqual(['https://example.com']);
  });

  it('cuts at `##` too with chapterLevel 2, and not at all with none', async () => {
    const text = '# 第一部\n\n## 一\n\n本文。\n\n## 二\n\n本文。\n\n# 第二部\n\n## 三\n\n本文。\n';
    expect((await cut(text, 2)).chapters.map((chapter) => chapter.headings.map((h) => h.text))).toEqual([
      ['第一部'],
      ['一'],
      ['二'],
      ['第二部'],
      ['三'],
    ]);
    const { chapters } = await cut(text, 'none');
    expect(chapters).toHaveLength(1);
    expect(chapters[0]!.headings.map((heading) => heading.id)).toEqual([
      'ch-1-h1',
      'ch-1-h2',
      'ch-1-h3',
      'ch-1-h4',
      'ch-1-h5',
    ]);
  });

  it('cuts at a heading made by a 青空文庫 annotation', async () => {
    const { chapters } = await cut(
      '前書き。\n\n一［＃「一」は大見出し］\n\n本文。\n\n二［＃「二」は大見出し］\n\n本文。\n',
    );
    expect(chapters.map((chapter) => chapter.headings[0]?.text)).toEqual([undefined, '一', '二']);
  });

  it('puts each note at the end of every chapter that refers to it, numbered from 1 there', async () => {
    const { chapters, file } = await cut(
      '# 一\n\n注[^a]と[^b]。\n\n# 二\n\n注[^b]。[^c]\n\n[^a]: 注A。\n[^b]: 注B。[^d]\n[^c]: 注C。\n[^d]: 注D。\n[^x]: 使われない注。\n',
    );
    const notes = chapters.map((chapter) =>
      chapter.tree.children
        .filter((node): node is Element => node.type === 'element' && node.tagName === 'section')
        .map((section) => toString(section).replace(/[ \n]+/g, '')),
    );
    expect(notes).toEqual([['1　注A。2　注B。33　注D。'], ['1　注B。32　注C。3　注D。']]);
    // Every note link points at an id in its own chapter.
    for (const chapter of chapters) {
      const own = new Set(ids(chapter.tree));
      for (const href of hrefs(chapter.tree)) expect(own.has(href.slice(1)), href).toBe(true);
    }
    // The unused note is reported where it was written.
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '13:1 footnote-unused',
    ]);
  });

  it('keeps links to ids the author placed in another chapter of the file', async () => {
    const { chapters } = await cut(
      '# 一\n\n[先へ](#goal)<span id="here">ここ</span>\n\n# 二\n\n<span id="goal">ゴール</span>[戻る](#here)\n',
    );
    expect(hrefs(chapters[0]!.tree)).toEqual(['#ch-2-goal']);
    expect(hrefs(chapters[1]!.tree)).toEqual(['#ch-1-here']);
    expect(ids(chapters[1]!.tree)).toContain('ch-2-goal');
  });

  it('moves a page break written just before a heading into the chapter it opens', async () => {
    const { chapters } = await cut('# 一\n\n本文。\n\n［＃改丁］\n\n# 二\n\n本文。\n');
    expect(toXhtml(chapters[0]!.tree)).not.toContain('pagebreak');
    expect(toXhtml(chapters[1]!.tree)).toMatch(/^<div class="pagebreak recto"/);
  });

  it('keeps the places of messages in the whole file', async () => {
    const { file } = await cut('# 一\n\n本文。\n\n# 二\n\n<script>x</script>\n\n{漢字|\n');
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '9:1 ruby-unclosed',
      '7:1 unsafe-html',
    ]);
  });
});
