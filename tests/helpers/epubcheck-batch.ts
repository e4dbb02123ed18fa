/**
 * EPUBCheck with one Java process for many books. Each `java -jar epubcheck.jar` costs several
 * seconds of CPU on the test machine (Java's start and EPUBCheck's schemas), whatever the size of
 * the book; tests/helpers/java/EpubcheckBatch.java, started once per test worker and kept waiting
 * on its standard input, calls EPUBCheck's own command-line entry once per book, with the same
 * arguments and the same JSON report as the product's runner (scripts/check/epubcheck.ts), which
 * this file reads the same way. Books of identical bytes are checked once. The worker's files run one
 * after the other in one module cache (vitest.config.ts), so they all send their books to the same
 * Java; it ends when the worker does (its standard input closes). Without a Java compiler (a JRE
 * alone cannot run a source file) it falls back to the product's runner, one Java per book.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  epubcheck,
  EPUBCHECK_JAR,
  type EpubcheckMessage,
  type EpubcheckResult,
} from '../../scripts/check/epubcheck.ts';

const run = promisify(execFile);
const BATCH = fileURLToPath(new URL('java/EpubcheckBatch.java', import.meta.url));

/**
 * -Xss1024k: the stack Debian's epubcheck wrapper gives it (Debian-Java-Parameters). The quick
 * compiler only and the serial collector: a check is over in seconds, before the optimising
 * compiler pays off, and these halve its CPU here (4 books: 11.5 s of CPU down to 5.9 s).
 */
const JAVA_OPTIONS = ['-Xss1024k', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

let compiler: Promise<boolean> | undefined;
/** Whether this Java can run a source file (it has the jdk.compiler module: a JDK, not a JRE). */
function canRunSource(): Promise<boolean> {
  compiler ??= run('java', ['--list-modules']).then(
    ({ stdout }) => /^jdk\.compiler@/m.test(stdout),
    () => false,
  );
  return compiler;
}

/** The findings of one report, counted as the product's runner counts them. */
async function readReport(path: string): Promise<EpubcheckResult> {
  const report = JSON.parse(await readFile(path, 'utf8')) as { messages: EpubcheckMessage[] };
  const count = (severity: string) => report.messages.filter((message) => message.severity === severity).length;
  return { errors: count('ERROR'), warnings: count('WARNING'), fatals: count('FATAL'), messages: report.messages };
}

/** The worker's waiting EPUBCheck: `check` writes the JSON report of one EPUB. */
interface Service {
  check(epub: string, report: string): Promise<void>;
}

let service: Service | undefined;

function startService(): Service {
  const child = spawn('java', [...JAVA_OPTIONS, '-cp', EPUBCHECK_JAR, BATCH], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // Idle, it must not keep the worker alive; it stops when the worker's end closes its input.
  child.unref();
  for (const stream of [child.stdin, child.stdout]) (stream as unknown as { unref?(): void }).unref?.();
  const waiting: { resolve(): void; reject(error: Error): void }[] = [];
  const stop = (reason: string) => {
    if (service === self) service = undefined;
    for (const pending of waiting.splice(0)) pending.reject(new Error(`the EPUBCheck service stopped: ${reason}`));
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    const pending = waiting.shift();
    if (line === 'ok') pending?.resolve();
    else pending?.reject(new Error(`EPUBCheck: ${line}`));
  });
  child.on('error', (error) => stop(error.message));
  child.on('exit', (code, signal) => stop(`exit code ${code ?? signal}`));
  const self: Service = {
    check: (epub, report) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${epub}\t${report}\n`);
      }),
  };
  return self;
}

/** Run EPUBCheck on every EPUB in `paths` (in the worker's one Java process); results in the same order. */
export async function epubcheckAll(paths: readonly string[]): Promise<EpubcheckResult[]> {
  if (paths.length === 0) return [];
  // The product's runner says clearly what is missing.
  if (!existsSync(EPUBCHECK_JAR) || !(await canRunSource())) {
    const results: EpubcheckResult[] = [];
    for (const path of paths) results.push(await epubcheck(path));
    return results;
  }
  const digests = await Promise.all(
    paths.map(async (path) =>
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    ),
  );
  const unique = [...new Map(digests.map((digest, index) => [digest, paths[index]!])).entries()];
  const dir = await mkdtemp(join(tmpdir(), 'epubcheck-batch-'));
  try {
    service ??= startService();
    const checking = service;
    await Promise.all(unique.map(([digest, path]) => checking.check(path, join(dir, `${digest}.json`))));
    const reports = new Map<string, EpubcheckResult>();
    for (const [digest] of unique) reports.set(digest, await readReport(join(dir, `${digest}.json`)));
    return digests.map((digest) => reports.get(digest)!);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
