/** The PDF output of a build: the book laid out in Chromium on the context's browser, then finished for its press. */
import { bookWarnings, type Book } from '../book.ts';
import type { Profile } from '../config/schema.ts';
import type { Warning } from '../errors.ts';
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
  // With --strict, warnings known before the layout stop the build before it: the outcome is the
  // same, and a long book does not spend minutes in Chromium first.
  const beforeLayout = (early: readonly Warning[]) => {
    const known = [...bookWarnings(book), ...early];
    if (options.strict && known.length > 0) throw strictError(known);
  };
  // The PDF build words its own warnings and throws its own error when the preflight fails.
  const result = await buildPdf(book, {
    profile,
    signal,
    progress: (message, step) => progress({ kind: 'stage', message, step }),
    session,
    timeout: options.layoutTimeout,
    beforeLayout,
  });
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
    warnings: [...bookWarnings(book), ...result.warnings],
    checklist: result.checklist,
    // The 口絵, a colour PDF of their own beside the interior: `<name>-frontispiece.pdf`.
    besides: result.plates
      ? [{ path: outputPath(book, options.outDir, 'pdf', '-frontispiece'), bytes: result.plates.bytes }]
      : [],
  };
}
