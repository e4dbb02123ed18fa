/** The PDF output of a build: the book laid out in Chromium on the context's browser, then finished for its press. */
import { bookWarnings, type Book } from '../book.ts';
import type { Profile } from '../config/schema.ts';
import { BuildError, type Warning } from '../errors.ts';
import type { BuildContext } from './context.ts';
import { checkDestinations, destinationBook, pdfSuffix, profilesOf } from './destinations.ts';
import type { BuildOptions, OutputResult } from './options.ts';
import { outputPath, strictError, upToDateBeforeParsing, writeOutput, type Made, type NamedBook } from './write.ts';

/** What a destination's PDF's up-to-date check is keyed by. */
export function pdfKey(profile: Profile): string {
  return `pdf:${profile}`;
}

/** Where a destination's PDF is written: `<name>.pdf` for the screen, `<name>-<profile>.pdf` for a press. */
export function pdfPath(book: NamedBook, outDir: string, profile: Profile): string {
  return outputPath(book, outDir, 'pdf', pdfSuffix(profile));
}

/**
 * Build the PDF of every destination asked for (the metadata's when none), in turn, from the same
 * parsed book; every destination's settings are checked before the first is laid out.
 */
export async function pdfOutputs(context: BuildContext, options: BuildOptions): Promise<OutputResult[]> {
  const reused = options.force ? undefined : await pdfsBeforeParsing(context, options);
  if (reused) return reused;
  const book = await context.book();
  const profiles = profilesOf(book, options);
  withBookWarnings(book, () => checkDestinations(book, profiles));
  const results: OutputResult[] = [];
  for (const profile of profiles) results.push(await pdfOutput(context, options, profile));
  return results;
}

/**
 * Every destination's PDF as the last build left it, if each is up to date (write.ts:
 * `upToDateBeforeParsing`); undefined when one is not, or a destination's settings have a problem
 * (the build then parses the book and reports it).
 */
export async function pdfsBeforeParsing(
  context: BuildContext,
  options: BuildOptions,
): Promise<OutputResult[] | undefined> {
  const source = await context.source();
  const { manuscript } = source;
  const profiles = profilesOf(manuscript, options);
  try {
    checkDestinations({ manuscript, config: manuscript.config }, profiles);
  } catch {
    return undefined;
  }
  const results: OutputResult[] = [];
  for (const profile of profiles) {
    const found = await upToDateBeforeParsing(
      source,
      (book) => ({ path: pdfPath(book, options.outDir, profile), key: pdfKey(profile) }),
      (book) => destinationBook(book, profile),
    );
    if (!found) return undefined;
    results.push(found);
  }
  return results;
}

/** Build one destination's PDF, or find it up to date. */
export async function pdfOutput(context: BuildContext, options: BuildOptions, profile: Profile): Promise<OutputResult> {
  const book = destinationBook(await context.book(), profile);
  const path = pdfPath(book, options.outDir, profile);
  return writeOutput(context, book, options, { path, key: pdfKey(profile) }, () =>
    makePdf(context, book, options, profile),
  );
}

/** Run `check`; an error it throws carries the book's own warnings, which are reported with it. */
export function withBookWarnings(book: Book, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  }
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
  const platesPath = outputPath(book, options.outDir, 'pdf', `${pdfSuffix(profile)}-frontispiece`);
  return {
    bytes: result.bytes,
    facts: {
      kind: 'pdf',
      pages: result.pages,
      format: result.geometry.label,
      profile,
      color: press.color,
      pdfx: press.pdfx,
      ...(result.plates ? { plates: { path: platesPath, count: result.plates.pages } } : {}),
    },
    warnings: [...bookWarnings(book), ...result.warnings],
    checklist: result.checklist,
    // The 口絵, a colour PDF of their own beside the interior and named after it
    // (`<name>-print-shop-frontispiece.pdf`), so that two destinations' plates never overwrite each other.
    besides: result.plates
      ? [
          {
            path: platesPath,
            bytes: result.plates.bytes,
          },
        ]
      : [],
  };
}
