/** The PDF output of a build: the book laid out in Chromium on the context's browser, then finished for its press. */
import { bookWarnings, type Book } from '../book.ts';
import type { Profile } from '../config/schema.ts';
import { BuildError, type Warning } from '../errors.ts';
import { missingGlyphMessage, type MissingGlyph } from '../layout/missing-glyphs.ts';
import type { BuildContext } from './context.ts';
import type { BuildOptions, OutputResult } from './options.ts';
import { outputPath, strictError, writeOutput, type Made } from './write.ts';

/** What a PDF's up-to-date check is keyed by: the profile asked for, '' when the metadata chose. */
export function pdfKey(profile: Profile | undefined): string {
  return `pdf:${profile ?? ''}`;
}

/**
 * Build the print PDF of the context's book in `options.profile` (the metadata's when none), or
 * find it up to date. Called once per profile, it lays each out from the same parsed book.
 */
export async function pdfOutput(context: BuildContext, options: BuildOptions): Promise<OutputResult> {
  const book = await context.book();
  const path = outputPath(book, options.outDir, 'pdf');
  return writeOutput(context, book, options, { path, key: pdfKey(options.profile) }, () =>
    makePdf(context, book, options, options.profile ?? book.config.print.profile),
  );
}

async function makePdf(context: BuildContext, book: Book, options: BuildOptions, profile: Profile): Promise<Made> {
  const { signal, progress } = context;
  progress({ kind: 'building', output: 'pdf', profile, chapters: book.chapters.length });
  const [{ buildPdf }, session] = await Promise.all([import('../pdf/build.ts'), context.browser()]);
  const glyphWarnings = (missing: readonly MissingGlyph[]): Warning[] =>
    missing.map((glyph) => ({ message: missingGlyphMessage(glyph), ...glyph.place, ruleId: 'pdf-missing-glyph' }));
  // With --strict, warnings known before the layout stop the build before it: the outcome is the
  // same, and a long book does not spend minutes in Chromium first.
  const beforeLayout = (missing: readonly MissingGlyph[]) => {
    const known = [...bookWarnings(book), ...glyphWarnings(missing)];
    if (options.strict && known.length > 0) throw strictError(known);
  };
  const result = await buildPdf(book, {
    profile,
    signal,
    progress: (message, step) => progress({ kind: 'stage', message, step }),
    session,
    timeout: options.layoutTimeout,
    beforeLayout,
  });
  const warnings: Warning[] = result.blocked.map((url) => ({
    message: `blocked a request for ${url}: a build loads nothing from outside the book`,
    file: book.manuscript.metadataFile,
    ruleId: 'pdf-blocked-request',
  }));
  warnings.push(...glyphWarnings(result.missingGlyphs));
  const reported = new Set(result.missingGlyphs.map((glyph) => glyph.char));
  for (const char of result.missingInMarks.filter((char) => !reported.has(char))) {
    warnings.push({
      message: missingGlyphMessage({ char, place: {}, more: 0 }).replace('the PDF prints', 'running heads print'),
      file: book.manuscript.metadataFile,
      ruleId: 'pdf-missing-glyph',
    });
  }
  if (result.type3Fonts > 0) {
    warnings.push({
      message: `${result.type3Fonts} font(s) were embedded as Type 3, which print shops reject: a font the book names is a PostScript-outline (CFF) or variable font`,
      hint: 'name a TrueType (.ttf) font with static outlines as bodyFont / headingFont',
      file: book.manuscript.metadataFile,
      ruleId: 'pdf-type3-font',
    });
  }
  const { preflight } = result;
  const { formatChecklist } = await import('../pdf/preflight/index.ts');
  for (const item of preflight.items) {
    // Type 3 fonts were reported above, with the reason.
    if (item.id === 'fonts' && result.type3Fonts > 0) continue;
    if (item.status === 'warn')
      warnings.push({ message: `preflight: ${item.title}: ${item.detail}`, ruleId: `preflight-${item.id}` });
  }
  if (preflight.failed) {
    const failures = preflight.items.filter((item) => item.status === 'fail');
    throw new BuildError(`preflight failed: ${failures.map((item) => `${item.title}: ${item.detail}`).join('; ')}`, {
      hint: 'nothing was written; README.md, "Sending the book to a printer", says what each profile needs',
      ruleId: 'preflight',
    });
  }
  const { press } = result;
  return {
    bytes: result.bytes,
    facts: {
      kind: 'pdf',
      pages: result.pages,
      format: result.geometry.label,
      profile,
      color: press.color,
      pdfx: press.pdfx,
    },
    warnings: [...bookWarnings(book), ...warnings],
    checklist: formatChecklist(preflight),
  };
}
