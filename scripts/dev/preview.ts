/**
 * `npm run dev`: load the book, serve it, and on every save bring the book up to date, render
 * the page once and tell open pages to refresh. Only sequences the parts; prints nothing.
 */
import type { VFile } from 'vfile';
import { locateManuscript } from '../manuscript/load.ts';
import type { LintUpdate, PreviewLinter } from './lint.ts';
import { previewHtml } from './page.ts';
import { PreviewBook, type UpdateResult } from './preview-book.ts';
import { problemOf, type Problem } from './problems.ts';
import { startPreviewServer, type PreviewServer } from './server.ts';
import { watchFolders, type FolderWatcher } from './watch.ts';

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
  const place = await locateManuscript(options.manuscript);
  const live = new LivePreview(new PreviewBook(place.path, place.root), options, report);
  return live.start();
}

/** The book, its page, the watcher and the server of one preview. */
class LivePreview {
  private closed = false;
  private server: PreviewServer | undefined;
  private html = '';
  private queue = Promise.resolve();
  // Started once the page is served: its worker thread and dictionary would only slow the first load.
  private linter: PreviewLinter | undefined;
  private readonly watcher: FolderWatcher;

  constructor(
    private readonly book: PreviewBook,
    private readonly options: PreviewOptions,
    private readonly report: (event: PreviewEvent) => void,
  ) {
    this.watcher = watchFolders({
      debounceMs: options.debounceMs ?? 50,
      onChange: (paths) => void this.enqueue(paths),
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
  }

  /** Load the book, then serve it; the watcher runs from before the load, so that no save is missed. */
  async start(): Promise<Preview> {
    this.watcher.watch(this.book.folders());
    await this.enqueue(undefined);
    try {
      this.server = await startPreviewServer({ port: this.options.port, root: this.book.root, page: () => this.html });
    } catch (error) {
      this.closed = true;
      this.watcher.close();
      throw error;
    }
    if (this.options.lint !== false) {
      const { PreviewLinter } = await import('./lint.ts');
      this.linter = new PreviewLinter(this.book.root);
      if (this.book.book) this.linter.setBook(this.book.book);
    }
    const server = this.server;
    return { url: server.url, close: () => this.close(server) };
  }

  private async close(server: PreviewServer): Promise<void> {
    this.closed = true;
    this.watcher.close();
    await Promise.all([server.close(), this.linter?.close()]);
  }

  /** Updates run one after another; a save during an update is taken up after it. */
  private enqueue(paths: Set<string> | undefined): Promise<void> {
    this.queue = this.queue
      .then(() => this.run(paths))
      .catch((error: unknown) => this.report({ type: 'problem', problem: problemOf(error) }));
    return this.queue;
  }

  /** Load the book (no paths) or bring it up to date with saved files, and show it. */
  private async run(paths: Set<string> | undefined): Promise<void> {
    const started = performance.now();
    // A chapter file is proofread from the moment it is read, while it is parsed; the page shows both at once.
    const linting: Promise<LintUpdate | undefined>[] = [];
    const onRead = (file: VFile) => {
      const update = this.linter?.lint([file]);
      if (update) linting.push(update);
    };
    const result = paths ? await this.book.update(paths, onRead) : await this.book.reload();
    if (!result || this.closed) return;
    const lint = await this.lintInTime(linting);
    // A full load may bring new lint settings; findings are made again as chapters are saved.
    if (result.kind === 'book' && this.book.book) this.linter?.setBook(this.book.book);
    this.render();
    const ms = performance.now() - started;
    this.watcher.watch(this.book.folders());
    this.server?.reload();
    this.report({ type: 'update', result, ms });
    if (lint) this.report({ type: 'lint', update: lint });
  }

  /**
   * The findings of the files read, if they come within a moment. A cold dictionary (the first
   * save after start) or a huge chapter sends them on later, with a page refresh of their own.
   */
  private async lintInTime(linting: Promise<LintUpdate | undefined>[]): Promise<LintUpdate | undefined> {
    if (linting.length === 0) return undefined;
    const all = Promise.all(linting).then(mergeUpdates);
    const lint = await Promise.race([all, delay(LINT_WAIT_MS)]);
    if (!lint) {
      void all.then((update) => {
        if (!update || this.closed) return;
        this.render();
        this.server?.reload();
        this.report({ type: 'lint', update });
      });
    }
    return lint;
  }

  private render(): void {
    this.html = previewHtml({
      book: this.book.book,
      errors: this.book.errors(),
      warnings: this.book.warnings(),
      lint: this.linter?.problems() ?? [],
    });
  }
}

/** The findings of several files' runs as one. */
function mergeUpdates(updates: readonly (LintUpdate | undefined)[]): LintUpdate | undefined {
  const done = updates.filter((update) => update !== undefined);
  if (done.length === 0) return undefined;
  return {
    files: done.flatMap((update) => update.files),
    problems: done.flatMap((update) => update.problems),
    ms: Math.max(...done.map((update) => update.ms)),
  };
}
