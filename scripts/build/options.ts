/**
 * The contract between the command line and the builds: the options a build of one book takes,
 * and what each output reports back as data. The command line fills the one from its flags and
 * words the other (scripts/cli/outcome.ts); the builds never print.
 */
import type { Profile } from '../config/schema.ts';
import type { Warning } from '../errors.ts';
import type { CutKind } from '../layout/split.ts';

/** What a build of one book takes besides the book. */
export interface BuildOptions {
  /** The folder the outputs are written to (absolute). */
  outDir: string;
  /** The destinations to make PDFs (and covers) for; without them, the metadata's `print.profile`. */
  profiles?: readonly Profile[];
  /** Milliseconds one PDF rendering may take. */
  layoutTimeout?: number;
  /** The cover's interior page count, instead of reading it from the interior PDF. */
  pages?: number;
  /** Build even if nothing changed since the last build. */
  force: boolean;
  /** Warnings stop the build before anything is written. */
  strict: boolean;
}

/** The files a build writes. */
export type OutputKind = 'epub' | 'pdf' | 'cover';

/** One output file of a build. */
export interface BuiltFile {
  path: string;
  bytes: number;
  /** Pages of a PDF. */
  pages?: number;
  /** True when the file was already up to date and left as it was. */
  reused: boolean;
}

/** What the summary line says about an EPUB. */
interface EpubFacts {
  kind: 'epub';
  chapters: number;
  documents: number;
  /** Chapters cut for size. */
  cuts: number;
}

/** What the summary line says about a PDF. */
interface PdfFacts {
  kind: 'pdf';
  pages: number;
  /** The page size as the metadata names it, e.g. `文庫 (A6) 105×148 mm`. */
  format: string;
  profile: Profile;
  color: 'mono' | 'color';
  pdfx: boolean;
  /** The 口絵 written beside the interior as a colour PDF of their own: its path and its number of plates. */
  plates?: { path: string; count: number };
}

/** What the summary line says about a printed cover. */
interface CoverFacts {
  kind: 'cover';
  profile: Profile;
  /** Millimetres. */
  media: { width: number; height: number };
  trim: { width: number; height: number };
  spine: { width: number; formula: string };
  /** What the cover build decided that the author should know (spine text left out, …). */
  notices: string[];
}

/** The facts of one output, by kind. */
export type OutputFacts = EpubFacts | PdfFacts | CoverFacts;

/** The cuts the 256 KB limit forced in one chapter of an EPUB, for the notes under the summary. */
export interface ChapterCuts {
  /** The chapter's title, or its id when it has none. */
  chapter: string;
  file: string;
  cuts: { kind: CutKind; line?: number }[];
}

/** What one output of a build made or found up to date. */
export interface OutputResult {
  file: BuiltFile;
  facts: OutputFacts;
  /** Every warning of the output: the book's own and those the output found. */
  warnings: Warning[];
  /** Lines shown before the summary: the preflight checklist of a PDF. */
  checklist?: string[];
  /** The cuts an EPUB made for size, by chapter. */
  cuts?: ChapterCuts[];
}
