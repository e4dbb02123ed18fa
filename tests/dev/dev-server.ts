/** `npm run dev` in a child process, its event stream, and queries on the HTML it serves. */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { commandArgs, projectRoot } from '../helpers/cli.ts';

type Element = DefaultTreeAdapterTypes.Element;
type Node = DefaultTreeAdapterTypes.Node;

/** How long a test waits for the server to say or do something. */
const WAIT_MS = 5000;

/** A running `scripts/dev.ts`, with everything it printed so far. */
export class DevServer {
  stdout = '';
  stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessByStdio<null, Readable, Readable>,
    readonly url: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Start the preview of `manuscript` on a free port and wait for its URL; proofreading is off unless `args` say otherwise. */
  static async start(manuscript: string, args: string[] = ['--no-lint']): Promise<DevServer> {
    const child = spawn(process.execPath, commandArgs('dev', ['--manuscript', manuscript, '--port', '0', ...args]), {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no preview URL after ${WAIT_MS} ms:\n${stdout}\n${stderr}`));
      }, WAIT_MS * 2);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^preview: (http:\/\/localhost:\d+\/)$/m.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`dev server exited with ${code} before it listened:\n${stdout}\n${stderr}`));
      });
    });
    const server = new DevServer(child, url);
    server.stdout = stdout;
    server.stderr = stderr;
    child.stdout.on('data', (chunk: Buffer) => (server.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (server.stderr += chunk.toString()));
    return server;
  }

  /** Fetch the page and parse it as a browser would. */
  async page(): Promise<{ response: Response; document: DefaultTreeAdapterTypes.Document }> {
    const response = await fetch(this.url);
    return { response, document: parse(await response.text()) };
  }

  /** Send a signal and wait for the process to end; resolves with its exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), WAIT_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The server's `/__events` stream, counting `reload` events. */
export class EventStream {
  private reloads = 0;
  private waiters: (() => void)[] = [];
  private readonly controller = new AbortController();
  /** Resolves once the stream is open. */
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.opened = fetch(new URL('/__events', url), { signal: this.controller.signal }).then((response) => {
      if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
      void this.read(response.body.pipeThrough(new TextDecoderStream()).getReader());
    });
  }

  /** Number of reload events so far. */
  get count(): number {
    return this.reloads;
  }

  /** Wait until more than `after` reload events have arrived. */
  async reloadAfter(after: number): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (this.reloads <= after) {
      if (Date.now() > deadline) throw new Error(`no reload event within ${WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }

  private async read(reader: ReadableStreamDefaultReader<string>): Promise<void> {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: reload$/m.test(event)) this.reloads++;
        }
        for (const wake of this.waiters.splice(0)) wake();
      }
    } catch {
      // Aborted by close(), or the server went away: either ends the stream.
    }
  }
}

/** Every element under `node` that `test` accepts, in document order. */
export function findAll(node: Node, test: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (current: Node) => {
    if ('tagName' in current && test(current)) found.push(current);
    if ('childNodes' in current) current.childNodes.forEach(walk);
    if ('content' in current) walk(current.content);
  };
  walk(node);
  return found;
}

/** An attribute of an element. */
export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/** The element with this id. */
export function byId(node: Node, id: string): Element | undefined {
  return findAll(node, (element) => attribute(element, 'id') === id)[0];
}

/** Elements with this class. */
export function byClass(node: Node, name: string): Element[] {
  return findAll(node, (element) => (attribute(element, 'class') ?? '').split(/\s+/).includes(name));
}

/** The text of a node, as `textContent` gives it. */
export function textOf(node: Node | undefined): string {
  if (!node) return '';
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}
