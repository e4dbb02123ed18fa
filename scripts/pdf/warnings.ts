/**
 * What the PDF build tells the author, in the words they read: a warning for each request the
 * sealed page was refused, each character no font has (in the text and in running heads), fonts
 * embedded as Type 3, and each rule the preflight warns of; the error a failed preflight stops
 * the build with.
 */
import { BuildError, type Warning } from '../errors.ts';
import { missingGlyphMessage, type MissingGlyph } from '../layout/missing-glyphs.ts';
import type { SmallPicture } from '../layout/pictures.ts';
import type { PreflightReport } from './inspect/preflight/index.ts';

/**
 * What to change in book.yaml (or in the book) for each rule of the preflight: a warning or a
 * failure says what was found, and this says what fixes it.
 */
const PREFLIGHT_FIXES: Record<string, string> = {
  fonts:
    'name a TrueType (.ttf) font with static outlines as print.bodyFont / print.headingFont, or leave them out for the bundled fonts',
  color:
    'set print.color: color for a colour book, or print.color: mono for one colour (K only) as shops and KDP print text',
  colour:
    'set print.color: color for a colour book, or print.color: mono for one colour (K only) as shops and KDP print text',
  transparency: 'give the picture as an opaque PNG or JPEG (no fading SVG gradient), or set print.color: color',
  boxes:
    'the page boxes come from print.format, print.bleed and the profile: build the PDF again rather than editing it',
  pdfx: 'set print.pdfx: x1a for a shop that asks for PDF/X-1a, or print.pdfx: none for a plain PDF',
  annotations:
    'build with --profile print-shop or kdp (print.profile), which leave links and bookmarks out as those presses want',
  pages:
    'set print.padTo (2, 4, 8 or 16) to the page multiple the press asks for; KDP prints 24 to 828 pages, so shorten or lengthen the book, or remove page breaks that leave blank pages',
  margins:
    "build the PDF again with --profile kdp, which places the 版面, folios and running heads inside KDP's margins; a PDF made elsewhere needs wider margins there",
  images: 'use a larger picture file (the pixels it needs are above), or print the picture smaller',
  hairlines: 'draw lines at 0.25 pt or thicker in the pictures (an SVG stroke-width) and in raw HTML borders',
  text: 'raise print.fontSize (ruby prints at half of it: a 14 pt body for 7 pt ruby), or keep it: KDP flags text under 7 pt, and the ruby of most books is',
};

/** One warning for each character no font has, at its first place. */
export function missingGlyphWarnings(missing: readonly MissingGlyph[]): Warning[] {
  return missing.map((glyph) => ({
    message: missingGlyphMessage(glyph),
    ...glyph.place,
    hint: MISSING_GLYPH_FIX,
    ruleId: 'pdf-missing-glyph',
  }));
}

/** What to do about a character no font has. */
const MISSING_GLYPH_FIX =
  'reword, or name a font that has the character as print.bodyFont / print.headingFont (docs/fonts.md)';
/** One warning for each full-page picture with too few pixels, at its place, with the pixels it needs. */
export function smallPictureWarnings(pictures: readonly SmallPicture[], ppi: number): Warning[] {
  const mm = (value: number) => value.toFixed(0);
  return pictures.map((picture) => ({
    message:
      `picture "${picture.src}" prints a page at ${mm(picture.printed.width)} × ${mm(picture.printed.height)} mm, where its ` +
      `${picture.pixels.width} × ${picture.pixels.height} pixels make ${Math.round(picture.ppi)} ppi; ${ppi} ppi needs ` +
      `${picture.needed.width} × ${picture.needed.height} pixels (画素数が足りません)`,
    hint: `use a file of at least ${picture.needed.width} × ${picture.needed.height} pixels, or set the picture in the text without :::full-page / :::bleed`,
    ...picture.place,
    ruleId: 'pdf-picture-resolution',
  }));
}

/** What the build found, to be worded. */
export interface PdfFindings {
  /** The book's metadata file, where warnings about the whole book point. */
  metadataFile: string;
  /** URLs the page asked for and did not get. */
  blocked: readonly string[];
  /** Characters no font has, found before layout. */
  missingGlyphs: readonly MissingGlyph[];
  /** Characters of running heads that no font could draw. */
  missingInMarks: readonly string[];
  type3Fonts: number;
  preflight: PreflightReport;
  /** The body type size in points: ruby and 傍点 are half of it. */
  bodyPt?: number;
}

/** The build's warnings, in the order the author reads them. */
export function pdfWarnings(found: PdfFindings): Warning[] {
  const file = found.metadataFile;
  const warnings: Warning[] = found.blocked.map((url) => ({
    message: `blocked a request for ${url}: a build loads nothing from outside the book`,
    hint: 'put the file in the manuscript folder and refer to it by its relative path (a remote picture in raw HTML, a web font)',
    file,
    ruleId: 'pdf-blocked-request',
  }));
  warnings.push(...missingGlyphWarnings(found.missingGlyphs));
  // A character of a running head is reported once: as text when the text has it too.
  const reported = new Set(found.missingGlyphs.map((glyph) => glyph.char));
  for (const char of found.missingInMarks.filter((char) => !reported.has(char))) {
    warnings.push({
      message: missingGlyphMessage({ char, place: {}, more: 0 }, 'running heads print'),
      hint: MISSING_GLYPH_FIX,
      file,
      ruleId: 'pdf-missing-glyph',
    });
  }
  if (found.type3Fonts > 0) {
    warnings.push({
      message: `${found.type3Fonts} font(s) were embedded as Type 3, which print shops reject: a font the book names is a PostScript-outline (CFF) or variable font`,
      hint: 'name a TrueType (.ttf) font with static outlines as bodyFont / headingFont',
      file,
      ruleId: 'pdf-type3-font',
    });
  }
  for (const item of found.preflight.items) {
    // Type 3 fonts were reported above, with the reason.
    if (item.id === 'fonts' && found.type3Fonts > 0) continue;
    if (item.status !== 'warn') continue;
    warnings.push(
      rubyWarning(item, found) ?? {
        message: `preflight: ${item.title}: ${item.detail}`,
        ...(PREFLIGHT_FIXES[item.id] ? { hint: PREFLIGHT_FIXES[item.id] } : {}),
        ruleId: `preflight-${item.id}`,
      },
    );
  }
  return warnings;
}

/**
 * KDP's 7 pt minimum met by nothing smaller than the ruby: said as what it is, with what would
 * change it. Ruby and 傍点 are set at half the body size (templates/common/notation.css), so a
 * 9 pt body has 4.5 pt ruby; KDP's paperback guide names no exception for ruby.
 */
function rubyWarning(item: PreflightReport['items'][number], found: PdfFindings): Warning | undefined {
  const body = found.bodyPt;
  // Ruby is 0.5 em; Chromium sets a long reading a little smaller to fit it over its base.
  if (item.id !== 'text' || body === undefined || item.value === undefined || item.value < body * 0.45)
    return undefined;
  const pages = item.detail.replace(/^.* on (pages? )/, '$1');
  return {
    message: `KDP asks for text of at least 7 pt; the smallest here is the ruby and 傍点, set at half the ${body} pt body (down to ${item.value.toFixed(1)} pt), on ${pages}`,
    hint: `KDP's paperback guide makes no exception for ruby: ruby reaches 7 pt with a 14 pt body (print.kdp.fontSize: 14); otherwise keep ruby to the readings readers need, and look at KDP's proof copy`,
    file: found.metadataFile,
    ruleId: 'preflight-text',
  };
}

/** The error a failed preflight stops the build with: nothing is written. */
export function preflightError(preflight: PreflightReport): BuildError {
  const failures = preflight.items.filter((item) => item.status === 'fail');
  const fixes = failures.flatMap((item) =>
    PREFLIGHT_FIXES[item.id] ? [`${item.title}: ${PREFLIGHT_FIXES[item.id]}`] : [],
  );
  return new BuildError(`preflight failed: ${failures.map((item) => `${item.title}: ${item.detail}`).join('; ')}`, {
    hint: [
      ...fixes,
      'nothing was written; docs/print.md, "Sending the book to a printer", says what each profile needs',
    ].join('; '),
    ruleId: 'preflight',
  });
}
