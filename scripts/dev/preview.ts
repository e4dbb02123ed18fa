/**
 * `npm run dev`: load the book, serve it, and on every save bring the book up to date, render
 * the page once and tell open pages to refresh. Only sequences the parts; prints nothing.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BuildError } from '../errors.ts';
import type { LintUpdate, PreviewLinter } from './lint.ts';
import { previewHtml } from './page.ts';
import { PreviewBook, type UpdateResult } from './preview-book.ts';
import { problemOf, type Problem } from './problems.ts';
import { startPreviewServer, type PreviewServer } from './server.ts';
import { watchFolders } from './watch.ts';

/** How long a rebuilt page waits for the saved chapter's proofreading. */
const LINT_WAIT_MS = 1500;

const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

/** Options of the preview. */
export interface PreviewOptions {
  manuscript: string;
  /** 0 picks a free port. */
  port: number;
  /** Quiet time that ends a burst of saves; 50 ms by default. */
  debounceMs?: number;
  /** Proofread saved chapters (`npm run lint`'s rules); on by default. */
  lint?: boolean;
}

/** What the preview has to say, for the terminal. */
export type PreviewEvent =
  /** The book was loaded or updated; `ms` counts from the save being noticed to the page being ready. */
  | { type: 'update'; result: UpdateResult; ms: number }
  /** Something went wrong outside the manuscript (a folder that cannot be watched, a bug). */
  | { type: 'problem'; problem: Problem }
  /** Chapters were proofread: a saved one, or the whole book after it was loaded. */
  | { type: 'lint'; update: LintUpdate };

/** A running preview. */
export interface Preview {
  url: string;
  /** Stop watching and serving. */
  close(): Promise<void>;
}

/** Start the preview; rejects only when it cannot start at all (no manuscript, port taken). */
export async function startPreview(options: PreviewOptions, report: (event: PreviewEvent) => void): Promise<Preview> {
  const manuscript = resolve(options.manuscript);
  const info = await stat(manuscript).catch((cause: NodeJS.ErrnoException) => {
    throw new BuildError(`manuscript not found: ${cause.code === 'ENOENT' ? 'no such file or folder' : cause.code}`, {
      file: manuscript,
      hint: 'pass a manuscript folder or a Markdown file with --manuscript',
      ruleId: 'manuscript-missing',
      cause,
    });
  });
  const book = new PreviewBook(manuscript, info.isDirectory() ? manuscript : dirname(manuscript));
  let closed = false;
  let server: PreviewServer | undefined;
  let html = '';
  let queue = Promise.resolve();
  // Started once the page is served: its worker thread and dictionary would only slow the first load.
  let linter: PreviewLinter | undefined;

  const render = () => {
    html = previewHtml({
      book: book.book,
      errors: book.errors(),
      warnings: book.warnings(),
      lint: linter?.problems() ?? [],
    });
  };
  const run = async (paths: Set<string> | undefined) => {
    const started = performance.now();
    // A saved chapter is proofread while it is parsed, and the page shows both at once.
    const chapters = new Set(book.book?.chapters.map((chapter) => chapter.file.path));
    const linting = paths ? linter?.lint([...paths].filter((path) => chapters.has(path))) : undefined;
    const result = paths ? await book.update(paths) : await book.reload();
    if (!result || closed) return;
    // The page waits a moment for the findings, never longer: a cold dictionary (the first save
    // after start) or a huge chapter sends them on later, with a page refresh of their own.
    const lint = linting && (await Promise.race([linting, delay(LINT_WAIT_MS)]));
    if (linting && !lint) {
      void linting.then((update) => {
        if (!update || closed) return;
        render();
        server?.reload();
        report({ type: 'lint', update });
      });
    }
    // A full load may bring new lint settings; findings are made again as chapters are saved.
    if (result.kind === 'book' && book.book) linter?.setBook(book.book);
    render();
    const ms = performance.now() - started;
    watcher.watch(book.folders());
    server?.reload();
    report({ type: 'update', result, ms });
    if (lint) report({ type: 'lint', update: lint });
  };
  // Updates run one after another; a save during an update is taken up after it.
  const enqueue = (paths: Set<string> | undefined) => {
    queue = queue
      .then(() => run(paths))
      .catch((error: unknown) => report({ type: 'problem', problem: problemOf(error) }));
    return queue;
  };

  const watcher = watchFolders({
    debounceMs: options.debounceMs ?? 50,
    onChange: (paths) => void enqueue(paths),
    onError: (folder, error) =>
      report({
        type: 'problem',
        problem: {
          severity: 'warning',
          message: `cannot watch this folder: ${error.message}`,
          file: folder,
          ruleId: 'preview-watch',
        },
      }),
  });
  // Watch before the first load, so that a save during it is not missed.
  watcher.watch(book.folders());
  await enqueue(undefined);
  try {
    server = await startPreviewServer({ port: options.port, root: book.root, page: () => html });
  } catch (error) {
    closed = true;
    watcher.close();
    throw error;
  }
  if (options.lint !== false) {
    const { PreviewLinter } = await import('./lint.ts');
    linter = new PreviewLinter(book.root);
    if (book.book) linter.setBook(book.book);
  }
  const running = server;
  return {
    url: running.url,
    async close() {
      closed = true;
      watcher.close();
      await Promise.all([running.close(), linter?.close()]);
    },
  };
}
