/**
 * The printed covers of a build, one per print destination asked for (a print shop's for the
 * screen). A cover's spine needs its interior's page count: from `--pages`, from the PDF of its
 * destination this command made, from a PDF of a destination laid out the same way (padded as
 * its own destination pads), from such a PDF that is up to date, or else from its destination's
 * interior built now from the same load of the book.
 */
import { bookWarnings, type Book, type BookSource } from '../book.ts';
import { configFor } from '../config/destination-config.ts';
import { PROFILES, type BookConfig, type Profile } from '../config/schema.ts';
import { buildTimestamp } from '../config/timestamp.ts';
import { BuildError } from '../errors.ts';
import { padToFor } from '../pdf/press/options.ts';
import type { BuildContext } from './context.ts';
import { checkDestinations, coverProfile, coverSuffix, destinationBook, profilesOf } from './destinations.ts';
import type { BuildOptions, OutputResult } from './options.ts';
import { pdfKey, pdfOutput, pdfPath, withBookWarnings } from './pdf.ts';
import { outputPath, upToDate, upToDateBeforeParsing, writeOutput } from './write.ts';

/** A print destination, which has a cover. */
type PrintProfile = Exclude<Profile, 'screen'>;

/** How the covers are asked for. */
export interface CoverRequest {
  /** Build a destination's cover only if its settings have `cover` (the whole-book build). */
  ifConfigured?: boolean;
  /** PDFs of the book this command already made (or found up to date), for their page counts. */
  interiors?: readonly OutputResult[];
}

/** The print destinations whose covers are asked for. */
export function coverProfiles(
  book: Pick<Book, 'config'>,
  options: BuildOptions,
  request: CoverRequest = {},
): PrintProfile[] {
  const profiles = [...new Set(profilesOf(book, options).map(coverProfile))];
  return request.ifConfigured ? profiles.filter((profile) => configFor(book.config, profile).print.cover) : profiles;
}

/** Check every asked cover's settings and its destination's, before any interior is laid out. */
export async function checkCovers(book: Book, profiles: readonly PrintProfile[]): Promise<void> {
  if (profiles.length === 0) return;
  withBookWarnings(book, () => checkDestinations(book, profiles));
  const { checkCoverSettings } = await import('../cover/build.ts');
  for (const profile of profiles) {
    await checkCoverSettings(destinationBook(book, profile), profile).catch((error: unknown) => {
      if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
      throw error;
    });
  }
}

/**
 * Build the cover of every print destination asked for (or find it up to date); an interior
 * that had to be built for its page count comes before its cover in the results. Empty when
 * `ifConfigured` and no destination has a cover.
 */
export async function coverOutputs(
  context: BuildContext,
  options: BuildOptions,
  request: CoverRequest = {},
): Promise<OutputResult[]> {
  const reused = options.force ? undefined : await coversBeforeParsing(context, options, request);
  if (reused) return reused;
  const book = await context.book();
  const profiles = coverProfiles(book, options, request);
  await checkCovers(book, profiles);
  const interiors = [...(request.interiors ?? [])];
  const results: OutputResult[] = [];
  for (const profile of profiles) {
    const made = await coverOutput(context, options, profile, interiors);
    interiors.push(...made.filter((result) => result.facts.kind === 'pdf'));
    results.push(...made);
  }
  return results;
}

/**
 * Every asked cover as the last build left it, if each is up to date, found without parsing the
 * book (write.ts `upToDateBeforeParsing`): its page count from `--pages`, from an interior this
 * command made or found, or from an interior of its destination (or one laid out the same way)
 * found up to date the same way. Undefined when one is not, or its page count is not known so; the
 * build then parses the book and goes on as before. A `npm run build` with nothing changed parses
 * nothing.
 */
export async function coversBeforeParsing(
  context: BuildContext,
  options: BuildOptions,
  request: CoverRequest = {},
): Promise<OutputResult[] | undefined> {
  const source = await context.source();
  const named = { manuscript: source.manuscript, config: source.manuscript.config };
  const results: OutputResult[] = [];
  for (const profile of coverProfiles(named, options, request)) {
    const configs = { shared: named.config, destination: destinationBook(named, profile).config };
    const pages =
      options.pages ??
      pagesOf(request.interiors ?? [], configs, profile) ??
      (await pagesBeforeParsing(source, options, configs, profile));
    if (pages === undefined) return undefined;
    const found = await upToDateBeforeParsing(
      source,
      (view) => ({
        path: outputPath(view, options.outDir, 'pdf', coverSuffix(profile)),
        key: `cover:${profile}:${pages}`,
      }),
      (view) => destinationBook(view, profile),
    );
    if (!found) return undefined;
    results.push(found);
  }
  return results;
}

/**
 * A destination's page count from its interior on disk, or from the interior of a destination laid
 * out the same way (padded as it pads), when that is up to date, found without parsing the book.
 */
async function pagesBeforeParsing(
  source: BookSource,
  options: BuildOptions,
  configs: { shared: BookConfig; destination: BookConfig },
  profile: PrintProfile,
): Promise<number | undefined> {
  const alike = PROFILES.filter((other) => other !== profile && sameLayout(configs.shared, other, profile));
  for (const from of [profile, ...alike]) {
    const found = await upToDateBeforeParsing(
      source,
      (view) => ({ path: pdfPath(view, options.outDir, from), key: pdfKey(from) }),
      (view) => destinationBook(view, from),
    );
    if (found?.file.pages !== undefined) return padded(found.file.pages, configs.destination, profile);
  }
  return undefined;
}

/**
 * A destination's page count from the PDFs this command made or found: its own, or, padded as it
 * pads (by its `destination` settings), that of a destination laid out the same way (by the `shared` ones).
 */
function pagesOf(
  interiors: readonly OutputResult[],
  { shared, destination }: { shared: BookConfig; destination: BookConfig },
  profile: PrintProfile,
): number | undefined {
  const pdfs = interiors.flatMap((result) =>
    result.facts.kind === 'pdf' ? [{ result, from: result.facts.profile }] : [],
  );
  const own = pdfs.find((pdf) => pdf.from === profile);
  if (own) return own.result.file.pages;
  const made = pdfs.find((pdf) => sameLayout(shared, pdf.from, profile));
  return made ? padded(made.result.file.pages!, destination, profile) : undefined;
}

/** One destination's cover, after the interior built for its page count when there was none. */
async function coverOutput(
  context: BuildContext,
  options: BuildOptions,
  profile: PrintProfile,
  interiors: readonly OutputResult[],
): Promise<OutputResult[]> {
  const shared = await context.book();
  const book = destinationBook(shared, profile);
  const { pages, interior } = await interiorPages(context, { shared, book, options, profile }, interiors);
  const path = outputPath(book, options.outDir, 'pdf', coverSuffix(profile));
  const { buildCover } = await import('../cover/build.ts');
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

/** The book, shared and as the cover's destination sees it. */
interface CoverTarget {
  shared: Book;
  book: Book;
  options: BuildOptions;
  profile: PrintProfile;
}

/** The interior's page count, and the interior when it was built for it. */
async function interiorPages(
  context: BuildContext,
  { shared, book, options, profile }: CoverTarget,
  interiors: readonly OutputResult[],
): Promise<{ pages: number; interior?: OutputResult }> {
  if (options.pages !== undefined) return { pages: options.pages };
  const made = pagesOf(interiors, { shared: shared.config, destination: book.config }, profile);
  if (made !== undefined) return { pages: made };
  const alike = (from: Profile) => sameLayout(shared.config, from, profile);
  // A PDF written earlier, of this destination or of one laid out the same way, if it is up to date.
  for (const from of [profile, ...PROFILES.filter((other) => other !== profile && alike(other))]) {
    const view = from === profile ? book : destinationBook(shared, from);
    const found = await upToDate(view, { path: pdfPath(view, options.outDir, from), key: pdfKey(from) });
    if (found?.file.pages !== undefined) return { pages: padded(found.file.pages, book.config, profile) };
  }
  const interior = await pdfOutput(context, options, profile);
  return { pages: interior.file.pages!, interior };
}

/** Settings that do not move a page break: the boxes, marks, colour and gutter shift of a destination. */
const NOT_LAYOUT = new Set([
  ...['profile', 'bleed', 'marks', 'pdfx', 'color', 'gutter', 'hiddenFolio', 'runningHead', 'cover', 'padTo'],
]);

/**
 * Whether the PDF of destination `a` has the pages `b`'s would have, once padded as `b` pads:
 * the same settings but those that place no text, and a padding that `b`'s includes.
 */
function sameLayout(config: BookConfig, a: Profile, b: Profile): boolean {
  const layout = (profile: Profile) => {
    const { print, isbn, price, printer } = configFor(config, profile);
    const kept = Object.entries(print).filter(([key]) => !NOT_LAYOUT.has(key));
    return JSON.stringify([kept, isbn, price, printer]);
  };
  const padding = (profile: Profile) => padToFor(configFor(config, profile).print, profile);
  return layout(a) === layout(b) && padding(b) % padding(a) === 0;
}

/** A page count padded to the multiple the destination pads to (blank pages before the 奥付). */
function padded(pages: number, config: BookConfig, profile: Profile): number {
  const multiple = padToFor(config.print, profile);
  return Math.ceil(pages / multiple) * multiple;
}
