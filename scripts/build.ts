/** The builds the commands run; each only sequences stages. */
import { basename, extname, join, relative } from 'node:path';
import { bookWarnings, loadBook, type Book } from './book.ts';
import type { BuildOptions as CliOptions } from './build-options.ts';
import { formatBytes } from './report.ts';
import type { BuildSummary } from './build-options.ts';
import type { ChapterCut } from './epub/pages.ts';
import { buildTimestamp } from './config/timestamp.ts';
import { BuildError, type Warning } from './errors.ts';
import { fingerprint, rememberOutput, reusableOutput } from './output/up-to-date.ts';
import { writeFileAtomic } from './output/write-atomic.ts';
import type { Progress } from './progress.ts';

/** A path as the user would type it: relative when inside the working folder. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Where a book's output goes: `<out-dir>/<filename><suffix>.<ext>`. */
export function outputPath(book: Book, outDir: string, extension: string, suffix = ''): string {
  const file = book.manuscript.metadataFile;
  // A folder's name is used whole (`book-1.5` stays so); a file loses its extension.
  const name =
    book.config.filename ?? (file.endsWith('.md') ? basename(file, extname(file)) : basename(book.manuscript.root));
  return join(outDir, `${name}${suffix}.${extension}`);
}

/** What one output stage made: the bytes, a description for the summary, and its own warnings. */
interface Made {
  bytes: Uint8Array;
  details: string;
  warnings?: Warning[];
  /** Pages of a PDF. */
  pages?: number;
  /** Lines to show before the summary (the preflight checklist). */
  report?: string[];
  /** Lines the summary adds below itself (what the build did that the author should know). */
  notes?: string[];
}

/**
 * Load the book, reuse the last output if nothing changed, else make it and write it — unless
 * `--strict` makes warnings fatal, in which case nothing is written, like any failed build.
 */
async function build(
  options: CliOptions,
  signal: AbortSignal,
  progress: Progress,
  target: { extension: string; key: string; suffix?: string; book?: Book },
  make: (book: Book) => Promise<Made>,
): Promise<BuildSummary> {
  const book = target.book ?? (await readBook(options, progress));
  signal.throwIfAborted();
  const path = outputPath(book, options.outDir, target.extension, target.suffix);
  try {
    const print = await fingerprint(book, target.key);
    const reused = options.force ? undefined : await reusableOutput(path, print);
    if (reused)
      return {
        summary: `${displayPath(path)} is up to date: nothing changed since the last build (${reused.summary}; --force rebuilds it)`,
        warnings: reused.warnings,
        output: { path, bytes: reused.bytes, pages: reused.pages, reused: true },
      };

    const made = await make(book);
    signal.throwIfAborted();
    const warnings = [...bookWarnings(book), ...(made.warnings ?? [])];
    if (options.strict && warnings.length > 0) throw strictError(warnings);
    await writeFileAtomic(path, made.bytes, signal);
    const summary = `${formatBytes(made.bytes.byteLength)}, ${made.details}`;
    await rememberOutput(path, print, made.bytes, { summary, warnings, pages: made.pages });
    return {
      summary: `wrote ${displayPath(path)} (${summary})`,
      warnings,
      output: { path, bytes: made.bytes.byteLength, pages: made.pages, reused: false },
      report: made.report,
      notes: made.notes,
    };
  } catch (error) {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  }
}

/** The error `--strict` stops a build with when it has warnings. */
function strictError(warnings: Warning[]): BuildError {
  const error = new BuildError(`${warnings.length} warning(s) and --strict is on; nothing was written`, {
    ruleId: 'strict',
  });
  error.warnings = warnings;
  return error;
}

function readBook(options: CliOptions, progress: Progress): Promise<Book> {
  progress(`reading ${displayPath(options.manuscript)}`);
  return loadBook(options.manuscript, progress);
}

/** `build:epub`: manuscript → EPUB file. */
export function buildEpubFile(options: CliOptions, signal: AbortSignal, progress: Progress): Promise<BuildSummary> {
  return build(options, signal, progress, { extension: 'epub', key: 'epub' }, async (book) => {
    progress(`building EPUB from ${book.chapters.length} chapter(s)`);
    // Each output's stack (packager, browser, PDF library) is loaded only when it is built.
    const { buildEpub } = await import('./epub/build.ts');
    const { bytes, documents, cuts, warnings } = await buildEpub(book);
    return {
      bytes,
      warnings,
      details: `${book.chapters.length} chapter(s), ${documents} documents${cuts.length > 0 ? `, ${cuts.length} cut(s) for size` : ''}`,
      notes: cutNotes(cuts),
    };
  });
}

const CUT_PHRASES: Record<ChapterCut['kind'], string> = {
  heading: 'before the heading',
  'scene break': 'after the scene break',
  paragraph: 'between paragraphs',
  block: 'between blocks',
  'inside a block': 'inside a block too long for one document',
};

/**
 * The cuts the 256 KB limit forced, one line per chapter: the author may prefer to cut the
 * chapter (or add a scene break) where it suits the story.
 */
function cutNotes(cuts: readonly ChapterCut[]): string[] {
  const byChapter = new Map<ChapterCut['chapter'], ChapterCut[]>();
  for (const cut of cuts) byChapter.set(cut.chapter, [...(byChapter.get(cut.chapter) ?? []), cut]);
  return [...byChapter].map(([chapter, list]) => {
    const places = list.map((cut) => {
      const line = cut.position?.start.line;
      return `${CUT_PHRASES[cut.kind]}${line === undefined ? '' : ` at line ${line}`}`;
    });
    return `cut for size (256 KB per document): ${chapter.title ?? chapter.id} (${displayPath(chapter.file.path)}) ${places.join('; ')}`;
  });
}

/**
 * Run `work` with one browser session, closed after it: for commands that build more than one PDF
 * of a book (`npm run build`: the interior, then the cover's interior when its profile differs),
 * so that Chromium starts once. It starts at once, while `work` does what needs no browser.
 */
export async function withBrowserSession<T>(
  work: (session: import('./pdf/render/browser.ts').BrowserSession) => Promise<T>,
): Promise<T> {
  const { startBrowserSession } = await import('./pdf/render/browser.ts');
  const session = await startBrowserSession();
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/**
 * `build:pdf`: manuscript → print PDF. A catalogue build passes its one browser for every book;
 * otherwise one is started here.
 */
export async function buildPdfFile(
  options: CliOptions,
  signal: AbortSignal,
  progress: Progress,
  shared?: import('./pdf/render/browser.ts').BrowserSession,
): Promise<BuildSummary> {
  const [{ buildPdf }, { startBrowserSession }] = await Promise.all([
    import('./pdf/build.ts'),
    import('./pdf/render/browser.ts'),
  ]);
  // Chromium starts while the manuscript is read and parsed.
  const session = shared ?? (await startBrowserSession());
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
    if (!shared) await session.close();
  }
}

async function makePdf(
  book: Book,
  buildPdf: typeof import('./pdf/build.ts').buildPdf,
  options: CliOptions & { profile: NonNullable<CliOptions['profile']> },
  signal: AbortSignal,
  progress: Progress,
  session: import('./pdf/render/browser.ts').BrowserSession,
): Promise<Made> {
  progress(`building PDF (${options.profile}) from ${book.chapters.length} chapter(s)`);
  const timeout = options.timeout === undefined ? undefined : options.timeout * 1000;
  // With --strict, warnings known before the layout stop the build before it: the outcome is the
  // same, and a long book does not spend minutes in Chromium first.
  const beforeLayout = (early: readonly Warning[]) => {
    const known = [...bookWarnings(book), ...early];
    if (options.strict && known.length > 0) throw strictError(known);
  };
  // The PDF build words its own warnings and throws its own error when the preflight fails.
  const result = await buildPdf(book, { profile: options.profile, signal, progress, session, timeout, beforeLayout });
  const press = result.press;
  const kind = [press.color === 'mono' ? 'one colour' : 'colour', ...(press.pdfx ? ['PDF/X-1a'] : [])].join(', ');
  return {
    bytes: result.bytes,
    pages: result.pages,
    details: `${result.pages} pages, ${result.geometry.label}, profile ${options.profile}, ${kind}`,
    warnings: result.warnings,
    report: result.checklist,
  };
}

/**
 * `build:cover`: manuscript → cover spread PDF. The page count comes from `--pages`, or from the
 * interior PDF: one that is up to date is read (the page count does not depend on the profile,
 * which only adds bleed and marks around the same pages), else it is built first, in the cover's
 * profile, with the caller's browser when it has one (a catalogue build).
 */
export async function buildCoverFile(
  options: CliOptions,
  signal: AbortSignal,
  progress: Progress,
  shared?: import('./pdf/render/browser.ts').BrowserSession,
): Promise<BuildSummary> {
  const book = await readBook(options, progress);
  if (options.ifConfigured && !book.config.print.cover)
    return { summary: 'no cover built: the metadata has no print.cover', warnings: [] };
  const profile =
    options.profile === 'kdp' || (!options.profile && book.config.print.profile === 'kdp') ? 'kdp' : 'print-shop';
  const { buildCover, checkCoverSettings } = await import('./cover/build.ts');
  await checkCoverSettings(book, profile).catch((error: unknown) => {
    if (error instanceof BuildError) error.warnings ??= bookWarnings(book);
    throw error;
  });
  let pages = options.pages;
  let interior: BuildSummary | undefined;
  if (pages === undefined) {
    const { interiorPages } = await import('./cover/interior.ts');
    ({ pages, interior } = await interiorPages(book, outputPath(book, options.outDir, 'pdf'), profile, () =>
      buildPdfFile({ ...options, profile }, signal, progress, shared),
    ));
  }
  const counted = pages;
  const result = await build(
    options,
    signal,
    progress,
    { extension: 'pdf', suffix: '-cover', key: `cover:${profile}:${counted}`, book },
    async () => {
      progress(`building the cover (${profile}) for ${counted} pages`);
      const cover = await buildCover(book, { profile, pages: counted, created: buildTimestamp(book.config) });
      const { media, trim } = cover.geometry;
      return {
        bytes: cover.bytes,
        details: [
          `${profile}, ${media.width.toFixed(2)} × ${media.height.toFixed(2)} mm (trim ${trim.width.toFixed(2)} × ${trim.height.toFixed(2)} mm)`,
          `spine ${cover.spine.width.toFixed(2)} mm: ${cover.spine.formula}`,
          ...cover.notices,
        ].join('; '),
        warnings: cover.warnings,
      };
    },
  );
  if (!interior) return result;
  return { summary: `${interior.summary}\n${result.summary}`, warnings: [...interior.warnings, ...result.warnings] };
}
