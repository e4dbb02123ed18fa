/**
 * What each destination asks of a PDF, as numbers and names: Amazon KDP's limits for paperback
 * interiors and the PDF/X-1a:2001 identification with its printing condition. Defined once here,
 * where the preflight checks them; the press makes its files to them.
 */

/** KDP's smallest type size, in points. */
export const KDP_MIN_TEXT_PT = 7;
/** KDP's page-count limits for a paperback. */
export const KDP_PAGES = { min: 24, max: 828 } as const;
/** KDP's minimum inside (gutter) margin by page count: up to `pages`, at least `inches`. */
export const KDP_GUTTER: readonly { pages: number; inches: number }[] = [
  { pages: 150, inches: 0.375 },
  { pages: 300, inches: 0.5 },
  { pages: 500, inches: 0.625 },
  { pages: 700, inches: 0.75 },
  { pages: KDP_PAGES.max, inches: 0.875 },
];

/** A printing condition registered with the ICC (an output intent needs no profile for it). */
export interface OutputCondition {
  identifier: string;
  condition: string;
  registry: string;
}

/** Japan Color 2001 Coated, the usual condition for Japanese offset printing on coated paper. */
export const JAPAN_COLOR_2001_COATED: OutputCondition = {
  identifier: 'JC200103',
  condition: 'Japan Color 2001 Coated',
  registry: 'http://www.color.org',
};

/** The values a PDF/X-1a:2001 file carries, for writing and for preflight to compare. */
export const PDFX_1A_2001 = { version: 'PDF/X-1:2001', conformance: 'PDF/X-1a:2001' } as const;
