/**
 * Worker threads that lint documents in parallel: they share one morphological dictionary, which
 * the first inflates (shared-dictionary.ts), and each takes the next document as soon as it is free, so that a long chapter does not hold the
 * others up. The threads run TypeScript through tsx, which the project runs on anyway.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LintDocument } from './projection/txt-ast.ts';
import type { SharedDictionary } from './shared-dictionary.ts';
import type { DictionaryMessage, RawMessage, RuleRun, WorkerRequest, WorkerResponse } from './worker.ts';

const WORKER_URL = new URL('./worker.ts', import.meta.url).href;
// The commands run compiled JavaScript (scripts/launch.mjs), and the launcher names the worker's
// compiled bundle in TATEGAKI_LINT_WORKER. Run from the TypeScript sources (the tests), a worker is
// started from a line that registers tsx's loader in its own thread, then loads the TypeScript
// worker: Node 20 does not pass the parent's loader on to workers.
const COMPILED = process.env.TATEGAKI_LINT_WORKER;
const BOOTSTRAP = COMPILED
  ? `import(${JSON.stringify(COMPILED)})`
  : `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL)}); })`;

/** One document to lint. */
export interface LintTask {
  document: LintDocument;
  rules: RuleRun[];
  filePath: string;
}

interface Pending {
  resolve(messages: RawMessage[]): void;
  reject(error: Error): void;
}

/** A set of lint worker threads. */
export class LintPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ request: WorkerRequest; pending: Pending }> = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private failure: Error | undefined;
  private closed = false;
  /** The dictionary as the first worker inflated it, for the others. */
  private readonly dictionary: Promise<SharedDictionary | undefined>;
  private receiveDictionary!: (dictionary: SharedDictionary | undefined) => void;

  /** Start `size` workers (by default one per core, at most four) and have each load the dictionary. */
  constructor(size = Math.min(4, availableParallelism())) {
    this.dictionary = new Promise((resolve) => (this.receiveDictionary = resolve));
    for (let index = 0; index < Math.max(1, size); index++) this.start();
  }

  /** Number of worker threads. */
  get size(): number {
    return this.workers.length;
  }

  /** Resolves when every worker has its dictionary loaded. */
  warm(): Promise<void> {
    return Promise.all(this.workers.map(() => this.send({ id: this.nextId++, type: 'warm' }))).then(() => undefined);
  }

  /** Lint one document. */
  lint(task: LintTask): Promise<RawMessage[]> {
    const { text, ast } = task.document;
    return this.send({
      id: this.nextId++,
      type: 'lint',
      document: { text, ast },
      rules: task.rules,
      filePath: task.filePath,
    });
  }

  /** Stop every worker; tasks not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('the lint workers were stopped'));
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private start(): void {
    const worker = new Worker(BOOTSTRAP, { eval: true });
    // The dictionary is inflated once, by the first worker (not by the main thread, which is busy
    // parsing), and shared with the others; each worker's kuromoji waits for it.
    if (this.workers.length === 0) worker.postMessage({ type: 'inflate' } satisfies DictionaryMessage);
    else
      void this.dictionary.then((dictionary) => {
        if (!this.closed) worker.postMessage({ type: 'dictionary', dictionary } satisfies DictionaryMessage);
      });
    worker.on('message', (response: WorkerResponse | DictionaryMessage) => {
      if ('type' in response) {
        if (response.type === 'dictionary') this.receiveDictionary(response.dictionary);
        return;
      }
      const pending = this.pending.get(response.id);
      this.pending.delete(response.id);
      this.busy.delete(worker);
      if ('error' in response) pending?.reject(new Error(response.error));
      else pending?.resolve(response.messages);
      this.idle.push(worker);
      this.dispatch();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`a lint worker stopped (exit code ${code})`));
    });
    this.workers.push(worker);
    this.idle.push(worker);
  }

  private send(request: WorkerRequest): Promise<RawMessage[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request, pending: { resolve, reject } });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const { request, pending } = this.queue.shift()!;
      this.pending.set(request.id, pending);
      this.busy.set(worker, request.id);
      worker.postMessage(request);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    for (const { pending } of this.queue.splice(0)) pending.reject(error);
  }
}
