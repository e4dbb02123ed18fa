/** The interior's page count for the cover: from an up-to-date interior PDF, or from one built now. */
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import type { Book } from '../book.ts';
import type { BuildSummary } from '../build-options.ts';
import { PROFILES, type Profile } from '../config/schema.ts';
import { BuildError } from '../errors.ts';
import { fingerprint, reusableOutput } from '../output/up-to-date.ts';

/**
 * Read the page count of the interior at `path` if a build of this book left it as it is now —
 * in the cover's profile, or in any other (they lay out the same pages) — else build it with
 * `buildInterior` and read that.
 */
export async function interiorPages(
  book: Book,
  path: string,
  profile: Profile,
  buildInterior: () => Promise<BuildSummary>,
): Promise<{ pages: number; interior?: BuildSummary }> {
  // build:pdf keys its output by the --profile it was given, '' when the metadata chose.
  const keys = [`pdf:${profile}`, 'pdf:', ...PROFILES.map((other) => `pdf:${other}`)];
  for (const key of new Set(keys)) {
    if (await reusableOutput(path, await fingerprint(book, key))) return { pages: await countPages(path) };
  }
  const interior = await buildInterior();
  return { pages: await countPages(path), interior };
}

async function countPages(path: string): Promise<number> {
  try {
    const pdf = await PDFDocument.load(await readFile(path), { updateMetadata: false });
    return pdf.getPageCount();
  } catch (cause) {
    throw new BuildError(`could not read the page count of the interior ${path}`, { cause, ruleId: 'cover-interior' });
  }
}
