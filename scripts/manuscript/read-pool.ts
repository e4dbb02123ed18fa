/**
 * A second thread that reads a one-file book's pieces while the main thread reads others
 * (markdown/read-in-pieces.ts): micromark and the reading stages are most of a novel's EPUB
 * build, and they run on one core. Started only for a long file, early, so that it has loaded
 * the parser by the time the main thread has cut the file.
 */
import { Worker } from 'node:worker_threads';
import type { VFile } from 'vfile';
import type { MarkdownOptions } from '../config/schema.ts';
import type { PieceHelper, PieceRead, PieceTask } from '../markdown/read-in-pieces.ts';
import { fromPlainMessage } from '../markdown/plain-message.ts';
import type { ReadRequest, ReadResponse } from './read-worker.ts';

const WORKER_URL = new URL('./read-worker.ts', import.meta.url).href;
// The commands run compiled JavaScript (scripts/launch.mjs), which names the worker's bundle in
// TATEGAKI_READ_WORKER; run from the TypeScript sources (the tests), the worker registers tsx's
// loader in its own thread first, as Node 20 does not pass the parent's loader on to workers.
const COMPILED = process.env.TATEGAKI_READ_WORKER;
const BOOTSTRAP = COMPILED
  ? `import(${JSON.stringify(COMPILED)})`
  : `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;

/** Files shorter than this are read on the main thread alone: starting a thread costs more than it saves. */
export const HELPED_SIZE = 256 * 1024;

interface Pending {
  path: string;
  resolve(read: PieceRead | undefined): void;
  reject(error: Error): void;
}

/** A reading thread; `close` it when the book is read. */
export class ReadHelper implements PieceHelper {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(options: MarkdownOptions) {
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { options } });
    this.worker.on('message', (response: ReadResponse) => {
      const pending = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (!pending) return;
      if ('error' in response) pending.reject(new Error(response.error));
      else
        pending.resolve(
          response.read && {
            tree: response.read.tree,
            messages: response.read.messages.map((plain) => fromPlainMessage(plain, pending.path)),
          },
        );
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the reading thread stopped (exit code ${code})`)));
  }

  read(task: PieceTask): Promise<PieceRead | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { path: task.path, resolve, reject });
      this.worker.postMessage({ id, task } satisfies ReadRequest);
    });
  }

  /** Stop the thread; pieces it had not read are read by the main thread. */
  async close(): Promise<void> {
    this.fail(new Error('the reading thread was stopped'));
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** What the reading thread may read whole for the main thread: a Markdown file that will not be cut. */
export type ReadAhead = (file: VFile) => boolean;

/**
 * Files read whole by the thread, from the last towards the first, while the main thread parses
 * from the first: the reading of each file claimed, by its index. `reached()` is the index of the
 * file the main thread is on; no file at or before it is claimed, so each file is read once.
 * Two files are asked for at a time, so that the thread never waits for the next.
 */
export function readFromTheBack(
  files: readonly VFile[],
  helper: PieceHelper,
  mayRead: ReadAhead,
  reached: () => number,
): Map<number, Promise<PieceRead | undefined>> {
  const claimed = new Map<number, Promise<PieceRead | undefined>>();
  let back = files.length;
  const next = (): void => {
    while (back - 1 > reached()) {
      const index = --back;
      const file = files[index]!;
      if (!mayRead(file)) continue;
      const text = String(file.value);
      const reading = helper.read({
        path: file.path,
        data: { ...file.data },
        piece: { text, lines: 0, offset: 0 },
        last: true,
      });
      claimed.set(index, reading);
      reading.then(next, next);
      return;
    }
  };
  next();
  next();
  return claimed;
}
