/**
 * The page formats a book.yaml may name, and lengths as an author writes them: millimetres as
 * numbers, or a text with its unit (`5in`, `127mm`), for the destinations that publish their
 * sizes in inches.
 */

/** Paper sizes a Japanese publisher names, in millimetres (width × height). */
export const PAGE_FORMATS = {
  bunko: { width: 105, height: 148, label: '文庫 (A6)' },
  shinsho: { width: 103, height: 182, label: '新書' },
  shiroku: { width: 127, height: 188, label: '四六判' },
  b6: { width: 128, height: 182, label: 'B6' },
  a5: { width: 148, height: 210, label: 'A5' },
  b5: { width: 182, height: 257, label: 'B5' },
} as const;

/** A named page format. */
export type PageFormatName = keyof typeof PAGE_FORMATS;

/** A trim size in millimetres. */
export interface Trim {
  width: number;
  height: number;
}

/** A format as the schema reads it: a name, or a size in millimetres. */
export type FormatSetting = PageFormatName | Trim;

/** The size of a format in millimetres. */
export function trimOf(format: FormatSetting): Trim {
  const { width, height } = typeof format === 'string' ? PAGE_FORMATS[format] : format;
  return { width, height };
}

/** A format as a person reads it: `文庫 (A6) 105 × 148 mm`, `127 × 203.2 mm (5 × 8 in)`. */
export function formatLabel(format: FormatSetting): string {
  const { width, height } = trimOf(format);
  const size = `${round(width)} × ${round(height)} mm`;
  return typeof format === 'string'
    ? `${PAGE_FORMATS[format].label} ${size}`
    : `${size} (${inches(width)} × ${inches(height)} in)`;
}

/** Millimetres per inch. */
export const MM_PER_INCH = 25.4;

/** Millimetres written to at most two decimals. */
function round(mm: number): number {
  return Math.round(mm * 100) / 100;
}

/** Inches written to at most two decimals. */
export function inches(mm: number): number {
  return Math.round((mm / MM_PER_INCH) * 100) / 100;
}

/** A length written with its unit, `5in`, `5.06 in`, `127mm`: its millimetres, or undefined when it is not one. */
export function readLength(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(mm|in)\s*$/i.exec(text.normalize('NFKC'));
  if (!match) return undefined;
  const value = Number(match[1]);
  return match[2]!.toLowerCase() === 'in' ? value * MM_PER_INCH : value;
}
