/**
 * The printed cover of a build. Its spine needs the interior's page count: from `--pages`, from
 * a PDF of the book this command already made, from an interior PDF that is up to date (the page
 * count does not depend on the profile, which only adds bleed and marks around the same pages),
 * or else from an interior built now, in the cover's profile, from the same load of the book.
 */
import { bookWarnings, type Book } from '../book.ts';
import { PROFILES, type Profile } from '../config/schema.ts';
import { buildTimestamp } from '../config/timestamp.ts';
import { BuildError } from '../errors.ts';
import type { BuildContext } from './context.ts';
import type { BuildOptions, OutputResult } from './options.ts';
import { pdfKey, pdfOutput } from './pdf.ts';
import { outputPath, upToDate, writeOutput } from './write.ts';

/** How the cover is asked for. */
export interface CoverRequest {
  /** Build nothing unless the metadata has `print.cover` (the whole-book build). */
  ifConfigured?: boolean;
  /** A PDF of the book this command already made (or found up to date): its page count is the interior's. */
  interior?: OutputResult;
}

/**
 * Build the cover of the context's book (or find it up to date); the interior comes first in the
 * results when it had to be built for its page count. Empty when `ifConfigured` and there is no cover.
 */
export async function coverOutput(
  context: BuildContext,
  options: BuildOptions,
  request: CoverRequest = {},
): Promise<OutputResult[]> {
  const book = await context.book();
  if (request.ifConfigured && !book.config.print.cover) return [];
  const profile =
    options.profile === 'kdp' || (!options.profile && book.config.print.profile === 'kdp') ? 'kdp' : 'print-shop';
  const { buildCover, checkCoverSettings } = await import('../cover/build.ts');
  // A mistake in the cover's settings stops the build before the interior is laid out for its page count.
  await checkCoverSettings(book, profile).catch((error: unknown) => {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  });
  const { pages, interior } = await interiorPages(context, book, { ...options, profile }, request.interior);
  const path = outputPath(book, options.outDir, 'pdf', '-cover');
  const cover = await writeOutput(context, book, options, { path, key: `cover:${profile}:${pages}` }, async () => {
    context.progress({ kind: 'building', output: 'cover', profile, pages });
    const made = await buildCover(book, { profile, pages, created: buildTimestamp(book.config) });
    const { media, trim } = made.geometry;
    return {
      bytes: made.bytes,
      facts: {
        kind: 'cover',
        profile,
        media: { width: media.width, height: media.height },
        trim: { width: trim.width, height: trim.height },
        spine: { width: made.spine.width, formula: made.spine.formula },
        notices: made.notices,
      },
      warnings: [...bookWarnings(book), ...made.warnings],
    };
  });
  return interior ? [interior, cover] : [cover];
}

/** The interior's page count, and the interior when it was built for it. */
async function interiorPages(
  context: BuildContext,
  book: Book,
  options: BuildOptions & { profile: Profile },
  made: OutputResult | undefined,
): Promise<{ pages: number; interior?: OutputResult }> {
  const known = options.pages ?? made?.file.pages;
  if (known !== undefined) return { pages: known };
  const path = outputPath(book, options.outDir, 'pdf');
  // An interior of any profile will do: build:pdf keys its output by the profile it was given.
  for (const key of new Set([pdfKey(options.profile), pdfKey(undefined), ...PROFILES.map(pdfKey)])) {
    const pages = (await upToDate(book, { path, key }))?.file.pages;
    if (pages !== undefined) return { pages };
  }
  const interior = await pdfOutput(context, options);
  return { pages: interior.file.pages!, interior };
}
