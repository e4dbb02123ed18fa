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

/** One warning for each character no font has, at its first place. */
export function missingGlyphWarnings(missing: readonly MissingGlyph[]): Warning[] {
  return missing.map((glyph) => ({ message: missingGlyphMessage(glyph), ...glyph.place, ruleId: 'pdf-missing-glyph' }));
}

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
}

/** The build's warnings, in the order the author reads them. */
export function pdfWarnings(found: PdfFindings): Warning[] {
  const file = found.metadataFile;
  const warnings: Warning[] = found.blocked.map((url) => ({
    message: `blocked a request for ${url}: a build loads nothing from outside the book`,
    file,
    ruleId: 'pdf-blocked-request',
  }));
  warnings.push(...missingGlyphWarnings(found.missingGlyphs));
  // A character of a running head is reported once: as text when the text has it too.
  const reported = new Set(found.missingGlyphs.map((glyph) => glyph.char));
  for (const char of found.missingInMarks.filter((char) => !reported.has(char))) {
    warnings.push({
      message: missingGlyphMessage({ char, place: {}, more: 0 }, 'running heads print'),
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
    if (item.status === 'warn')
      warnings.push({ message: `preflight: ${item.title}: ${item.detail}`, ruleId: `preflight-${item.id}` });
  }
  return warnings;
}

/** The error a failed preflight stops the build with: nothing is written. */
export function preflightError(preflight: PreflightReport): BuildError {
  const failures = preflight.items.filter((item) => item.status === 'fail');
  return new BuildError(`preflight failed: ${failures.map((item) => `${item.title}: ${item.detail}`).join('; ')}`, {
    hint: 'nothing was written; README.md, "Sending the book to a printer", says what each profile needs',
    ruleId: 'preflight',
  });
}
