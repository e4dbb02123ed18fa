/** The builds the commands run; each only sequences stages. */
import { basename, extname, join, relative } from 'node:path';
import { bookWarnings, loadBook, type Book } from './book.ts';
import type { BuildSummary } from './cli/run.ts';
import type { CliOptions } from './cli/args.ts';
import { formatBytes } from './cli/report.ts';
import { buildEpub } from './epub/build.ts';
import { buildPdf } from './pdf/build.ts';
import { BuildError, type Warning } from './errors.ts';
import { writeFileAtomic } from './output/write-atomic.ts';

/** A path as the user would type it: relative when inside the working folder. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Where a book's output goes: `<out-dir>/<filename>.<ext>`. */
export function outputPath(book: Book, outDir: string, extension: string): string {
  const source = book.manuscript.metadataFile.endsWith('.md') ? book.manuscript.metadataFile : book.manuscript.root;
  const name = book.config.filename ?? basename(source, extname(source));
  return join(outDir, `${name}.${extension}`);
}

/**
 * Write an output unless `--strict` makes its warnings fatal: a strict build that fails leaves
 * the previous file, like any failed build.
 */
async function writeOutput(path: string, bytes: Uint8Array, warnings: Warning[], options: CliOptions, signal: AbortSignal): Promise<void> {
  if (options.strict && warnings.length > 0) {
    const error = new BuildError(`${warnings.length} warning(s) and --strict is on; nothing was written`, { ruleId: 'strict' });
    error.warnings = warnings;
    throw error;
  }
  await writeFileAtomic(path, bytes, signal);
}

/** Load a book, reporting warnings found so far if loading fails later on. */
async function load(options: CliOptions, progress: (line: string) => void): Promise<Book> {
  progress(`reading ${options.manuscript}`);
  return loadBook(options.manuscript);
}

/** `build:epub`: manuscript → EPUB file. */
export async function buildEpubFile(options: CliOptions, signal: AbortSignal, progress: (line: string) => void): Promise<BuildSummary> {
  const book = await load(options, progress);
  signal.throwIfAborted();
  progress(`building EPUB from ${book.chapters.length} chapter(s)`);
  try {
    const { bytes, documents } = await buildEpub(book);
    signal.throwIfAborted();
    const path = outputPath(book, options.outDir, 'epub');
    const warnings = bookWarnings(book);
    await writeOutput(path, bytes, warnings, options, signal);
    return {
      summary: `wrote ${displayPath(path)} (${formatBytes(bytes.byteLength)}, ${book.chapters.length} chapter(s), ${documents} documents)`,
      warnings,
    };
  } catch (error) {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  }
}

/** `build:pdf`: manuscript → print PDF. */
export async function buildPdfFile(options: CliOptions, signal: AbortSignal, progress: (line: string) => void): Promise<BuildSummary> {
  const book = await load(options, progress);
  signal.throwIfAborted();
  try {
    const profile = options.profile ?? book.config.print.profile;
    progress(`building PDF (${profile}) from ${book.chapters.length} chapter(s)`);
    const result = await buildPdf(book, { profile, signal, progress, timeout: options.timeout === undefined ? undefined : options.timeout * 1000 });
    signal.throwIfAborted();
    const path = outputPath(book, options.outDir, 'pdf');
    const warnings = bookWarnings(book);
    for (const url of result.blocked) {
      warnings.push({ message: `blocked a request for ${url}: a build loads nothing from outside the book`, file: book.manuscript.metadataFile, ruleId: 'pdf-blocked-request' });
    }
    if (result.type3Fonts > 0) {
      warnings.push({
        message: `${result.type3Fonts} font(s) were embedded as Type 3, which print shops reject: some characters are missing from the book's fonts`,
        file: book.manuscript.metadataFile,
        ruleId: 'pdf-type3-font',
      });
    }
    await writeOutput(path, result.bytes, warnings, options, signal);
    return {
      summary: `wrote ${displayPath(path)} (${formatBytes(result.bytes.byteLength)}, ${result.pages} pages, ${result.geometry.label}, profile ${profile})`,
      warnings,
    };
  } catch (error) {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  }
}
