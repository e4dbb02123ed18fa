/**
 * 青空文庫 texts as books (scripts/manuscript/aozora-text.ts, aozora-book.ts, decode.ts): the
 * encoding found from the bytes, the header as metadata, the notes block left out, the credits
 * set apart, book.yaml beside the file, and bad input reported at its place. The real texts are
 * the archive's files, byte for byte (tests/fixtures/aozora-texts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { bookWarnings, loadBook } from '../../scripts/book.ts';
import { colophonPage } from '../../scripts/layout/colophon.ts';
import { titlePage } from '../../scripts/layout/title-page.ts';
import { headerMetadata } from '../../scripts/manuscript/aozora-book.ts';
import { readChapterAgain } from '../../scripts/manuscript/aozora-text.ts';
import { decodeText } from '../../scripts/manuscript/decode.ts';
import { loadManuscript } from '../../scripts/manuscript/load.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const fixture = (name: string) => new URL(`../fixtures/aozora-texts/${name}`, import.meta.url).pathname;
const html = (book: Awaited<ReturnType<typeof loadBook>>) => book.chapters.map((chapter) => toHtml(chapter.tree)).join('\n');
const text = (markup: string) => markup.replace(/<rt>.*?<\/rt>|<rp>.*?<\/rp>|<[^>]+>/g, '');

/** 題名 / 著者 / (blank) / 本文①～ in CP932, with CRLF line ends. */
const SJIS_TEXT = Buffer.from('91e896bc0d0a92988ed20d0a0d0a967b95b687408160' + '0d0a', 'hex');

describe('decodeText', () => {
  it('reads Shift_JIS as CP932 (NEC and IBM extensions), UTF-8 with and without BOM', () => {
    expect(decodeText(SJIS_TEXT, 'a.txt')).toBe('題名\r\n著者\r\n\r\n本文①～\r\n');
    expect(decodeText(Buffer.from('\uFEFF本文', 'utf8'), 'a.txt')).toBe('本文');
    expect(decodeText(Buffer.from('本文\n', 'utf8'), 'a.txt')).toBe('本文\n');
  });

  it('refuses bytes that are neither, at their line and column, and UTF-16', () => {
    const bytes = Buffer.concat([SJIS_TEXT, Buffer.from('967b95b6', 'hex'), Buffer.from([0xff, 0xfe, 0x41])]);
    expect(() => decodeText(bytes, 'bad.txt')).toThrow(
      expect.objectContaining({ file: 'bad.txt', line: 5, column: 3, ruleId: 'encoding-unknown' }),
    );
    expect(() => decodeText(Buffer.from([0xff, 0xfe, 0x2c, 0x67]), 'u16.txt')).toThrow(
      expect.objectContaining({ ruleId: 'encoding-unsupported', line: 1 }),
    );
  });
});

describe('headerMetadata', () => {
  it.each([
    [['山月記', '中島敦'], { title: '山月記', author: '中島敦' }],
    [['題', '森鴎外訳'], { title: '題', translator: '森鴎外' }],
    [['題', '副題', '著者'], { title: '題', subtitle: '副題', author: '著者' }],
    [['題', '著者', '訳者訳'], { title: '題', author: '著者', translator: '訳者' }],
    [['題', 'THE TITLE', '著者'], { title: '題', subtitle: 'THE TITLE', author: '著者' }],
    [['題', 'THE TITLE', '副題', '著者'], { title: '題', subtitle: 'THE TITLE　副題', author: '著者' }],
    [['題', '副題', '著者', '編者編'], { title: '題', subtitle: '副題', author: '著者', editor: '編者' }],
  ])('%j', (header, metadata) => {
    expect(headerMetadata(header)).toEqual(metadata);
  });
});

describe('a 青空文庫 text as a book', () => {
  it('reads 山月記 as distributed: the header as metadata, 外字 as characters, the credits at the end', async () => {
    const book = await loadBook(fixture('sangetsuki.txt'));
    expect(book.config).toMatchObject({ title: '山月記', author: '中島敦', filename: 'sangetsuki' });
    const markup = html(book);
    // No annotation, ruby mark or notes block is printed; the title is not body text.
    expect(text(markup)).not.toMatch(/［＃|｜|《|》|テキスト中に現れる記号|^山月記/);
    // 袁傪 is written 袁※［＃「にんべん＋參」、第4水準2-1-79］ eighteen times, once with its ruby.
    expect(text(markup).match(/袁傪/g)).toHaveLength(18);
    expect(markup).toContain('<ruby>袁傪<rp>（</rp><rt>えんさん</rt>');
    expect(text(markup)).not.toContain('※');
    // The credits come last, on a page of their own.
    expect(markup).toMatch(/<div class="pagebreak"><\/div>\n?<div class="aozora-credits">\n?<p[^>]*>底本：「李陵・山月記」新潮文庫、新潮社<\/p>/);
    expect(bookWarnings(book)).toEqual([]);
  });

  it('takes metadata from book.yaml beside the text over the header', async () => {
    const root = await makeManuscript({
      'a.txt': SJIS_TEXT,
      'book.yaml': 'title: 別の題\nprint:\n  format: a5\n',
    });
    const manuscript = await loadManuscript(join(root, 'a.txt'));
    expect(manuscript.config).toMatchObject({ title: '別の題', author: '著者', chapterLevel: 2, filename: 'a' });
    expect(manuscript.config.print.format).toBe('a5');
    expect(manuscript.metadataFile).toBe(join(root, 'book.yaml'));
  });

  it('reports an annotation it does not know and a block never closed at their places, keeping the text', async () => {
    const root = await makeManuscript({
      'a.txt': '題\n著者\n\n本文［＃ほげ］です。\n［＃ここから２字下げ］\n下げた行\n',
    });
    const book = await loadBook(join(root, 'a.txt'));
    const warnings = bookWarnings(book).map(({ line, column, ruleId }) => `${line}:${column} ${ruleId}`).sort();
    expect(warnings).toEqual(['4:3 aozora-unsupported', '5:1 aozora-block-unclosed']);
    expect(text(html(book))).toContain('本文です。');
    expect(text(html(book))).toContain('下げた行');
  });

  it('ends the body at ［＃本文終わり］: what follows is set with the credits', async () => {
    const root = await makeManuscript({ 'a.txt': '題\n著者\n\n本文\n［＃本文終わり］\n後書き\n底本：「本」\n' });
    const markup = html(await loadBook(join(root, 'a.txt')));
    expect(markup).toMatch(/<p[^>]*>本文<\/p>\n?<div class="pagebreak"><\/div>\n?<div class="aozora-credits">\n?<p[^>]*>後書き<\/p>\n?<p[^>]*>底本：「本」<\/p>/);
    expect(text(markup)).not.toContain('本文終わり');
  });

  it('reads a changed .txt chapter again as a 青空文庫 text (the preview), and Markdown as Markdown', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\n', 'a.txt': SJIS_TEXT });
    const [first] = (await loadManuscript(root)).chapterFiles;
    const again = await readChapterAgain(join(root, 'a.txt'), first);
    expect(again.data.aozoraText).toEqual({ skip: [], titleLines: [1, 2] });
    expect(String(again.value)).toContain('本文①～');
  });

  it('prints a translator from the header on the title page and in the colophon', async () => {
    const root = await makeManuscript({ 'a.txt': '幸福な王子\nオスカー・ワイルド\n結城浩訳\n\n本文\n' });
    const { config } = await loadManuscript(join(root, 'a.txt'));
    expect(config).toMatchObject({ title: '幸福な王子', author: 'オスカー・ワイルド', translator: '結城浩' });
    expect(text(toHtml(titlePage(config)))).toContain('結城浩　訳');
    expect(text(toHtml(colophonPage(config, 'print')))).toContain('訳者　結城浩');
  });

  it('asks for a title when the text has no header and no book.yaml gives one', async () => {
    const bare = await makeManuscript({ 'a.txt': '\n本文\n' });
    await expect(loadManuscript(join(bare, 'a.txt'))).rejects.toMatchObject({ line: 1, column: 1, ruleId: 'metadata-missing' });
    const titled = await makeManuscript({ 'a.txt': '\n本文\n', 'book.yaml': 'title: 題\n' });
    expect((await loadManuscript(join(titled, 'a.txt'))).config.title).toBe('題');
  });

  it('refuses a file it cannot decode, at the line and column of the bad byte', async () => {
    const root = await makeManuscript({ 'a.txt': Buffer.concat([SJIS_TEXT, Buffer.from([0x41, 0xff])]) });
    await expect(loadManuscript(join(root, 'a.txt'))).rejects.toMatchObject({
      file: join(root, 'a.txt'),
      line: 5,
      column: 2,
      ruleId: 'encoding-unknown',
    });
  });

  it('makes each .txt of a folder a chapter, its header the chapter title and its credits at its end', async () => {
    const one = readFileSync(fixture('juunika-no-yuki/juunika-no-yuki.txt'));
    const root = await makeManuscript({
      'book.yaml': 'title: 随筆集\n',
      '1.txt': '一の題\n著者\n\n一の本文\n',
      '2.txt': one,
      'fig57458_01.png': readFileSync(fixture('juunika-no-yuki/fig57458_01.png')),
      'fig57458_02.png': readFileSync(fixture('juunika-no-yuki/fig57458_02.png')),
    });
    const book = await loadBook(root);
    expect(book.chapters.map((chapter) => chapter.title)).toEqual(['一の題', '十二花の雪']);
    const second = toHtml(book.chapters[1]!.tree);
    expect(second).toMatch(/<p class="no-indent align-end">中谷宇吉郎<\/p>/);
    expect(second).toMatch(/<img src="fig57458_01.png" alt="第１図">/);
    expect(second).toMatch(/<div class="aozora-credits">\n?<p[^>]*>底本：「中谷宇吉郎集　第一巻」岩波書店<\/p>/);
  });
});
