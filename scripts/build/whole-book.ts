/**
 * The whole book from one load: the EPUB, the PDF and, when the metadata asks for one, the printed
 * cover. `npm run build` runs it for one manuscript and the catalogue for each of its books.
 */
import type { BuildContext } from './context.ts';
import { coverOutput } from './cover.ts';
import { epubOutput } from './epub.ts';
import type { BuildOptions, OutputResult } from './options.ts';
import { pdfOutput } from './pdf.ts';

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
  done(await epubOutput(context, options));
  // One PDF per profile asked for (one today: the flag's, or the metadata's); each is laid out
  // from the same parsed book on the same browser.
  const pdfs: OutputResult[] = [];
  for (const profile of [options.profile]) pdfs.push(done(await pdfOutput(context, { ...options, profile })));
  // The cover's spine takes its page count from the PDF just made.
  for (const result of await coverOutput(context, options, { ifConfigured: true, interior: pdfs[0] })) done(result);
  return results;
}
