/**
 * EPUBCheck, the W3C's EPUB conformance checker (Debian package `epubcheck`, a Java program),
 * run on a built EPUB; its JSON report is read back as messages with their places.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BuildError } from '../errors.ts';

const run = promisify(execFile);

/** Where Debian puts the EPUBCheck jar; EPUBCHECK_JAR overrides it. */
export const EPUBCHECK_JAR = process.env.EPUBCHECK_JAR ?? '/usr/share/java/epubcheck.jar';

/** One finding, with the place inside the EPUB when EPUBCheck gives one. */
export interface EpubcheckMessage {
  severity: 'FATAL' | 'ERROR' | 'WARNING' | 'USAGE' | 'INFO' | string;
  ID: string;
  message: string;
  locations?: { path: string; line: number; column: number }[];
}

/** EPUBCheck's findings on a file. */
export interface EpubcheckResult {
  errors: number;
  warnings: number;
  fatals: number;
  messages: EpubcheckMessage[];
}

/** Run EPUBCheck on one EPUB file. */
export async function epubcheck(path: string): Promise<EpubcheckResult> {
  if (!existsSync(EPUBCHECK_JAR)) {
    throw new BuildError(`EPUBCheck not found at ${EPUBCHECK_JAR}`, {
      hint: 'run `sh scripts/setup.sh` (Debian: apt-get install epubcheck), or set EPUBCHECK_JAR',
      ruleId: 'epubcheck-missing',
    });
  }
  const dir = await mkdtemp(join(tmpdir(), 'epubcheck-'));
  const out = join(dir, 'out.json');
  try {
    await run('java', ['-jar', EPUBCHECK_JAR, path, '--json', out], { maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { code?: number }) => {
        // EPUBCheck exits 1 when it finds errors; the JSON report says which.
        if (error.code !== 1) throw error;
      },
    );
    const report = JSON.parse(await readFile(out, 'utf8')) as { messages: EpubcheckMessage[] };
    const count = (severity: string) => report.messages.filter((message) => message.severity === severity).length;
    return { errors: count('ERROR'), warnings: count('WARNING'), fatals: count('FATAL'), messages: report.messages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
