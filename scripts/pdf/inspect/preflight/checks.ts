/**
 * The rules a PDF is held to before it goes to its destination, as plain functions of the facts
 * read from it: fonts, colour, transparency, page boxes, PDF/X-1a identification, annotations
 * and bookmarks, page count and blank pages, image resolution, hairlines and type size. Each
 * rule gives one line of the checklist, naming the pages it concerns.
 */
import type { PrintColor, Profile } from '../../../config/schema.ts';
import {
  JAPAN_COLOR_2001_COATED,
  KDP_MIN_TEXT_PT,
  KDP_PAGES,
  kdpGutterMm,
  kdpOutsideMm,
  PDFX_1A_2001,
} from '../destinations.ts';
import { PT_PER_MM } from '../../../layout/units.ts';
import { coverBoxProblems } from './cover.ts';
import type { DocumentFacts, PageFacts } from './document.ts';
import type { Rect } from './walk.ts';

/** What the PDF is meant to be. */
export interface Expectations {
  profile: Profile;
  color: PrintColor;
  /** PDF/X-1a:2001 expected. */
  pdfx: boolean;
  /** The page count must be a multiple of this, when given. */
  padTo?: number;
  /** A cover spread (cover.ts), held to a cover's rules rather than an interior's. */
  cover?: boolean;
}

/** The outcome of one rule. */
type Status = 'pass' | 'warn' | 'fail';

/** One line of the checklist. */
export interface CheckItem {
  id: string;
  title: string;
  status: Status;
  detail: string;
  /** 1-based page numbers the rule found wanting. */
  pages: number[];
  /** The measure the rule found wanting, where it is one number (the smallest type size, in points). */
  value?: number;
}

/** Lines thinner than this may not print (a common print-shop limit, 0.25 pt ≈ 0.09 mm). */
const HAIRLINE_PT = 0.25;
/** Minimum effective resolutions, in pixels per inch. */
/** The least resolution of an image on the page, pixels per inch: KDP's, and a print shop's for gray and for line art. */
export const MIN_PPI = { kdp: 300, shopGray: 350, shopLineArt: 600 } as const;
/** KDP's limits on blank pages: in a row inside the book, and at its end. */
const KDP_BLANKS = { inside: 2, end: 10 } as const;
const KDP_BLEED_PT = 9;
const TOLERANCE = 0.05;

/** Run every rule for the expectations. */
export function checkPdf(facts: DocumentFacts, expect: Expectations): CheckItem[] {
  const print = expect.profile !== 'screen';
  if (expect.cover) {
    // A cover: no page count, blank pages or interior type size; its own boxes.
    return [
      checkFonts(facts, print),
      checkColor(facts, expect),
      checkTransparency(facts, expect),
      checkCoverBoxes(facts, expect),
      ...(expect.pdfx ? [checkPdfX(facts)] : []),
      checkAnnotations(facts, expect),
      checkImages(facts, expect),
      checkHairlines(facts),
    ];
  }
  return [
    checkFonts(facts, print),
    checkColor(facts, expect),
    checkTransparency(facts, expect),
    checkBoxes(facts, expect),
    ...(expect.pdfx ? [checkPdfX(facts)] : []),
    checkAnnotations(facts, expect),
    checkPageCount(facts, expect),
    ...(print ? [checkImages(facts, expect), checkHairlines(facts)] : []),
    ...(expect.profile === 'kdp' ? [checkTextSize(facts), checkKdpMargins(facts)] : []),
  ];
}

const item = (id: string, title: string, status: Status, detail: string, pages: number[] = []): CheckItem => ({
  id,
  title,
  status,
  detail,
  pages: [...new Set(pages)],
});

/** Page numbers as a reader writes them: 3, 5–9, 12, 13. */
export function pageList(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    // Three pages or more in a row make a range; two are listed.
    if (j - i >= 2) {
      parts.push(`${sorted[i]}–${sorted[j]}`);
      i = j;
    } else parts.push(String(sorted[i]));
  }
  // A long list says how many and shows where it starts.
  const shown = parts.length > 8 ? `${parts.slice(0, 6).join(', ')} … (${sorted.length} pages)` : parts.join(', ');
  return `page${sorted.length > 1 ? 's' : ''} ${shown}`;
}

/** Fonts: a print destination rejects Type 3 and unembedded fonts; on screen they only look worse. */
function checkFonts(facts: DocumentFacts, print: boolean): CheckItem {
  const type3 = facts.pages.filter((page) => page.fonts.some((font) => font.subtype === 'Type3'));
  const loose = facts.pages.filter((page) => page.fonts.some((font) => !font.embedded));
  const names = new Set(facts.pages.flatMap((page) => page.fonts.map((font) => font.name)));
  if (type3.length > 0 || loose.length > 0) {
    const problems = [
      ...(type3.length ? [`Type 3 fonts on ${pageList(type3.map((p) => p.number))}`] : []),
      ...(loose.length ? [`fonts not embedded on ${pageList(loose.map((p) => p.number))}`] : []),
    ];
    return item(
      'fonts',
      'fonts',
      print ? 'fail' : 'warn',
      problems.join('; '),
      [...type3, ...loose].map((p) => p.number),
    );
  }
  return item('fonts', 'fonts', 'pass', `${names.size} font(s), all embedded, none Type 3`);
}

/** Colour spaces a one-colour page may use, and those PDF/X-1a allows. */
const GRAY_SPACES = new Set(['DeviceGray', 'CalGray Gray', 'ICCBased Gray', 'Indexed Gray']);
const X1A_SPACES = new Set(['DeviceGray', 'DeviceCMYK', 'Indexed Gray', 'Indexed CMYK']);

function checkColor(facts: DocumentFacts, expect: Expectations): CheckItem {
  const allowed = expect.color === 'mono' ? GRAY_SPACES : expect.pdfx ? X1A_SPACES : undefined;
  const used = new Map<string, number[]>();
  for (const page of facts.pages)
    for (const space of page.colorSpaces) used.set(space, [...(used.get(space) ?? []), page.number]);
  if (!allowed) {
    return item('color', 'colour', 'pass', `colour as laid out: ${[...used.keys()].join(', ') || 'nothing painted'}`);
  }
  const wrong = [...used].filter(
    ([space]) => !allowed.has(space) && !(expect.pdfx && /^Separation|^DeviceN/.test(space)),
  );
  if (wrong.length === 0) {
    return item(
      'color',
      'colour',
      'pass',
      expect.color === 'mono' ? 'one colour: everything DeviceGray (K only)' : 'CMYK and gray only',
    );
  }
  return item(
    'color',
    'colour',
    'fail',
    `${expect.color === 'mono' ? 'not one colour' : 'not allowed in PDF/X-1a'}: ${wrong.map(([space, pages]) => `${space} on ${pageList(pages)}`).join('; ')}`,
    wrong.flatMap(([, pages]) => pages),
  );
}

function checkTransparency(facts: DocumentFacts, expect: Expectations): CheckItem {
  const pages = facts.pages.filter((page) => page.transparency.size > 0);
  if (pages.length === 0) return item('transparency', 'transparency', 'pass', 'none');
  const kinds = [...new Set(pages.flatMap((page) => [...page.transparency]))].join(', ');
  const detail = `${kinds} on ${pageList(pages.map((p) => p.number))}`;
  const strict = expect.color === 'mono' || expect.pdfx;
  return item(
    'transparency',
    'transparency',
    strict ? 'fail' : 'pass',
    strict ? detail : `allowed here: ${detail}`,
    strict ? pages.map((p) => p.number) : [],
  );
}

const inside = (inner: Rect, outer: Rect, strict = false) =>
  strict
    ? inner[0] > outer[0] + TOLERANCE &&
      inner[1] > outer[1] + TOLERANCE &&
      inner[2] < outer[2] - TOLERANCE &&
      inner[3] < outer[3] - TOLERANCE
    : inner[0] >= outer[0] - TOLERANCE &&
      inner[1] >= outer[1] - TOLERANCE &&
      inner[2] <= outer[2] + TOLERANCE &&
      inner[3] <= outer[3] + TOLERANCE;
const sizeOf = (rect: Rect) => [rect[2] - rect[0], rect[3] - rect[1]] as const;

function checkBoxes(facts: DocumentFacts, expect: Expectations): CheckItem {
  const bad = new Map<string, number[]>();
  const note = (problem: string, page: PageFacts) => bad.set(problem, [...(bad.get(problem) ?? []), page.number]);
  const first = facts.pages[0]?.trim ?? facts.pages[0]?.media;
  for (const page of facts.pages) {
    const trim = page.trim ?? page.media;
    const bleed = page.bleed ?? page.media;
    if (expect.profile !== 'screen' && !page.trim) note('no TrimBox', page);
    if (expect.profile !== 'screen' && !page.bleed && expect.pdfx) note('no BleedBox', page);
    if (!inside(trim, bleed)) note('TrimBox outside the BleedBox', page);
    if (!inside(bleed, page.media)) note('BleedBox outside the MediaBox', page);
    if (expect.profile === 'print-shop' && !inside(trim, bleed, true)) note('no bleed around the TrimBox', page);
    if (first) {
      const [w, h] = sizeOf(trim);
      const [w0, h0] = sizeOf(first);
      if (Math.abs(w - w0) > TOLERANCE || Math.abs(h - h0) > TOLERANCE)
        note('a trim size unlike the first page’s', page);
    }
    if (expect.profile === 'kdp') {
      // 0.125 in beyond the trim at the top, the bottom and the outer edge; none at the gutter.
      const left = trim[0] - page.media[0];
      const right = page.media[2] - trim[2];
      const top = page.media[3] - trim[3];
      const bottom = trim[1] - page.media[1];
      const sides = [left, right].sort((a, b) => a - b);
      const ok =
        Math.abs(top - KDP_BLEED_PT) < 0.1 &&
        Math.abs(bottom - KDP_BLEED_PT) < 0.1 &&
        Math.abs(sides[0]!) < 0.1 &&
        Math.abs(sides[1]! - KDP_BLEED_PT) < 0.1;
      if (!ok) note('KDP bleed is not 0.125 in at the top, bottom and outer edge only', page);
    }
  }
  if (bad.size === 0) {
    const [w, h] = first ? sizeOf(first) : [0, 0];
    return item(
      'boxes',
      'page boxes',
      'pass',
      `trim ${(w / PT_PER_MM).toFixed(1)} × ${(h / PT_PER_MM).toFixed(1)} mm on every page`,
    );
  }
  return item(
    'boxes',
    'page boxes',
    'fail',
    [...bad].map(([problem, pages]) => `${problem} on ${pageList(pages)}`).join('; '),
    [...bad.values()].flat(),
  );
}

/** A cover spread's boxes: bleed round all four edges, as its destination wants it. */
function checkCoverBoxes(facts: DocumentFacts, expect: Expectations): CheckItem {
  const { problems, size } = coverBoxProblems(facts, expect.profile);
  return problems.length === 0
    ? item('boxes', 'cover boxes', 'pass', size)
    : item('boxes', 'cover boxes', 'fail', `${problems.join('; ')} (${size})`, [1]);
}

function checkPdfX(facts: DocumentFacts): CheckItem {
  const problems: string[] = [];
  if (facts.info.GTS_PDFXVersion !== PDFX_1A_2001.version)
    problems.push(`GTS_PDFXVersion is ${facts.info.GTS_PDFXVersion ?? 'missing'}`);
  if (facts.info.GTS_PDFXConformance !== PDFX_1A_2001.conformance)
    problems.push(`GTS_PDFXConformance is ${facts.info.GTS_PDFXConformance ?? 'missing'}`);
  const intent = facts.outputIntents.find((candidate) => candidate.subtype === 'GTS_PDFX');
  if (!intent) problems.push('no GTS_PDFX output intent');
  else if (!intent.identifier) problems.push('the output intent names no printing condition');
  else if (!intent.hasProfile && intent.registry !== JAPAN_COLOR_2001_COATED.registry)
    problems.push('the output intent has neither an ICC profile nor a registry');
  if (facts.info.Trapped !== '/True' && facts.info.Trapped !== '/False')
    problems.push(`Trapped is ${facts.info.Trapped ?? 'missing'}`);
  for (const key of ['Title', 'CreationDate', 'ModDate']) if (!facts.info[key]) problems.push(`no ${key}`);
  if (!['1.3', '1.4'].includes(facts.version)) problems.push(`PDF version ${facts.version} (1.3 or 1.4 needed)`);
  if (facts.objectStreams) problems.push('object or cross-reference streams');
  if (facts.encrypted) problems.push('encrypted');
  if (facts.javascript) problems.push('JavaScript');
  if (!facts.fileId) problems.push('no file identifier (/ID)');
  return problems.length === 0
    ? item('pdfx', 'PDF/X-1a', 'pass', `${PDFX_1A_2001.conformance}, output intent ${intent!.identifier}`)
    : item('pdfx', 'PDF/X-1a', 'fail', problems.join('; '));
}

function checkAnnotations(facts: DocumentFacts, expect: Expectations): CheckItem {
  const title = 'annotations and bookmarks';
  if (expect.profile === 'kdp') {
    const pages = facts.pages.filter((page) => page.annotations.length > 0).map((page) => page.number);
    const problems = [
      ...(pages.length ? [`annotations or links on ${pageList(pages)}`] : []),
      ...(facts.outline > 0 ? ['bookmarks (an outline)'] : []),
    ];
    return problems.length
      ? item('annotations', title, 'fail', `KDP allows none: ${problems.join('; ')}`, pages)
      : item('annotations', title, 'pass', 'none, as KDP asks');
  }
  if (expect.pdfx) {
    const pages = facts.pages
      .filter((page) =>
        page.annotations.some(
          (annotation) =>
            !['TrapNet', 'PrinterMark'].includes(annotation.subtype) &&
            (!annotation.rect || overlaps(annotation.rect, page.bleed ?? page.media)),
        ),
      )
      .map((page) => page.number);
    return pages.length
      ? item('annotations', title, 'fail', `PDF/X allows no annotations on the page: ${pageList(pages)}`, pages)
      : item('annotations', title, 'pass', `no annotations on the page; ${facts.outline} bookmark(s)`);
  }
  const count = facts.pages.reduce((sum, page) => sum + page.annotations.length, 0);
  return item('annotations', title, 'pass', `${count} link(s), ${facts.outline} bookmark(s)`);
}

const overlaps = (a: Rect, b: Rect) => a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];

function checkPageCount(facts: DocumentFacts, expect: Expectations): CheckItem {
  const count = facts.pages.length;
  const warnings: string[] = [];
  const failures: string[] = [];
  const pages: number[] = [];
  if (expect.padTo && count % expect.padTo !== 0) failures.push(`${count} pages is not a multiple of ${expect.padTo}`);
  if (expect.profile === 'print-shop' && !expect.padTo && count % 2 === 1)
    warnings.push(`${count} pages: an odd count leaves the last leaf with a blank back`);
  if (expect.profile === 'kdp') {
    if (count > KDP_PAGES.max) failures.push(`${count} pages; KDP prints at most ${KDP_PAGES.max}`);
    if (count < KDP_PAGES.min) warnings.push(`${count} pages; KDP prints at least ${KDP_PAGES.min}`);
    const blank = facts.pages.map((page) => !page.inked);
    let end = 0;
    while (end < count && blank[count - 1 - end]) end++;
    if (end > KDP_BLANKS.end) {
      warnings.push(`${end} blank pages at the end (KDP allows ${KDP_BLANKS.end})`);
      pages.push(...facts.pages.slice(count - end).map((page) => page.number));
    }
    for (let i = 0; i < count - end;) {
      let j = i;
      while (j < count - end && blank[j]) j++;
      if (j - i > KDP_BLANKS.inside) {
        warnings.push(
          `${j - i} blank pages in a row (${pageList(facts.pages.slice(i, j).map((page) => page.number))}; KDP allows ${KDP_BLANKS.inside})`,
        );
        pages.push(...facts.pages.slice(i, j).map((page) => page.number));
      }
      i = j === i ? i + 1 : j;
    }
  }
  const status: Status = failures.length ? 'fail' : warnings.length ? 'warn' : 'pass';
  return item('pages', 'page count', status, [...failures, ...warnings].join('; ') || `${count} pages`, pages);
}

function checkImages(facts: DocumentFacts, expect: Expectations): CheckItem {
  const low: { page: number; ppi: number; need: number; width: number; height: number }[] = [];
  let total = 0;
  for (const page of facts.pages) {
    for (const image of page.images) {
      total++;
      const need = expect.profile === 'kdp' ? MIN_PPI.kdp : image.lineArt ? MIN_PPI.shopLineArt : MIN_PPI.shopGray;
      if (image.ppi + 0.5 < need)
        low.push({ page: page.number, ppi: image.ppi, need, width: image.width, height: image.height });
    }
  }
  if (low.length === 0)
    return item(
      'images',
      'image resolution',
      'pass',
      total ? `${total} image(s), all at or above the minimum` : 'no images',
    );
  const lowest = low.reduce((a, b) => (a.ppi <= b.ppi ? a : b));
  return item(
    'images',
    'image resolution',
    'warn',
    `${low.length} of ${total} image(s) below ${[...new Set(low.map((entry) => entry.need))].join(' / ')} ppi on ${pageList(low.map((entry) => entry.page))} (lowest ${Math.round(lowest.ppi)} ppi on page ${lowest.page}: ${pixelsNeeded(lowest)})`,
    low.map((entry) => entry.page),
  );
}

/**
 * What a picture needs at the size it prints, in pixels: the fix for a low resolution is a file
 * this large (or the picture printed smaller), which "235 ppi" alone does not say.
 */
function pixelsNeeded(image: { ppi: number; need: number; width: number; height: number }): string {
  const mm = (pixels: number) => ((pixels / image.ppi) * 25.4).toFixed(0);
  const scaled = (pixels: number) => Math.ceil((pixels * image.need) / image.ppi);
  return `its ${image.width} × ${image.height} pixels print at ${mm(image.width)} × ${mm(image.height)} mm, which needs ${scaled(image.width)} × ${scaled(image.height)} pixels at ${image.need} ppi`;
}

function checkHairlines(facts: DocumentFacts): CheckItem {
  const thin = facts.pages.filter((page) => page.thinnestLine !== undefined && page.thinnestLine < HAIRLINE_PT);
  if (thin.length === 0) return item('hairlines', 'hairlines', 'pass', `no line thinner than ${HAIRLINE_PT} pt`);
  const thinnest = Math.min(...thin.map((page) => page.thinnestLine!));
  return item(
    'hairlines',
    'hairlines',
    'warn',
    `lines thinner than ${HAIRLINE_PT} pt (down to ${thinnest.toFixed(2)} pt) on ${pageList(thin.map((page) => page.number))}`,
    thin.map((page) => page.number),
  );
}

function checkTextSize(facts: DocumentFacts): CheckItem {
  const small = facts.pages.filter(
    (page) => page.smallestText !== undefined && page.smallestText < KDP_MIN_TEXT_PT - 0.01,
  );
  if (small.length === 0) return item('text', 'type size', 'pass', `no text under ${KDP_MIN_TEXT_PT} pt`);
  const smallest = Math.min(...small.map((page) => page.smallestText!));
  return {
    ...item(
      'text',
      'type size',
      'warn',
      `text under ${KDP_MIN_TEXT_PT} pt (down to ${smallest.toFixed(1)} pt) on ${pageList(small.map((page) => page.number))}`,
      small.map((page) => page.number),
    ),
    value: smallest,
  };
}

/**
 * KDP's margins, measured where the glyphs land (walk.ts's text box of each page) rather than
 * taken from settings: 0.375 in from the top, bottom and outer edge with bleed (0.25 in without)
 * and the gutter for the page count at the binding, which is the edge without bleed. A book
 * without bleed does not say which edge is bound: both sides are held to the outside margin and
 * the wider to the gutter.
 */
function checkKdpMargins(facts: DocumentFacts): CheckItem {
  const gutter = kdpGutterMm(facts.pages.length) * PT_PER_MM;
  const short = new Map<string, { pages: number[]; nearest: number; need: number }>();
  const note = (side: string, page: number, distance: number, need: number) => {
    if (distance >= need - TOLERANCE) return;
    const entry = short.get(side) ?? { pages: [], nearest: Infinity, need };
    entry.pages.push(page);
    entry.nearest = Math.min(entry.nearest, distance);
    short.set(side, entry);
  };
  for (const page of facts.pages) {
    const box = page.textBox;
    const trim = page.trim ?? page.media;
    if (!box) continue;
    const bleedLeft = trim[0] - page.media[0] > 0.5;
    const bleedRight = page.media[2] - trim[2] > 0.5;
    const outside = kdpOutsideMm(bleedLeft || bleedRight ? 1 : 0) * PT_PER_MM;
    const [left, bottom, right, top] = [box[0] - trim[0], box[1] - trim[1], trim[2] - box[2], trim[3] - box[3]];
    note('top', page.number, top, outside);
    note('bottom', page.number, bottom, outside);
    const bound = bleedLeft === bleedRight ? undefined : bleedLeft ? 'right' : 'left';
    const [inner, outer] =
      bound === 'left'
        ? [left, right]
        : bound === 'right'
          ? [right, left]
          : [Math.max(left, right), Math.min(left, right)];
    note('gutter', page.number, inner, gutter);
    note('outer edge', page.number, outer, outside);
  }
  const mm = (points: number) => (points / PT_PER_MM).toFixed(1);
  if (short.size === 0)
    return item(
      'margins',
      'margins',
      'pass',
      `every glyph inside KDP's margins (gutter ${mm(gutter)} mm for ${facts.pages.length} pages)`,
    );
  return item(
    'margins',
    'margins',
    'fail',
    [...short]
      .map(
        ([side, { pages, nearest, need }]) =>
          `text ${mm(nearest)} mm from the ${side} on ${pageList(pages)} (KDP: ${mm(need)} mm)`,
      )
      .join('; '),
    [...short.values()].flatMap((entry) => entry.pages),
  );
}
