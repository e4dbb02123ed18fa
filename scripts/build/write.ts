/**
 * The one way an output reaches the disk: reuse the last file if nothing changed, else make it
 * and write it atomically — unless `--strict` makes its warnings fatal, in which case nothing is
 * written, like any failed build.
 */
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { assetsOfReferences, bookWarnings, type Book, type BookSource } from '../book.ts';
import { BuildError, type Warning } from '../errors.ts';
import { fingerprint, rememberedAbout, rememberOutput, reusableOutput, type BookInputs } from '../output/up-to-date.ts';
import { writeFileAtomic } from '../output/write-atomic.ts';
import type { BuildContext } from './context.ts';
import type { BuildOptions, OutputFacts, OutputResult } from './options.ts';

/** A manuscript read, with its metadata: enough to name its outputs. */
export type NamedBook = Pick<Book, 'manuscript' | 'config'>;

/** Where a book's output goes: `<out-dir>/<filename><suffix>.<ext>`. */
export function outputPath(book: NamedBook, outDir: string, extension: string, suffix = ''): string {
  const file = book.manuscript.metadataFile;
  // A folder's name is used whole (`book-1.5` stays so); a file loses its extension.
  const name =
    book.config.filename ?? (file.endsWith('.md') ? basename(file, extname(file)) : basename(book.manuscript.root));
  return join(outDir, `${name}${suffix}.${extension}`);
}

/** What an output stage made, before it is written. */
export interface Made {
  bytes: Uint8Array;
  facts: OutputFacts;
  /** Every warning of the output: the book's own and the output's. */
  warnings: Warning[];
  checklist?: string[];
  cuts?: OutputResult['cuts'];
  /** Files written beside the output, after it (the 口絵 PDF beside the interior). */
  besides?: { path: string; bytes: Uint8Array }[];
}

/** What the cache keeps of a written output, to report it again when it is reused. */
interface Remembered {
  facts: OutputFacts;
  warnings: Warning[];
  pages?: number;
  /** The image references the chapters made, as written: what to resolve to check the output before parsing. */
  images?: string[];
}

/** Which file an output is, and what its up-to-date check is keyed by. */
export interface Target {
  path: string;
  /** What else the output depends on besides the book (its kind, profile, page count). */
  key: string;
}

/** The output at `target` as the last build left it, if nothing it depends on changed since. */
export async function upToDate(book: BookInputs, target: Target): Promise<OutputResult | undefined> {
  const reused = await reusableOutput<Remembered>(target.path, await fingerprint(book, target.key));
  if (!reused) return undefined;
  // The 口絵 PDF written beside the interior is part of the output: gone, the interior is made again.
  if (reused.facts.kind === 'pdf' && reused.facts.plates && !existsSync(reused.facts.plates.path)) return undefined;
  const file = { path: target.path, bytes: reused.bytes, pages: reused.pages, reused: true };
  return { file, facts: reused.facts, warnings: reused.warnings };
}

/**
 * The output at `target` as the last build left it, checked without parsing the book (a novel
 * takes seconds to parse, its check a fraction of one): the chapters' text and the metadata decide
 * what parsing finds, so if they are as the last build read them, the images its chapters named
 * then are the ones they name now, and are resolved and hashed as a parse would. The fingerprint
 * is the one `writeOutput` compares; undefined (parse, then check as before) when the last build
 * kept no list of images, or one of them no longer resolves.
 */
export async function upToDateBeforeParsing(
  source: BookSource,
  target: (book: NamedBook) => Target,
  destination: (book: NamedBook) => NamedBook = (book) => book,
): Promise<OutputResult | undefined> {
  const { manuscript } = source;
  const book = destination({ manuscript, config: manuscript.config });
  const where = target(book);
  const about = await rememberedAbout<Remembered>(where.path);
  if (!about?.images) return undefined;
  const assets = await assetsOfReferences(source, about.images);
  return assets && upToDate({ ...book, assets }, where);
}

/** Reuse the output at `target` if nothing changed since it was written, else make and write it. */
export async function writeOutput(
  context: BuildContext,
  book: Book,
  options: BuildOptions,
  target: Target,
  make: () => Promise<Made>,
): Promise<OutputResult> {
  context.signal.throwIfAborted();
  const { path } = target;
  try {
    const reused = options.force ? undefined : await upToDate(book, target);
    if (reused) return reused;
    const print = await fingerprint(book, target.key);
    const made = await make();
    context.signal.throwIfAborted();
    if (options.strict && made.warnings.length > 0) throw strictError(made.warnings);
    await writeFileAtomic(path, made.bytes, context.signal);
    for (const beside of made.besides ?? []) await writeFileAtomic(beside.path, beside.bytes, context.signal);
    const pages = made.facts.kind === 'pdf' ? made.facts.pages : undefined;
    await rememberOutput<Remembered>(path, print, made.bytes, {
      facts: made.facts,
      warnings: made.warnings,
      pages,
      images: [...book.assets.images.keys()],
    });
    const file = { path, bytes: made.bytes.byteLength, pages, reused: false };
    return { file, facts: made.facts, warnings: made.warnings, checklist: made.checklist, cuts: made.cuts };
  } catch (error) {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  }
}

/** The error `--strict` stops a build with when it has warnings. */
export function strictError(warnings: Warning[]): BuildError {
  const error = new BuildError(`${warnings.length} warning(s) and --strict is on; nothing was written`, {
    ruleId: 'strict',
  });
  error.warnings = warnings;
  return error;
}
