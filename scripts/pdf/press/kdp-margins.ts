/**
 * KDP's margins, kept by construction. KDP wants everything it prints — text, ruby, hanging
 * punctuation, folios, running heads — at least 0.375 in inside the trim at the top, the bottom
 * and the outer edge (0.25 in without bleed), and at least a gutter that grows with the page
 * count at the binding. The 版面 is placed for it in two steps:
 *
 * - before the layout, its height is placed between room for the running head above and for the
 *   hanging punctuation and the folio below, and its width is checked against the smallest
 *   gutter (an error names by how much it is too tall or too wide, at the setting's line);
 * - after the layout, when the page count is known, the margins at the fore-edge and the gutter
 *   are set for that count; the press moves each page's text by them, so the pagination does not
 *   change and the author never has to guess a gutter.
 *
 * What reaches past the 版面's ink is allowed for: ruby and 傍点 beside the first line (half the
 * type size), a hanging 、。 past the end of a line (one), and the extent a glyph's box has in a
 * PDF beyond its em square (its font's ascent and descent, which preflights and `pdftotext -bbox`
 * measure).
 */
import {
  inchesAndMm,
  kdpGutterMm,
  kdpGutterStep,
  kdpOutsideMm,
  KDP_MIN_TEXT_PT,
} from '../../config/destination-rules.ts';
import type { PrintOptions } from '../../config/schema.ts';
import { BuildError, type Place } from '../../errors.ts';
import type { PageGeometry } from '../../layout/geometry.ts';
import { MM_PER_PT } from '../../layout/units.ts';

/** A glyph's box in a PDF, in ems from its baseline: generous for the bundled Noto faces (1.151 and 0.286). */
const BOX = { ascent: 1.2, descent: 0.3 } as const;
/** Beyond KDP's least margin, for the printer's tolerance and the measuring tools' rounding, in millimetres. */
const SAFETY = 0.5;
/** Where a CJK font's em square tops out above the baseline, in ems (its ideographic top). */
const EM_TOP = 0.88;
/** How far a glyph's box reaches past its em square in a vertical line, in ems (at either end). */
const VERTICAL_OVERSHOOT = 0.25;
/**
 * How far ruby beside a vertical line reaches past the line's em square, in body ems: half an em
 * of reading, and its glyphs' boxes past their own em squares (0.65 em measured on a 四六判 KDP
 * book, readings set in their own faces as JLReq places them).
 */
const VERTICAL_RUBY_REACH = 0.7;

/** Where a KDP page's folio and running head sit: baselines in points, from the trim's bottom and top. */
export interface KdpMarkPlaces {
  folioSize: number;
  headSize: number;
  /** The folio's baseline above the trim's bottom edge. */
  folioBaseline: number;
  /** The running head's baseline below the trim's top edge. */
  headBaseline: number;
}

/** The type sizes of the marks KDP prints: three quarters and 0.85 of the body, never under its 7 pt. */
function kdpMarkSizes(g: PageGeometry): { folioSize: number; headSize: number } {
  return {
    folioSize: Math.max(KDP_MIN_TEXT_PT, g.fontSize * 0.85),
    headSize: Math.max(KDP_MIN_TEXT_PT, g.fontSize * 0.75),
  };
}

/** What reaches past the ink of the 版面 on each side, in millimetres. */
function overhang(g: PageGeometry, print: Pick<PrintOptions, 'hanging'>) {
  const em = g.fontSize * MM_PER_PT;
  const hang = print.hanging ? em : 0;
  // Ruby and 傍点 sit on the right of a vertical line, above a horizontal one, half the size.
  return g.vertical
    ? { top: VERTICAL_OVERSHOOT * em, bottom: VERTICAL_OVERSHOOT * em + hang, side: VERTICAL_RUBY_REACH * em }
    : { top: (0.5 + (BOX.ascent - EM_TOP) * 0.5) * em, bottom: (BOX.descent - (1 - EM_TOP)) * em, side: hang };
}

/** The room a mark needs in the margin: its box, and a gap of half the body size from the text. */
function markRoom(size: number, g: PageGeometry): number {
  return (BOX.ascent + BOX.descent) * size * MM_PER_PT + 0.5 * g.fontSize * MM_PER_PT;
}

/**
 * Before the layout: the 版面's height placed inside KDP's top and bottom margins with room for
 * the marks, and its width checked against the smallest gutter. An error when it cannot fit.
 */
export function kdpGeometry(
  g: PageGeometry,
  print: Pick<PrintOptions, 'hanging' | 'runningHead'>,
  locate: (keys: (string | number)[]) => Place,
): PageGeometry {
  if (g.profile !== 'kdp') return g;
  const least = kdpOutsideMm(g.bleed) + SAFETY;
  const reach = overhang(g, print);
  const { folioSize, headSize } = kdpMarkSizes(g);
  const needTop = least + (print.runningHead === 'none' ? 0 : markRoom(headSize, g)) + reach.top;
  const needBottom = least + markRoom(folioSize, g) + reach.bottom;
  const spare = g.margin.top + g.margin.bottom;
  if (spare < needTop + needBottom) {
    throw tooBig(
      g,
      locate,
      'tall',
      needTop + needBottom - spare,
      'top and bottom margins with the running head and folio',
    );
  }
  const top = Math.min(Math.max(g.margin.top, needTop), spare - needBottom);
  const placed = { ...g, margin: { ...g.margin, top, bottom: spare - top } };
  // The width: even the smallest gutter, for books of up to 150 pages, must leave KDP's outside margin.
  sideMargins(placed, print, 1, locate);
  return placed;
}

/**
 * After the layout: the fore-edge and gutter margins for the final page count, the author's
 * `print.gutter` kept where KDP's minimum allows. An error, naming how much too wide the 版面 is
 * and how many lines fewer make room, when it cannot fit.
 */
export function kdpFinalGeometry(
  g: PageGeometry,
  print: Pick<PrintOptions, 'hanging'>,
  pages: number,
  locate: (keys: (string | number)[]) => Place,
): PageGeometry {
  if (g.profile !== 'kdp') return g;
  return { ...g, margin: { ...g.margin, ...sideMargins(g, print, pages, locate) } };
}

/** The fore-edge and gutter margins (ink, mm) for `pages` pages, or the error that says the 版面 is too wide. */
function sideMargins(
  g: PageGeometry,
  print: Pick<PrintOptions, 'hanging'>,
  pages: number,
  locate: (keys: (string | number)[]) => Place,
): { fore: number; gutter: number } {
  const side = overhang(g, print).side;
  const leastFore = kdpOutsideMm(g.bleed) + SAFETY + side;
  const leastGutter = kdpGutterMm(pages) + SAFETY + side;
  const spare = g.margin.fore + g.margin.gutter;
  if (spare < leastFore + leastGutter) {
    const short = leastFore + leastGutter - spare;
    throw tooBig(g, locate, 'wide', short, `KDP's margins for ${pages > 1 ? `${pages} pages` : 'any book'}`, pages);
  }
  // The author's extra gutter, as far as KDP's minimum at the gutter and at the fore-edge allow.
  const gutter = Math.min(Math.max(g.margin.gutter, leastGutter), spare - leastFore);
  return { fore: spare - gutter, gutter };
}

/** The error of a 版面 too tall or too wide for KDP's margins, at the setting that makes it so. */
function tooBig(
  g: PageGeometry,
  locate: (keys: (string | number)[]) => Place,
  way: 'tall' | 'wide',
  short: number,
  within: string,
  pages = 0,
): BuildError {
  // Lines stack across a vertical page and down a horizontal one; characters run the other way.
  const byLines = (way === 'wide') === g.vertical;
  const key = byLines ? 'linesPerPage' : 'charsPerLine';
  const unit = byLines ? g.pitchPt * MM_PER_PT * g.columns : g.fontSize * MM_PER_PT * g.columns;
  const fewer = byLines && pages > 1 ? linesToDrop(g, short, pages) : Math.ceil(short / unit - 1e-9);
  const current = byLines ? g.linesPerPage : g.charsPerLine;
  const gutterNote =
    way === 'wide' && pages > 1
      ? ` (KDP's gutter for ${kdpGutterStep(pages)} pages is ${inchesAndMm(kdpGutterMm(pages))})`
      : '';
  return new BuildError(
    `the 版面 is ${short.toFixed(1)} mm too ${way} for ${within} on a ${twoPlaces(g.trim.width)} × ${twoPlaces(g.trim.height)} mm KDP page${gutterNote}`,
    {
      ...locate(['print', key]),
      hint: `${fewer} ${byLines ? 'line' : 'character'}${fewer > 1 ? 's' : ''} fewer makes room: ${key}: ${current - fewer} under print.kdp (or a larger print.kdp.format)`,
      ruleId: 'kdp-margins',
    },
  );
}

/**
 * Lines to take off a vertical page's 版面 for `short` mm more margin: fewer lines make more
 * pages, which may need the next, wider gutter step, so each count is tried with its pages.
 */
function linesToDrop(g: PageGeometry, short: number, pages: number): number {
  const pitch = g.pitchPt * MM_PER_PT * g.columns;
  for (let fewer = 1; fewer < g.linesPerPage - 1; fewer++) {
    const morePages = Math.ceil((pages * g.linesPerPage) / (g.linesPerPage - fewer));
    const wider = kdpGutterMm(morePages) - kdpGutterMm(pages);
    if (fewer * pitch >= short + wider) return fewer;
  }
  return g.linesPerPage - 1;
}

/** Where a KDP page's folio and running head go: inside KDP's margins, clear of the text's overhang. */
export function kdpMarkPlaces(g: PageGeometry, print: Pick<PrintOptions, 'hanging'>): KdpMarkPlaces {
  const pt = 72 / 25.4;
  const least = (kdpOutsideMm(g.bleed) + SAFETY) * pt;
  const reach = overhang(g, print);
  const gap = 0.5 * g.fontSize;
  const { folioSize, headSize } = kdpMarkSizes(g);
  // Halfway down the margin, as in print, unless KDP's margin or the text's overhang is nearer.
  const folioLow = least + BOX.descent * folioSize;
  const folioHigh = (g.margin.bottom - reach.bottom) * pt - gap - BOX.ascent * folioSize;
  const folioBaseline = clamp((g.margin.bottom * pt) / 2 - folioSize / 3, folioLow, folioHigh);
  const headLow = least + BOX.ascent * headSize;
  const headHigh = (g.margin.top - reach.top) * pt - gap - BOX.descent * headSize;
  const headBaseline = clamp((g.margin.top * pt) / 2 + headSize / 3, headLow, headHigh);
  return { folioSize, headSize, folioBaseline, headBaseline };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** Millimetres to two decimals at most: a trim given in inches (6in) reads 152.4 mm. */
function twoPlaces(value: number): number {
  return Math.round(value * 100) / 100;
}
