/**
 * The contract between the command line and the builds: the options a build takes and what it
 * reports back. The CLI fills the one and words the other; the builds never print.
 */
import type { Profile } from './config/schema.ts';
import type { Warning } from './errors.ts';
import type { Progress } from './progress.ts';

/** What every build takes, as the command line gives it (paths resolved). */
export interface BuildOptions {
  manuscript: string;
  outDir: string;
  profile?: Profile;
  /** Seconds one PDF rendering may take. */
  timeout?: number;
  /** build:cover: the interior's page count, instead of reading it from the interior PDF. */
  pages?: number;
  /** build:cover: do nothing unless the metadata has `print.cover` (for `npm run build`). */
  ifConfigured?: boolean;
  /** Build even if nothing changed since the last build. */
  force: boolean;
  /** Proofread first (`npm run lint`); with `strict`, a lint error stops the build. */
  lint: boolean;
  strict: boolean;
  verbose: boolean;
  quiet: boolean;
  help: boolean;
}

/** What a build reports back for the summary line. */
export interface BuildSummary {
  /** Main line, e.g. `wrote dist/book.epub (120 KB, 5 chapters)`. */
  summary: string;
  warnings: Warning[];
  /** The file the build wrote or found up to date, for catalogue reports. */
  output?: BuiltFile;
  /** Lines printed before the summary, such as the preflight checklist. */
  report?: string[];
  /** Lines printed under the summary: what the build did that the author should know. */
  notes?: string[];
}

/** One output file of a build. */
export interface BuiltFile {
  path: string;
  bytes: number;
  /** Pages of a PDF. */
  pages?: number;
  /** True when the file was already up to date and left as it was. */
  reused: boolean;
}

/** A build of one target, cancellable through `signal`. */
export type BuildRunner = (options: BuildOptions, signal: AbortSignal, progress: Progress) => Promise<BuildSummary>;
