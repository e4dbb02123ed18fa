/**
 * What each destination asks of a PDF, as numbers and names: Amazon KDP's limits for paperback
 * interiors (defined with the other destination rules in scripts/config/destination-rules.ts, where
 * book.yaml is checked against them) and the PDF/X-1a:2001 identification with its printing
 * condition. The preflight checks them here; the press makes its files to them.
 */

export { KDP_MIN_TEXT_PT, KDP_PAGES, kdpGutterMm, kdpOutsideMm } from '../../config/destination-rules.ts';

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
