/**
 * Page geometry the Japanese way: the text block (版面) is given as characters per line (字詰め)
 * × lines per page (行数) at a type size and line pitch (行送り); the margins follow from it.
 * Everything here is in millimetres unless a name says otherwise.
 */
import {
  PAGE_FORMATS,
  type BookConfig,
  type PageFormatName,
  type PrintOptions,
  type Profile,
} from '../config/schema.ts';
import { BuildError, type Place } from '../errors.ts';
import { MM_PER_PT } from './units.ts';

/** The smallest margin that still leaves room for the folio and the printer's tolerance. */
const MIN_MARGIN = 5;

/** 版面 defaults a Japanese editor would recognise for each format. */
const FORMAT_DEFAULTS: Record<
  PageFormatName,
  { fontSize: number; charsPerLine: number; linesPerPage: number; lineHeight: number; columns: number }
> = {
  bunko: { fontSize: 9, charsPerLine: 38, linesPerPage: 16, lineHeight: 1.7, columns: 1 },
  shinsho: { fontSize: 9, charsPerLine: 42, linesPerPage: 16, lineHeight: 1.7, columns: 1 },
  shiroku: { fontSize: 9.5, charsPerLine: 42, linesPerPage: 18, lineHeight: 1.75, columns: 1 },
  b6: { fontSize: 9.5, charsPerLine: 40, linesPerPage: 17, lineHeight: 1.75, columns: 1 },
  a5: { fontSize: 10, charsPerLine: 45, linesPerPage: 18, lineHeight: 1.75, columns: 1 },
  b5: { fontSize: 10, charsPerLine: 26, linesPerPage: 22, lineHeight: 1.75, columns: 2 },
};

/** The resolved layout of every page of the print book. */
export interface PageGeometry {
  vertical: boolean;
  profile: Profile;
  /** Finished (trimmed) page size. */
  trim: { width: number; height: number };
  /** Bleed on each side of the page as rendered (the KDP profile later crops the gutter side). */
  bleed: number;
  /** The page as Chromium renders it: trim plus bleed on every side. */
  sheet: { width: number; height: number };
  fontSize: number;
  charsPerLine: number;
  linesPerPage: number;
  lineHeight: number;
  columns: number;
  columnGap: number;
  /** Line pitch (行送り) in points. */
  pitchPt: number;
  /** The text block as CSS lays it out (each line box is a full pitch). */
  block: { width: number; height: number };
  /** Margins from the trim edges to the ink of the text block; `fore` is the 小口 side, `gutter` the ノド side. */
  margin: { top: number; bottom: number; fore: number; gutter: number };
  /** Half the leading: the CSS block reaches this far beyond the ink of its first and last lines. */
  halfLeading: number;
  /** Label of the format for summaries (文庫 (A6) 105×148 mm). */
  label: string;
}

/**
 * Resolve the print geometry of a book for a destination, from that destination's settings
 * (config/destination-config.ts configFor); a 版面 that does not fit its page is an error.
 */
export function resolveGeometry(
  config: BookConfig,
  profile: Profile,
  locate: (keys: (string | number)[]) => Place,
): PageGeometry {
  const print: PrintOptions = config.print;
  const format = print.format;
  const named = typeof format === 'string' ? format : undefined;
  const trim: { width: number; height: number } = typeof format === 'string' ? PAGE_FORMATS[format] : format;
  const vertical = config.writingMode === 'vertical';
  // The named formats' 版面 are for 縦組; a 横組 book fits lines across the page instead.
  const defaults =
    named && vertical
      ? FORMAT_DEFAULTS[named]
      : customDefaults(trim.width, trim.height, vertical, named ? FORMAT_DEFAULTS[named] : undefined);
  const fontSize = print.fontSize ?? defaults.fontSize;
  const lineHeight = print.lineHeight ?? defaults.lineHeight;
  const columns = print.columns ?? defaults.columns;
  const columnGap = print.columnGap;
  // With a column count other than the format's, the default line length is shared out anew.
  const defaultLength = defaults.charsPerLine * defaults.columns + columnGap * (defaults.columns - 1);
  const charsPerLine = print.charsPerLine ?? Math.floor((defaultLength - columnGap * (columns - 1)) / columns);
  const linesPerPage = print.linesPerPage ?? defaults.linesPerPage;

  const em = fontSize * MM_PER_PT;
  const pitchPt = fontSize * lineHeight;
  const lineLength = (charsPerLine * columns + columnGap * (columns - 1)) * em;
  const stack = linesPerPage * pitchPt * MM_PER_PT;
  // In 縦組 a line runs down the page and lines stack right to left; in 横組 the other way round.
  const block = vertical ? { width: stack, height: lineLength } : { width: lineLength, height: stack };
  // The ink of the outer lines sits half a leading inside the CSS block.
  const halfLeading = ((pitchPt - fontSize) / 2) * MM_PER_PT;
  const inkWidth = vertical ? block.width - 2 * halfLeading : block.width;
  const inkHeight = vertical ? block.height : block.height - 2 * halfLeading;

  const spareHeight = trim.height - inkHeight;
  const spareWidth = trim.width - inkWidth - print.gutter;
  const top = spareHeight * (vertical ? 0.55 : 0.45);
  const bottom = spareHeight - top;
  const fore = spareWidth / 2;
  const gutter = fore + print.gutter;
  if (Math.min(top, bottom, fore, gutter) < MIN_MARGIN) {
    const size = `${mm(trim.width)}×${mm(trim.height)} mm`;
    throw new BuildError(
      `the text block (版面) of ${charsPerLine} characters × ${linesPerPage} lines at ${fontSize} pt needs ` +
        `${inkWidth.toFixed(1)} × ${inkHeight.toFixed(1)} mm and does not fit a ${size} page with ${MIN_MARGIN} mm margins`,
      {
        ...locate(['print']),
        hint: 'lower print.charsPerLine, print.linesPerPage or print.fontSize',
        ruleId: 'print-geometry',
      },
    );
  }

  // The destination's own bleed: a print shop's (3 mm unless set), KDP's 0.125 in or none (config/destination-config.ts).
  const bleed = profile === 'screen' ? 0 : print.bleed;
  return {
    vertical,
    profile,
    trim: { width: trim.width, height: trim.height },
    bleed,
    sheet: { width: trim.width + 2 * bleed, height: trim.height + 2 * bleed },
    fontSize,
    charsPerLine,
    linesPerPage,
    lineHeight,
    columns,
    columnGap,
    pitchPt,
    block,
    margin: { top, bottom, fore, gutter },
    halfLeading,
    label: `${named ? `${PAGE_FORMATS[named].label} ` : ''}${mm(trim.width)}×${mm(trim.height)} mm`,
  };
}

/** A reasonable 版面 for a page: the format's type (or 9.5 pt at 1.75 pitch), about 20 mm margins. */
function customDefaults(
  width: number,
  height: number,
  vertical: boolean,
  type?: { fontSize: number; lineHeight: number; columns: number },
) {
  const fontSize = type?.fontSize ?? 9.5;
  const lineHeight = type?.lineHeight ?? 1.75;
  const em = fontSize * MM_PER_PT;
  const pitch = em * lineHeight;
  const along = vertical ? height : width;
  const across = vertical ? width : height;
  return {
    fontSize,
    lineHeight,
    charsPerLine: Math.max(5, Math.floor((along - 40) / em)),
    linesPerPage: Math.max(3, Math.floor((across - 36 - em) / pitch) + 1),
    columns: vertical ? (type?.columns ?? 1) : 1,
  };
}

/** Whether page `number` (1-based, page 1 = the 扉) is a recto, the first side of a leaf. */
export function isRecto(number: number): boolean {
  return number % 2 === 1;
}

/**
 * Whether the outer edge (小口) of page `number` is on the left of the sheet. A 縦組 book is bound
 * on the right and opens right to left, so its rectos are left-hand pages, with the fore-edge on
 * the left; a 横組 book is the mirror image.
 */
export function foreEdgeIsLeft(geometry: PageGeometry, number: number): boolean {
  return geometry.vertical === isRecto(number);
}

/** Millimetres to two decimals at most, for labels: a size given in inches (6in) is 152.4 mm, not 152.39999999999998. */
function mm(value: number): number {
  return Math.round(value * 100) / 100;
}
