/** What the preview parses again after a save, and that a chapter parsed alone equals a build's. */
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bookWarnings, loadBook } from '../../scripts/book.ts';
import { PreviewBook } from '../../scripts/dev/preview-book.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function open(files: Record<string, string | Uint8Array>): Promise<{ root: string; book: PreviewBook }> {
  const root = await makeManuscript(files);
  const book = new PreviewBook(root, root);
  await book.reload();
  return { root, book };
}

const texts = (book: PreviewBook) => (book.book?.chapters ?? []).map((chapter) => toXhtml(chapter.tree));

/** The preview's book is the book a build would read now: the same chapters, markup and warnings. */
async function expectFresh(root: string, book: PreviewBook): Promise<void> {
  const fresh = await loadBook(root);
  expect(texts(book)).toEqual(fresh.chapters.map((chapter) => toXhtml(chapter.tree)));
  expect(book.book!.chapters.map(({ id, title, headings }) => ({ id, title, headings }))).toEqual(
    fresh.chapters.map(({ id, title, headings }) => ({ id, title, headings })),
  );
  expect(book.warnings()).toEqual(bookWarnings(fresh).map((warning) => ({ ...warning, severity: 'warning' })));
}

describe('PreviewBook', () => {
  it('gives saved chapters the trees and warnings a fresh loadBook gives', async () => {
    const notations = fileURLToPath(new URL('../fixtures/notation-book/', import.meta.url));
    const linked = await makeManuscript({
      'book.yaml': 'title: 本\n',
      'a.md': '# 一\n\n[二へ](b.md)\n',
      'b.md': '# 二\n\n本文\n',
    });
    for (const root of [notations, linked]) {
      const book = new PreviewBook(root, root);
      await book.reload();
      if (root === linked) await writeFile(join(root, 'a.md'), '# 一\n\n[二の節へ](b.md#h1)と[無い章](none.md)\n');
      const result = await book.update(new Set(book.book!.chapters.map((chapter) => chapter.file.path)));
      expect(result).toMatchObject({ kind: 'chapters', parsed: book.book!.chapters.length });
      const fresh = await loadBook(root);
      // The preview points images at its server; apart from that, the same markup.
      const unpointed = texts(book).map((text) =>
        text.replace(/\/__manuscript\/([^"?]*)\?v=\d+/g, (_, path: string) => decodeURIComponent(path)),
      );
      expect(unpointed).toEqual(fresh.chapters.map((chapter) => toXhtml(chapter.tree)));
      expect(book.book!.chapters.map(({ id, title, headings }) => ({ id, title, headings }))).toEqual(
        fresh.chapters.map(({ id, title, headings }) => ({ id, title, headings })),
      );
      expect(book.warnings()).toEqual(bookWarnings(fresh).map((warning) => ({ ...warning, severity: 'warning' })));
    }
  });

  it('parses a file of several chapters whole, and the chapters after it again when it holds more or fewer', async () => {
    const { root, book } = await open({
      'book.yaml': 'title: 本\n',
      'a.md': '# 一\n\n甲\n\n# 二\n\n乙\n',
      'b.md': '# 三\n\n丙\n',
    });
    expect(book.book!.chapters.map((chapter) => chapter.id)).toEqual(['ch-1', 'ch-2', 'ch-3']);
    const third = book.book!.chapters[2];
    await writeFile(join(root, 'a.md'), '# 一\n\n甲甲\n\n# 二\n\n乙乙\n');
    expect(await book.update(new Set([join(root, 'a.md')]))).toMatchObject({ kind: 'chapters', files: ['a.md'] });
    expect(texts(book).map((text) => text.replace(/<[^>]+>|\s/g, ''))).toEqual(['一甲甲', '二乙乙', '三丙']);
    expect(book.book!.chapters[2]).toBe(third);
    // A third heading in the file renumbers the chapters after it: they are parsed again from the
    // text already read, and nothing else is.
    const files = book.book!.manuscript.chapterFiles;
    await writeFile(join(root, 'a.md'), '# 一\n\n甲\n\n# 二\n\n乙\n\n# 二の二\n\n乙乙\n');
    expect(await book.update(new Set([join(root, 'a.md')]))).toMatchObject({
      kind: 'chapters',
      files: ['a.md'],
      parsed: 4,
      errors: [],
    });
    expect(book.book!.chapters.map((chapter) => [chapter.id, chapter.title])).toEqual([
      ['ch-1', '一'],
      ['ch-2', '二'],
      ['ch-3', '二の二'],
      ['ch-4', '三'],
    ]);
    expect(book.book!.manuscript.chapterFiles[1]!.path).toBe(files[1]!.path);
    await expectFresh(root, book);
  });

  it('parses only the saved chapter, and ignores files that are not the book', async () => {
    const { root, book } = await open({ 'book.yaml': 'title: 本\n', 'a.md': '# 一\n\n甲\n', 'b.md': '# 二\n\n乙\n' });
    const second = book.book!.chapters[1];
    const result = await book.update(new Set([join(root, 'a.md'), join(root, '.a.md.swp'), join(root, '4913')]));
    expect(result).toMatchObject({ kind: 'chapters', files: ['a.md'], parsed: 1, errors: [] });
    expect(book.book!.chapters[1]).toBe(second);
    expect(await book.update(new Set([join(root, 'a.md~'), join(root, 'notes.txt')]))).toBeUndefined();
    await writeFile(join(root, 'README.md'), 'メモ');
    expect(await book.update(new Set([join(root, 'README.md')]))).toBeUndefined();
  });

  it('adds and removes chapter files without reading the book again, links and all', async () => {
    const { root, book } = await open({
      'book.yaml': 'title: 本\n',
      'a.md': '# 甲\n\n甲の本文\n',
      'b.md': '# 乙\n\n[丁へ](d.md)\n',
      'd.md': '# 丁\n\n丁の本文\n',
    });
    const [first] = book.book!.chapters;
    const [firstFile] = book.book!.manuscript.chapterFiles;
    // A file in the middle: the chapters after it move, and the link to one of them follows.
    await writeFile(join(root, 'c.md'), '# 丙\n\n丙の本文\n');
    expect(await book.update(new Set([join(root, 'c.md')]))).toMatchObject({ kind: 'chapters', files: ['c.md'] });
    expect(book.book!.chapters.map((chapter) => [chapter.id, chapter.title])).toEqual([
      ['ch-1', '甲'],
      ['ch-2', '乙'],
      ['ch-3', '丙'],
      ['ch-4', '丁'],
    ]);
    expect(book.book!.chapters[0]).toBe(first);
    expect(book.book!.manuscript.chapterFiles[0]).toBe(firstFile);
    expect(texts(book)[1]).toContain('href="#ch-4"');
    await expectFresh(root, book);
    // A file at the end: it is parsed, and the file that links to others (b.md) again; nothing else.
    const before = book.book!.chapters.slice();
    await writeFile(join(root, 'e.md'), '# 戊\n\n戊の本文\n');
    expect(await book.update(new Set([join(root, 'e.md')]))).toMatchObject({ kind: 'chapters', parsed: 2 });
    for (const index of [0, 2, 3]) expect(book.book!.chapters[index]).toBe(before[index]);
    // A file taken away (renamed to a name that is not a chapter's).
    await rename(join(root, 'a.md'), join(root, '_a.md'));
    expect(await book.update(new Set([join(root, 'a.md'), join(root, '_a.md')]))).toMatchObject({
      kind: 'chapters',
      files: ['a.md'],
      parsed: 4,
    });
    expect(book.book!.chapters.map((chapter) => chapter.title)).toEqual(['乙', '丙', '丁', '戊']);
    expect(texts(book)[0]).toContain('href="#ch-3"');
    await expectFresh(root, book);
  });

  it('tells files from chapters when a file holds several chapters', async () => {
    const { root, book } = await open({
      'book.yaml': 'title: 本\n',
      'a.md': '# 一\n\n甲\n\n# 二\n\n乙\n',
      'b.md': '# 三\n\n丙\n',
    });
    const before = book.book!.chapters.slice();
    await writeFile(join(root, 'README.md'), 'メモ');
    expect(await book.update(new Set([join(root, 'README.md')]))).toBeUndefined();
    await writeFile(join(root, 'c.md'), '# 四\n\n丁\n');
    expect(await book.update(new Set([join(root, 'c.md')]))).toMatchObject({
      kind: 'chapters',
      files: ['c.md'],
      parsed: 1,
    });
    expect(book.book!.chapters.map((chapter) => chapter.id)).toEqual(['ch-1', 'ch-2', 'ch-3', 'ch-4']);
    for (const [index, chapter] of before.entries()) expect(book.book!.chapters[index]).toBe(chapter);
    await expectFresh(root, book);
  });

  it('keeps the last good book on screen while book.yaml is broken', async () => {
    const { root, book } = await open({ 'book.yaml': 'title: 本\n', 'a.md': '甲\n' });
    await writeFile(join(root, 'book.yaml'), 'title: 本\nauther: 誰か\n');
    const result = await book.update(new Set([join(root, 'book.yaml')]));
    expect(result?.errors).toMatchObject([
      {
        severity: 'error',
        message: 'unknown key "auther" (did you mean "author"?)',
        file: join(root, 'book.yaml'),
        line: 2,
        column: 1,
      },
    ]);
    expect(texts(book)).toEqual(['<p>甲</p>']);
    // While it is broken, any save of the book's files tries the whole book again.
    await writeFile(join(root, 'a.md'), '甲乙\n');
    expect((await book.update(new Set([join(root, 'a.md')])))?.errors).toHaveLength(1);
    await writeFile(join(root, 'book.yaml'), 'title: 本\nauthor: 誰か\n');
    expect(await book.update(new Set([join(root, 'book.yaml')]))).toMatchObject({ kind: 'book', errors: [] });
    expect(texts(book)).toEqual(['<p>甲乙</p>']);
  });

  it('shows a book with notation errors, every error beside it, and clears the errors of a file when it is mended', async () => {
    const { root, book } = await open({
      'book.yaml': 'title: 本\n',
      'a.md': '# 一\n\n本文です。｜灯台守《とうだいもり\n\n《《傍点\n',
      'b.md': '# 二\n\n{海|うみ の話。\n',
    });
    // A build stops on these; the preview keeps the book on screen, as parsed.
    expect(book.book?.chapters).toHaveLength(2);
    const brief = () =>
      book.errors().map(({ severity, file, line, column, ruleId }) => [severity, file, line, column, ruleId]);
    expect(brief()).toEqual([
      ['error', join(root, 'a.md'), 3, 6, 'ruby-unclosed'],
      ['error', join(root, 'a.md'), 5, 1, 'bouten-unclosed'],
      ['error', join(root, 'b.md'), 3, 1, 'ruby-unclosed'],
    ]);
    expect(book.errors()[0]!.hint).toContain('\\《');
    await writeFile(join(root, 'a.md'), '# 一\n\n本文です。｜灯台守《とうだいもり》\n\n《《傍点》》\n');
    const result = await book.update(new Set([join(root, 'a.md')]));
    expect(result?.errors.map(({ file, ruleId }) => [file, ruleId])).toEqual([[join(root, 'b.md'), 'ruby-unclosed']]);
    expect(texts(book)[0]).toContain('<ruby>灯台守<rp>（</rp><rt>とうだいもり</rt><rp>）</rp></ruby>');
  });

  it('reports a missing image with its place, and clears it when the file arrives', async () => {
    const { root, book } = await open({
      'book.yaml': 'title: 本\n',
      'a.md': '本文\n\n![図](images/fig.png)\n',
      'images/.keep': '',
    });
    expect(book.errors()).toMatchObject([
      { message: 'image not found: images/fig.png', file: join(root, 'a.md'), line: 3, column: 1 },
    ]);
    expect(texts(book)[0]).toMatch(/<img alt="図" \/>/);
    // The folder the missing image would be in is watched, so that its arrival is noticed.
    expect(book.folders()).toEqual(new Set([root, join(root, 'images')]));
    await writeFile(join(root, 'images/fig.png'), PNG);
    expect(await book.update(new Set([join(root, 'images/fig.png')]))).toMatchObject({
      kind: 'images',
      files: ['images/fig.png'],
      errors: [],
    });
    expect(texts(book)[0]).toContain('src="/__manuscript/images/fig.png?v=1"');
    await rm(join(root, 'images/fig.png'));
    expect((await book.update(new Set([join(root, 'images/fig.png')])))?.errors).toHaveLength(1);
  });

  it('refuses images outside the manuscript and on the network, as a build does', async () => {
    const { book } = await open({
      'book.yaml': 'title: 本\n',
      'a.md': '![外](../outside.png)\n\n![網](https://example.com/a.png)\n',
    });
    expect(book.errors().map((problem) => problem.ruleId)).toEqual(['path-outside', 'image-remote']);
    expect(texts(book)[0]).not.toContain('src=');
  });
});
