/**
 * Readings for sorting (`file-as`), as the 電書協 EPUB 3 制作ガイド writes them: katakana, for the
 * title, each author and the publisher. Library apps sort a book without one by the code order
 * of its kanji, so a Japanese book without readings gets a warning; authors type readings in
 * hiragana, which is converted.
 */
import type { BookConfig } from '../config/schema.ts';
import type { Place, Warning } from '../errors.ts';
import { authorsOf } from '../layout/metadata-text.ts';

/** The `file-as` readings of a book's title, authors (in order) and publisher. */
export interface Readings {
  title?: string;
  authors: (string | undefined)[];
  publisher?: string;
}

/** Hiragana (and its iteration marks) as katakana; everything else as it is. */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60));
}

// Text that is its own reading: kana (with ー, ・, spaces, digits and Latin letters), such as
// the title こころ. Kanji and other scripts need a reading.
const READS_AS_WRITTEN = /^[\p{scx=Hiragana}\p{scx=Katakana}\p{Zs}0-9A-Za-z０-９Ａ-Ｚａ-ｚ!?！？、。・ー〜-]+$/u;

/** A reading as written, or the text itself when it reads as written. */
function readingOf(text: string, reading: string | undefined): string | undefined {
  if (reading !== undefined) return toKatakana(reading);
  return READS_AS_WRITTEN.test(text) ? toKatakana(text) : undefined;
}

/** The readings the metadata gives, in katakana, and what is missing or wrong as warnings. */
export function bookReadings(
  config: BookConfig,
  locate: (keys: string[]) => Place,
): {
  readings: Readings;
  warnings: Warning[];
} {
  const authors = authorsOf(config);
  const authorReadings = config.authorReading === undefined ? [] : [config.authorReading].flat();
  const readings: Readings = {
    title: readingOf(config.title, config.titleReading),
    authors: authors.map((name, index) => readingOf(name, authorReadings[index])),
    publisher: config.publisher === undefined ? undefined : readingOf(config.publisher, config.publisherReading),
  };
  const warnings: Warning[] = [];
  for (const [key, reading] of [
    ['titleReading', config.titleReading],
    ['publisherReading', config.publisherReading],
    ...authorReadings.map((reading) => ['authorReading', reading] as const),
  ] as const) {
    const kanji = reading?.match(/\p{scx=Han}/u)?.[0];
    if (kanji)
      warnings.push({
        message: `${key} holds a kanji (${kanji}): a reading is written in kana`,
        ...locate([key]),
        hint: `write how it is read, in hiragana or katakana (${key}: めいあん)`,
        ruleId: 'reading-kana',
      });
  }
  if (authorReadings.length > authors.length) {
    warnings.push({
      message: `authorReading has ${authorReadings.length} readings for ${authors.length} author(s)`,
      ...locate(['authorReading']),
      hint: 'give one reading for each author, in the order of author: (a list for several: [やまだ, たなか])',
      ruleId: 'reading-count',
    });
  }
  const missing = missingReadings(config, readings);
  if (missing.length > 0 && /^ja\b/i.test(config.lang)) {
    warnings.push({
      message: `no reading for sorting: ${missing.join(', ')}; library apps and stores sort a book without one by the code order of its kanji`,
      ...locate(['title']),
      hint: `write ${missing.join(' and ')} in kana in the metadata, as a book called 明暗 has titleReading: めいあん (hiragana is fine: the EPUB gets katakana, as the 電書協 guide asks)`,
      ruleId: 'reading-missing',
    });
  }
  return { readings, warnings };
}

/** The keys a reading is missing for. */
function missingReadings(config: BookConfig, readings: Readings): string[] {
  const missing: string[] = [];
  if (readings.title === undefined) missing.push('titleReading');
  if (readings.authors.some((reading) => reading === undefined)) missing.push('authorReading');
  if (config.publisher !== undefined && readings.publisher === undefined) missing.push('publisherReading');
  return missing;
}
