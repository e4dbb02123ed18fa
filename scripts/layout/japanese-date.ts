/** Dates as a Japanese colophon prints them. */

const KANJI_DIGITS = '〇一二三四五六七八九';

/** Digits read one by one, as kanji: 2026 → 二〇二六 (years, page numbers). */
export function kanjiDigits(digits: string): string {
  return [...digits].map((digit) => KANJI_DIGITS[Number(digit)] ?? digit).join('');
}

/** 2026-11-23 → 2026年11月23日, or 二〇二六年十一月二十三日 for vertical text. */
export function japaneseDate(isoDate: string, vertical: boolean): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  if (!vertical) return `${Number(year)}年${Number(month)}月${Number(day)}日`;
  // Years are read digit by digit (二〇二六), months and days as numbers (二十三).
  return `${kanjiDigits(year)}年${kanjiNumber(Number(month))}月${kanjiNumber(Number(day))}日`;
}

/** 1–99 as kanji numerals: 十一, 二十三. */
function kanjiNumber(value: number): string {
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens > 1 ? KANJI_DIGITS[tens] : ''}${tens > 0 ? '十' : ''}${ones > 0 ? KANJI_DIGITS[ones] : ''}`;
}
