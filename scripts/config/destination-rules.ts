/**
 * What each destination allows, as numbers and plain checks: Amazon KDP's paperback limits (trim
 * sizes, bleed, margins by page count, type size, page count) and the settings a destination does
 * not take. Defined once here: the schema checks a destination's own section of book.yaml with
 * them, the build checks the settings a destination inherits with them, the press places the
 * page by them and the preflight holds finished files to them. docs/destinations.md gives the
 * source of each.
 */
import { findPaper, paperNames } from './papers.ts';
import { formatLabel, inches, MM_PER_INCH, trimOf, type FormatSetting, type Trim } from './formats.ts';
import type { Profile } from './profiles.ts';

/** KDP's smallest type size, in points. */
export const KDP_MIN_TEXT_PT = 7;
/** KDP's page-count limits for a paperback. */
export const KDP_PAGES = { min: 24, max: 828 } as const;
/** KDP's minimum inside (gutter) margin by page count: up to `pages`, at least `inches`. */
const KDP_GUTTER: readonly { pages: number; inches: number }[] = [
  { pages: 150, inches: 0.375 },
  { pages: 300, inches: 0.5 },
  { pages: 500, inches: 0.625 },
  { pages: 700, inches: 0.75 },
  { pages: KDP_PAGES.max, inches: 0.875 },
];
/** KDP's bleed: 0.125 in beyond the trim at the top, the bottom and the outer edge. */
export const KDP_BLEED_MM = 0.125 * MM_PER_INCH;
/** KDP's least outside, top and bottom margin, in inches: with bleed, and without. */
const KDP_OUTSIDE = { bleed: 0.375, none: 0.25 } as const;
/** The range of KDP's custom paperback trims, in inches. */
const KDP_TRIM_RANGE = { width: [4, 8.5], height: [6, 11.69] } as const;
/** KDP's standard paperback trims, width × height in inches. */
const KDP_TRIMS: readonly (readonly [number, number])[] = [
  [5, 8],
  [5.06, 7.81],
  [5.25, 8],
  [5.5, 8.5],
  [6, 9],
  [6.14, 9.21],
  [6.69, 9.61],
  [7, 10],
  [7.44, 9.69],
  [7.5, 9.25],
  [8, 10],
  [8.25, 6],
  [8.25, 8.25],
  [8.5, 8.5],
  [8.5, 11],
  [8.27, 11.69],
];

/** The inside margin KDP asks for a book of `pages` pages, in millimetres (the largest step beyond 828). */
export function kdpGutterMm(pages: number): number {
  return (KDP_GUTTER.find((step) => pages <= step.pages) ?? KDP_GUTTER.at(-1)!).inches * MM_PER_INCH;
}

/** The range of page counts a gutter step covers, for messages: `501–700`. */
export function kdpGutterStep(pages: number): string {
  const index = KDP_GUTTER.findIndex((step) => pages <= step.pages);
  const step = KDP_GUTTER[index] ?? KDP_GUTTER.at(-1)!;
  return `${(KDP_GUTTER[index - 1]?.pages ?? 0) + 1}–${step.pages}`;
}

/** KDP's least outside, top and bottom margin in millimetres, with or without bleed. */
export function kdpOutsideMm(bleed: number): number {
  return (bleed > 0 ? KDP_OUTSIDE.bleed : KDP_OUTSIDE.none) * MM_PER_INCH;
}

/** A KDP trim as the schema reads a format: millimetres. */
function kdpTrimMm([width, height]: readonly [number, number]): Trim {
  return { width: width * MM_PER_INCH, height: height * MM_PER_INCH };
}

/** Why KDP cannot print a trim, or undefined when it can (a standard trim or one in the custom range). */
function kdpTrimProblem(format: FormatSetting): string | undefined {
  const trim = trimOf(format);
  const within = (mm: number, [min, max]: readonly [number, number]) =>
    mm >= min * MM_PER_INCH - 0.05 && mm <= max * MM_PER_INCH + 0.05;
  if (within(trim.width, KDP_TRIM_RANGE.width) && within(trim.height, KDP_TRIM_RANGE.height)) return undefined;
  const nearest = [...KDP_TRIMS].sort((a, b) => distance(kdpTrimMm(a), trim) - distance(kdpTrimMm(b), trim))[0]!;
  const [w, h] = KDP_TRIM_RANGE.width.map((value) => value * MM_PER_INCH);
  const [minH, maxH] = KDP_TRIM_RANGE.height.map((value) => value * MM_PER_INCH);
  return (
    `KDP does not print ${formatLabel(format)}: a KDP paperback is ${KDP_TRIM_RANGE.width.join('–')} in wide ` +
    `(${w!.toFixed(1)}–${h!.toFixed(1)} mm) and ${KDP_TRIM_RANGE.height.join('–')} in tall (${minH!.toFixed(1)}–${maxH!.toFixed(1)} mm); ` +
    `its nearest standard size is ${nearest[0]} × ${nearest[1]} in (${kdpTrimMm(nearest).width.toFixed(1)} × ${kdpTrimMm(nearest).height.toFixed(1)} mm)`
  );
}

function distance(a: Trim, b: Trim): number {
  return Math.hypot(a.width - b.width, a.height - b.height);
}

/**
 * The hint that goes with a trim KDP refuses: a size KDP prints, given in the KDP section when
 * the trim came from the settings every destination shares (`inherited`).
 */
export function kdpTrimHint(format: FormatSetting, inherited = false): string {
  const trim = trimOf(format);
  const [w, h] = [...KDP_TRIMS].sort((a, b) => distance(kdpTrimMm(a), trim) - distance(kdpTrimMm(b), trim))[0]!;
  const size = `{ width: ${w}in, height: ${h}in }`;
  return inherited
    ? `give the KDP edition a size of its own under print: "kdp: { format: ${size} }" (the other destinations keep print.format; a 青空文庫 .txt takes it from a book.yaml beside it)`
    : `use a size KDP prints, e.g. format: ${size}`;
}

/** A destination's own settings, as far as the rules look at them. */
export interface DestinationSettings {
  format?: FormatSetting;
  fontSize?: number;
  bleed?: number;
  marks?: boolean;
  pdfx?: string;
  padTo?: number;
  hiddenFolio?: boolean | string;
  cover?: { paper?: string };
}

/** A setting a destination refuses: the keys under its section, and why. */
export interface DestinationProblem {
  keys: string[];
  message: string;
  hint?: string;
}

/** The settings in a destination's own section (`print.kdp: …`) that the destination refuses. */
export function sectionProblems(profile: Profile, section: DestinationSettings): DestinationProblem[] {
  const problems: DestinationProblem[] = [];
  if (profile === 'screen') {
    for (const key of ['bleed', 'marks', 'pdfx', 'padTo', 'hiddenFolio', 'cover'] as const) {
      if (section[key] !== undefined) {
        problems.push({
          keys: [key],
          message: `the screen PDF is not printed: ${key} does not apply to it`,
          hint: `move ${key} under print (or print.print-shop / print.kdp)`,
        });
      }
    }
    return problems;
  }
  const paper = section.cover?.paper === undefined ? undefined : findPaper(section.cover.paper);
  if (paper && paper.profile !== profile) {
    problems.push({
      keys: ['cover', 'paper'],
      message: `paper "${section.cover!.paper}" is ${paper.profile === 'kdp' ? "KDP's" : "a print shop's"}; this section is for ${profile === 'kdp' ? 'KDP' : 'a print shop'}`,
      hint: `papers for ${profile}: ${paperNames(profile).join(', ')}`,
    });
  }
  if (profile === 'kdp') problems.push(...kdpProblems(section));
  return problems;
}

/** What KDP refuses among settings given for it: a trim, a bleed, marks, PDF/X, hidden folios, small type. */
export function kdpProblems(settings: DestinationSettings): DestinationProblem[] {
  const problems: DestinationProblem[] = [];
  const trimProblem = settings.format === undefined ? undefined : kdpTrimProblem(settings.format);
  if (trimProblem) problems.push({ keys: ['format'], message: trimProblem, hint: kdpTrimHint(settings.format!) });
  if (settings.bleed !== undefined && settings.bleed !== 0 && Math.abs(settings.bleed - KDP_BLEED_MM) > 0.01) {
    problems.push({
      keys: ['bleed'],
      message: `KDP's bleed is 0.125 in (${KDP_BLEED_MM} mm) or none; ${settings.bleed} mm is neither`,
      hint: `write bleed: ${KDP_BLEED_MM} (pictures to the edge) or bleed: 0 (none)`,
    });
  }
  if (settings.marks === true)
    problems.push({ keys: ['marks'], message: 'KDP takes no crop marks (トンボ)', hint: 'remove marks here' });
  if (settings.pdfx === 'x1a')
    problems.push({
      keys: ['pdfx'],
      message: 'PDF/X-1a is made for print shops; KDP takes a plain PDF',
      hint: 'remove pdfx here',
    });
  if (settings.hiddenFolio)
    problems.push({
      keys: ['hiddenFolio'],
      message: `KDP interiors may not have text under ${KDP_MIN_TEXT_PT} pt, so no hidden folios (5 pt)`,
      hint: 'remove hiddenFolio here',
    });
  if (settings.fontSize !== undefined && settings.fontSize < KDP_MIN_TEXT_PT)
    problems.push({
      keys: ['fontSize'],
      message: `KDP needs text of at least ${KDP_MIN_TEXT_PT} pt; this is ${settings.fontSize} pt`,
    });
  return problems;
}

/** Inches with their millimetres, for messages: `0.75 in (19.1 mm)`. */
export function inchesAndMm(mm: number): string {
  return `${inches(mm)} in (${mm.toFixed(1)} mm)`;
}
