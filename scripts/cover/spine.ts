/** The spine width (背幅) from the page count and the paper, and the formula in words for the summary. */
import type { Paper } from '../config/papers.ts';

const MM_PER_INCH = 25.4;

/** A computed spine and how it was computed. */
export interface Spine {
  /** Width in millimetres, unrounded. */
  width: number;
  /** The page count the width is computed for: the interior's, made even (a leaf has two pages). */
  pages: number;
  /** The computation written out, e.g. `240 pages ÷ 2 × 0.1 mm (上質70kg) + 0.5 mm = 12.50 mm`. */
  formula: string;
}

/** Millimetres to two places, without trailing zeros past the point. */
function mm(value: number): string {
  return `${Number(value.toFixed(4))} mm`;
}

/** Spine width = even page count × thickness per page (or ÷ 2 × per sheet) + the shop's allowance. */
export function spineWidth(pageCount: number, paper: Paper, allowance: number): Spine {
  if (!Number.isInteger(pageCount) || pageCount < 1)
    throw new Error(`page count must be a whole number ≥ 1, not ${pageCount}`);
  // An odd last page still takes a whole leaf; KDP likewise counts an even number of pages.
  const pages = pageCount + (pageCount % 2);
  const plus = allowance > 0 ? ` + ${mm(allowance)} allowance` : '';
  let paperPart: number;
  let formula: string;
  if (paper.mmPerSheet !== undefined) {
    paperPart = (pages / 2) * paper.mmPerSheet;
    formula = `${pages} pages ÷ 2 × ${mm(paper.mmPerSheet)} per sheet (${paper.name})`;
  } else if (paper.inchesPerPage !== undefined) {
    paperPart = pages * paper.inchesPerPage * MM_PER_INCH;
    formula = `${pages} pages × ${paper.inchesPerPage} in per page (${paper.name}) × 25.4`;
  } else {
    throw new Error(`paper ${paper.name} has no thickness`);
  }
  const width = paperPart + allowance;
  const odd = pages !== pageCount ? ` (${pageCount} pages made even)` : '';
  return { width, pages, formula: `${formula}${plus} = ${width.toFixed(2)} mm${odd}` };
}
