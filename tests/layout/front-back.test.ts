/** The 奥付 of each edition (e-book, each printed edition), and the 目次's numeral chapters several to a line. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { configFor } from '../../scripts/config/destination-config.ts';
import { BookSchema, type BookInput } from '../../scripts/config/schema.ts';
import { colophonPage } from '../../scripts/layout/colophon.ts';
import type { TocEntry } from '../../scripts/layout/toc.ts';
import { isBareNumeral, tocList } from '../../scripts/layout/toc-page.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';

const config = (input: BookInput) => v.parse(BookSchema, input);
const book = config({
  title: '本',
  author: '著者',
  date: '2026-11-23',
  edition: '初版第一刷発行',
  identifier: '978-4-10-101001-4',
  isbn: '978-4-00-310101-8',
});

describe('colophonPage', () => {
  it('dates the e-book 電子版発行 and shows its own ISBN', () => {
    const xhtml = toXhtml([colophonPage(book, 'ebook')]);
    expect(xhtml).toContain('二〇二六年十一月二十三日　電子版発行');
    expect(xhtml).not.toContain('刷');
    expect(xhtml).toContain('ISBN978-4-10-101001-4');
    expect(xhtml).not.toContain('978-4-00-310101-8');
  });

  it('keeps the printed edition’s line and ISBN in print', () => {
    const xhtml = toXhtml([colophonPage(book, 'print')]);
    expect(xhtml).toContain('二〇二六年十一月二十三日　初版第一刷発行');
    expect(xhtml).toContain('ISBN978-4-00-310101-8');
  });

  it('names the printer in print only, and shows each printed edition its own ISBN and printer', () => {
    const both = config({
      ...book,
      printer: '精興社',
      print: { kdp: { isbn: '978-4-00-000000-0', printer: 'Amazon.com Services LLC' } },
    });
    expect(toXhtml([colophonPage(both, 'ebook')])).not.toContain('印刷・製本');
    const shop = toXhtml([colophonPage(configFor(both, 'print-shop'), 'print')]);
    expect(shop).toContain(
      '<span class="colophon-label">印刷・製本</span>　<span class="colophon-value">精興社</span>',
    );
    expect(shop).toContain('ISBN978-4-00-310101-8');
    const kdp = toXhtml([colophonPage(configFor(both, 'kdp'), 'print')]);
    expect(kdp).toContain('ISBN978-4-00-000000-0');
    expect(kdp).not.toContain('978-4-00-310101-8');
    expect(kdp).toContain('Amazon.com Services LLC');
    // null: this edition has no ISBN of its own, and prints none.
    const none = config({ ...book, print: { kdp: { isbn: null } } });
    expect(toXhtml([colophonPage(configFor(none, 'kdp'), 'print')])).not.toContain('ISBN');
  });

  it('never prints a UUID identifier', () => {
    const xhtml = toXhtml([
      colophonPage(config({ title: '本', identifier: 'urn:uuid:5b0c8e71-3d4a-4c2e-9f6b-8a1d2e7c4f90' }), 'ebook'),
    ]);
    expect(xhtml).not.toContain('uuid');
  });
});

const entry = (text: string, index: number): TocEntry => ({
  text,
  id: `ch-${index}-h1`,
  chapterId: `ch-${index}`,
  depth: 1,
  children: [],
});

describe('a 目次 of numeral chapters', () => {
  it('knows bare numerals from titles', () => {
    expect(['一', '二十三', '百八十八', '12', '１２', 'Ⅳ'].every(isBareNumeral)).toBe(true);
    expect(['第一章', '一　はじまり', '底本', 'A'].some(isBareNumeral)).toBe(false);
  });

  it('sets a run of five or more on one line, each its own link, and lists the rest as usual', () => {
    const titles = ['序', '一', '二', '三', '四', '五', '六', '底本'];
    const list = tocList(titles.map(entry), { href: (e) => `#${e.id}`, compactNumerals: true });
    expect(toXhtml([list])).toBe(
      '<ol><li class="toc-level-1"><a href="#ch-0-h1">序</a></li>' +
        '<li class="toc-level-1 toc-numerals">' +
        ['一', '二', '三', '四', '五', '六'].map((t, i) => `<a href="#ch-${i + 1}-h1">${t}</a>`).join('　') +
        '</li><li class="toc-level-1"><a href="#ch-7-h1">底本</a></li></ol>',
    );
    const short = tocList(['一', '二', '三', '四'].map(entry), { href: (e) => `#${e.id}`, compactNumerals: true });
    expect(toXhtml([short])).not.toContain('toc-numerals');
  });
});
