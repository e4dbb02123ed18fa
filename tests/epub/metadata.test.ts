/** The package metadata's own rules: the derived identifier, and the readings for sorting. */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BookSchema, type BookInput } from '../../scripts/config/schema.ts';
import { bookIdentifier } from '../../scripts/epub/identifier.ts';
import { bookReadings, toKatakana } from '../../scripts/epub/readings.ts';

const config = (input: BookInput) => v.parse(BookSchema, input);
const locate = () => ({ file: 'book.yaml', line: 1, column: 1 });
const source = (input: BookInput, root = '/books/novel') => ({
  config: config(input),
  metadataFile: `${root}/book.yaml`,
  root,
  locate,
});

describe('bookIdentifier', () => {
  it('keeps the derived identifier when the author corrects title, subtitle, author, publisher or date', () => {
    const first = bookIdentifier(source({ title: '明暗', author: '夏目嗽石' })).identifier;
    const corrected = bookIdentifier(
      source({
        title: '明暗（上）',
        subtitle: '新版',
        author: ['夏目漱石'],
        publisher: '青空文庫',
        date: '2027-01-01',
      }),
    ).identifier;
    expect(corrected).toBe(first);
    expect(first).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('derives it from the book’s file name: the filename key, or the folder’s or file’s name', () => {
    const folder = bookIdentifier(source({ title: '本' }, '/books/novel')).identifier;
    expect(bookIdentifier(source({ title: '本' }, '/books/other')).identifier).not.toBe(folder);
    expect(bookIdentifier(source({ title: '本', filename: 'novel' }, '/books/other')).identifier).toBe(folder);
    const oneFile = {
      config: config({ title: '本' }),
      metadataFile: '/elsewhere/novel.md',
      root: '/elsewhere',
      locate,
    };
    expect(bookIdentifier(oneFile).identifier).toBe(folder);
  });

  it('warns with a line to paste that holds a new random UUID, and says when isbn is the printed book’s', () => {
    const { warning } = bookIdentifier(source({ title: '本', isbn: '978-4-10-101001-4' }));
    expect(warning?.ruleId).toBe('identifier-missing');
    expect(warning?.message).toContain('isbn is the printed book’s');
    const line = warning?.hint?.match(/\n {4}identifier: urn:uuid:([0-9a-f-]{36})$/);
    expect(line?.[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  });

  it('takes the metadata’s identifier as it is, an ISBN as urn:isbn, with no warning', () => {
    expect(bookIdentifier(source({ title: '本', identifier: '978-4-10-101001-4' }))).toEqual({
      identifier: 'urn:isbn:9784101010014',
    });
    expect(bookIdentifier(source({ title: '本', identifier: 'urn:uuid:x' }))).toEqual({ identifier: 'urn:uuid:x' });
  });
});

describe('bookReadings', () => {
  it('writes hiragana readings as katakana, for the title, each author and the publisher', () => {
    const { readings, warnings } = bookReadings(
      config({
        title: '明暗',
        titleReading: 'めいあん',
        author: ['夏目漱石', '正岡子規'],
        authorReading: ['なつめ そうせき', 'まさおか しき'],
        publisher: '青空文庫',
        publisherReading: 'あおぞらぶんこ',
      }),
      locate,
    );
    expect(readings).toEqual({
      title: 'メイアン',
      authors: ['ナツメ ソウセキ', 'マサオカ シキ'],
      publisher: 'アオゾラブンコ',
    });
    expect(warnings).toEqual([]);
  });

  it('reads a kana title as written and asks for the readings that are missing', () => {
    const { readings, warnings } = bookReadings(
      config({ title: 'こころ', author: '夏目漱石', publisher: '岩波' }),
      locate,
    );
    expect(readings.title).toBe('ココロ');
    expect(warnings.map((w) => [w.ruleId, w.message.split(';')[0]])).toEqual([
      ['reading-missing', 'no reading for sorting: authorReading, publisherReading'],
    ]);
    // The hint names what is missing, and its kana is plainly another book's example.
    expect(warnings[0]!.hint).toMatch(/^write authorReading and publisherReading in kana .*明暗.*めいあん/);
  });

  it('says nothing of readings for a book in another language, and flags kanji in a reading', () => {
    expect(bookReadings(config({ title: 'Meian', author: 'Soseki', lang: 'en' }), locate).warnings).toEqual([]);
    const { warnings } = bookReadings(config({ title: '明暗', titleReading: '明あん' }), locate);
    expect(warnings.map((w) => w.ruleId)).toEqual(['reading-kana']);
  });

  it('turns hiragana and its iteration marks into katakana and leaves the rest', () => {
    expect(toKatakana('ゝゞぁゔ ー・Ab漢')).toBe('ヽヾァヴ ー・Ab漢');
  });
});
