/**
 * Building a catalogue on one machine: every book's EPUB and PDF, a few books at a time with one
 * browser shared, each book into its own folder. A failed book is recorded and the others go on;
 * unchanged books are reused through the up-to-date check of each build.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createContext } from '../build/context.ts';
import type { BuildOptions, BuiltFile, OutputKind } from '../build/options.ts';
import { buildWholeBook } from '../build/whole-book.ts';
import { BuildError, CancelledError, eachError, type DiagnosticDetails, type Warning } from '../errors.ts';
import type { BrowserSession } from '../pdf/render/browser.ts';
import { silent } from '../progress.ts';
import type { BookLocation } from './find-books.ts';

/** What became of one book. */
export interface BookOutcome {
  id: string;
  /** The manuscript folder or one-file book. */
  path: string;
  ok: boolean;
  outputs: (BuiltFile & { kind: OutputKind })[];
  warnings: Warning[];
  /** Why the book failed, with its place. */
  error?: DiagnosticDetails & { message: string };
  /** The other errors found together with `error` (every bad image of the book, say). */
  moreErrors?: (DiagnosticDetails & { message: string })[];
  seconds: number;
}

/** Options of a catalogue build: the build options of every book, plus how many books at once. */
export interface CatalogueOptions extends BuildOptions {
  /** Books built at the same time (default: one per processor, up to four). */
  jobs?: number;
  signal: AbortSignal;
  /** Called when a book starts and when it ends. */
  onBook?: (event: { book: BookLocation; outcome?: BookOutcome }) => void;
}

/** Build every book; the outcomes come back in the books' order. */
export async function buildCatalogue(
  books: readonly BookLocation[],
  options: CatalogueOptions,
): Promise<BookOutcome[]> {
  const { startBrowserSession } = await import('../pdf/render/browser.ts');
  // Started when a book's PDF is first laid out: a catalogue that is all up to date needs none.
  const session = await startBrowserSession(undefined, { lazy: true });
  const jobs = Math.max(1, Math.min(options.jobs ?? Math.min(4, availableParallelism()), books.length));
  const outcomes: BookOutcome[] = new Array(books.length);
  let next = 0;
  try {
    const worker = async () => {
      while (next < books.length) {
        const index = next++;
        const book = books[index]!;
        options.onBook?.({ book });
        outcomes[index] = await buildBook(book, options, session);
        options.onBook?.({ book, outcome: outcomes[index] });
      }
    };
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    await session.close();
  }
  return outcomes;
}

/** One book: each output in turn; the first failure ends the book. */
async function buildBook(book: BookLocation, options: CatalogueOptions, session: BrowserSession): Promise<BookOutcome> {
  const started = performance.now();
  const outcome: BookOutcome = { id: book.id, path: book.path, ok: true, outputs: [], warnings: [], seconds: 0 };
  // The book is read once for all its outputs; the cover's interior is laid out on the same browser.
  const context = createContext({ manuscript: book.path, signal: options.signal, progress: silent, session });
  try {
    await buildWholeBook(context, { ...options, outDir: join(options.outDir, book.id) }, (result) => {
      // The book's own warnings come with each output; keep one copy of each.
      for (const warning of result.warnings) {
        if (!outcome.warnings.some((seen) => sameWarning(seen, warning))) outcome.warnings.push(warning);
      }
      outcome.outputs.push({ ...result.file, kind: result.facts.kind });
    });
  } catch (error) {
    if (options.signal.aborted || error instanceof CancelledError) throw error;
    outcome.ok = false;
    if (error instanceof BuildError) {
      const [first, ...more] = eachError(error).map((each) => ({
        message: each.message,
        file: each.file,
        line: each.line,
        column: each.column,
        hint: each.hint,
        ruleId: each.ruleId,
      }));
      outcome.error = first;
      if (more.length > 0) outcome.moreErrors = more;
      for (const warning of error.warnings ?? []) {
        if (!outcome.warnings.some((seen) => sameWarning(seen, warning))) outcome.warnings.push(warning);
      }
    } else {
      outcome.error = {
        message: `internal error: ${error instanceof Error ? error.message : String(error)}`,
        ruleId: 'internal',
      };
    }
  }
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

function sameWarning(a: Warning, b: Warning): boolean {
  return a.message === b.message && a.file === b.file && a.line === b.line && a.column === b.column;
}
