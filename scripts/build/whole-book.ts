/**
 * The whole book from one load: the EPUB, the PDF and, when the metadata asks for one, the printed
 * cover. `npm run build` runs it for one manuscript and the catalogue for each of its books.
 */
import type { BuildContext } from './context.ts';
import { checkCovers, coverOutputs, coverProfiles, coversBeforeParsing } from './cover.ts';
import { checkDestinations, profilesOf } from './destinations.ts';
import { epubBeforeParsing, epubOutput } from './epub.ts';
import type { BuildOptions, OutputResult } from './options.ts';
import { pdfOutput, pdfsBeforeParsing, withBookWarnings } from './pdf.ts';

/**
 * Build every output of the context's book in turn; the first failure ends the book. `onResult`
 * hears of each output as it is done, so that a caller knows what was made before a failure.
 */
export async function buildWholeBook(
  context: BuildContext,
  options: BuildOptions,
  onResult: (result: OutputResult) => void = () => undefined,
): Promise<OutputResult[]> {
  const results: OutputResult[] = [];
  const done = (result: OutputResult) => {
    results.push(result);
    onResult(result);
    return result;
  };
  const reused = options.force ? undefined : await upToDateBeforeParsing(context, options);
  if (reused) return reused.map(done);
  // Every destination's settings, and every cover's, are checked before anything is made.
  const book = await context.book();
  const profiles = profilesOf(book, options);
  withBookWarnings(book, () => checkDestinations(book, profiles));
  await checkCovers(book, coverProfiles(book, options, { ifConfigured: true }));
  done(await epubOutput(context, options));
  // One PDF per destination asked for, each laid out from the same parsed book on the same browser.
  const pdfs: OutputResult[] = [];
  for (const profile of profiles) pdfs.push(done(await pdfOutput(context, options, profile)));
  // Each cover's spine takes its page count from its destination's PDF just made.
  for (const result of await coverOutputs(context, options, { ifConfigured: true, interiors: pdfs })) done(result);
  return results;
}

/**
 * Every output of the book as the last build left it, when each is up to date, found without
 * parsing the book: the EPUB, each destination's PDF and each cover the metadata asks for. Undefined
 * as soon as one is not (the book is then parsed, and each output checked again as it comes).
 */
async function upToDateBeforeParsing(
  context: BuildContext,
  options: BuildOptions,
): Promise<OutputResult[] | undefined> {
  const epub = await epubBeforeParsing(context, options);
  const pdfs = epub && (await pdfsBeforeParsing(context, options));
  const covers = pdfs && (await coversBeforeParsing(context, options, { ifConfigured: true, interiors: pdfs }));
  return covers && [epub, ...pdfs, ...covers];
}
