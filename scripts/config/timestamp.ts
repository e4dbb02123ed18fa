/**
 * The one time a build writes into its files (the EPUB's `dcterms:modified` and ZIP entry
 * times, the PDF's creation and modification dates), chosen so that the same manuscript gives
 * the same bytes:
 *
 * 1. `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds.org convention), when set:
 *    whoever runs the build says when this revision was made. It wins over the metadata because
 *    the metadata's `date` is the publication date, which stays the same through corrected
 *    printings, while the files' time should move with each revision (CI sets it from the
 *    commit).
 * 2. Else the metadata's `date` (publication day, midnight UTC).
 * 3. Else the start of today (UTC): two builds on the same day are identical.
 *
 * The 奥付 and `dc:date` always print the metadata's `date`, whatever this returns.
 */
import { BuildError } from '../errors.ts';
import type { BookConfig } from './schema.ts';

/** The build's timestamp for a book (see the rules above). */
export function buildTimestamp(config: Pick<BookConfig, 'date'>, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch.trim()) || Number(epoch) * 1000 > 8.64e15) {
      throw new BuildError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not "${epoch}"`, {
        hint: 'e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it',
        ruleId: 'source-date-epoch',
      });
    }
    return new Date(Number(epoch) * 1000);
  }
  if (config.date) {
    const date = new Date(`${config.date}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The timestamp as `dcterms:modified` wants it: `CCYY-MM-DDThh:mm:ssZ`. */
export function w3cTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
