/** The builds the commands run; each only sequences stages. */
import { basename, extname, join, relative } from 'node:path';
import { bookWarnings, loadBook, type Book } from './book.ts';
import type { CliOptions } from './cli/args.ts';
import { formatBytes } from './cli/report.ts';
import type { BuildSummary } from './cli/run.ts';
import { BuildError, type Warning } from './errors.ts';
import { missingGlyphMessage } from './layout/missing-glyphs.ts';
import { fingerprint, rememberOutput, reusableOutput } from './output/up-to-date.ts';
import { writeFileAtomic } from './output/write-atomic.ts';
import type { Progress } from './progress.ts';

/** A path as the user would type it: relative when inside the working folder. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Where a book's output goes: `<out-dir>/<filename>.<ext>`. */
export function outputPath(book: Book, outDir: string, extension: string): string {
  const file = book.manuscript.metadataFile;
  // A folder's name is used whole (`book-1.5` stays so); a file loses its extension.
  const name =
    book.config.filename ?? (file.endsWith('.md') ? basename(file, extname(file)) : basename(book.manuscript.root));
  return join(outDir, `${name}.${extension}`);
}

/** What one output stage made: the bytes, a description for the summary, and its own warnings. */
interface Made {
  bytes: Uint8Array;
  details: string;
  warnings?: Warning[];
}

/**
 * Load the book, reuse the last output if nothing changed, else make it and write it — unless
 * `--strict` makes warnings fatal, in which case nothing is written, like any failed build.
 */
async function build(
  options: CliOptions,
  signal: AbortSignal,
  progress: Progress,
  target: { extension: string; key: string },
  make: (book: Book) => Promise<Made>,
): Promise<BuildSummary> {
  progress(`reading ${displayPath(options.manuscript)}`);
  const book = await loadBook(options.manuscript, progress);
  signal.throwIfAborted();
  const path = outputPath(book, options.outDir, target.extension);
  try {
    const print = await fingerprint(book, target.key);
    const reused = options.force ? undefined : await reusableOutput(path, print);
    if (reused)
      return {
        summary: `${displayPath(path)} is up to date: nothing changed since the last build (${reused.summary}; --force rebuilds it)`,
        warnings: reused.warnings,
      };

    const made = await make(book);
    signal.throwIfAborted();
    const warnings = [...bookWarnings(book), ...(made.warnings ?? [])];
    if (options.strict && warnings.length > 0) {
      const error = new BuildError(`${warnings.length} warning(s) and --strict is on; nothing was written`, {
        ruleId: 'strict',
      });
      error.warnings = warnings;
      throw error;
    }
    await writeFileAtomic(path, made.bytes, signal);
    const summary = `${formatBytes(made.bytes.byteLength)}, ${made.details}`;
    await rememberOutput(path, print, made.bytes, summary, warnings);
    return { summary: `wrote ${displayPath(path)} (${summary})`, warnings };
  } catch (error) {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  }
}

/** `build:epub`: manuscript → EPUB file. */
export function buildEpubFile(options: CliOptions, signal: AbortSignal, progress: Progress): Promise<BuildSummary> {
  return build(options, signal, progress, { extension: 'epub', key: 'epub' }, async (book) => {
    progress(`building EPUB from ${book.chapters.length} chapter(s)`);
    // Each output's stack (packager, browser, PDF library) is loaded only when it is built.
    const { buildEpub } = await import('./epub/build.ts');
    const { bytes, documents } = await buildEpub(book);
    return { bytes, details: `${book.chapters.length} chapter(s), ${documents} documents` };
  });
}

/** `build:pdf`: manuscript → print PDF. */
export async function buildPdfFile(
  options: CliOptions,
  signal: AbortSignal,
  progress: Progress,
): Promise<BuildSummary> {
  const [{ buildPdf }, { startBrowserSession }] = await Promise.all([
    import('./pdf/build.ts'),
    import('./pdf/browser.ts'),
  ]);
  // Chromium starts while the manuscript is read and parsed.
  const session = await startBrowserSession();
  try {
    return await build(options, signal, progress, { extension: 'pdf', key: `pdf:${options.profile ?? ''}` }, (book) =>
      makePdf(
        book,
        buildPdf,
        { ...options, profile: options.profile ?? book.config.print.profile },
        signal,
        progress,
        session,
      ),
    );
  } finally {
    await session.close();
  }
}

async function makePdf(
  book: Book,
  buildPdf: typeof import('./pdf/build.ts').buildPdf,
  options: CliOptions & { profile: NonNullable<CliOptions['profile']> },
  signal: AbortSignal,
  progress: Progress,
  session: import('./pdf/browser.ts').BrowserSession,
): Promise<Made> {
  progress(`building PDF (${options.profile}) from ${book.chapters.length} chapter(s)`);
  const timeout = options.timeout === undefined ? undefined : options.timeout * 1000;
  const result = await buildPdf(book, { profile: options.profile, signal, progress, session, timeout });
  const warnings: Warning[] = result.blocked.map((url) => ({
    message: `blocked a request for ${url}: a build loads nothing from outside the book`,
    file: book.manuscript.metadataFile,
    ruleId: 'pdf-blocked-request',
  }));
  for (const glyph of result.missingGlyphs) {
    warnings.push({ message: missingGlyphMessage(glyph), ...glyph.place, ruleId: 'pdf-missing-glyph' });
  }
  const reported = new Set(result.missingGlyphs.map((glyph) => glyph.char));
  for (const char of result.missingInMarks.filter((char) => !reported.has(char))) {
    warnings.push({
      message: missingGlyphMessage({ char, place: {}, more: 0 }).replace('the PDF prints', 'running heads print'),
      file: book.manuscript.metadataFile,
      ruleId: 'pdf-missing-glyph',
    });
  }
  if (result.type3Fonts > 0) {
    warnings.push({
      message: `${result.type3Fonts} font(s) were embedded as Type 3, which print shops reject: a font the book names is a PostScript-outline (CFF) or variable font`,
      hint: 'name a TrueType (.ttf) font with static outlines as bodyFont / headingFont',
      file: book.manuscript.metadataFile,
      ruleId: 'pdf-type3-font',
    });
  }
  return {
    bytes: result.bytes,
    details: `${result.pages} pages, ${result.geometry.label}, profile ${options.profile}`,
    warnings,
  };
}
