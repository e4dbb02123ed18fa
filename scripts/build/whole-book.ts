/**
 * The whole book from one load: the EPUB, the PDF and, when the metadata asks for one, the printed
 * cover. `npm run build` runs it for one manuscript and the catalogue for each of its books.
 */
import type { BuildContext } from './context.ts';
import { checkCovers, coverOutputs, coverProfiles } from './cover.ts';
import { checkDestinations, profilesOf } from './destinations.ts';
import { epubOutput } from './epub.ts';
import type { BuildOptions, OutputResult } from './options.ts';
import { pdfOutput, withBookWarnings } from './pdf.ts';

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
