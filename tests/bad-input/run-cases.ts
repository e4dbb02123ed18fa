/**
 * The bad-input runner: each case is built in-process through the command's runner (tests/cli
 * covers the child-process path), the PDF ones on the run's browser; it must give its exit code and
 * its messages, with the file, line and column, and no stack trace. Cases that build must produce a
 * valid book: the EPUBs they build are checked by EPUBCheck together after the last case.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareBrowser } from '../helpers/browser-session.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import type { BadInputCase } from './cases.ts';

/** Register a test per case, and one that checks every EPUB the cases built; call at the top level. */
export function runCases(title: string, cases: readonly BadInputCase[]): void {
  const shared = shareBrowser();
  /** The EPUBs that cases expecting success built, by case, for EPUBCheck after the last case. */
  const built: { name: string; path: string }[] = [];

  describe(title, () => {
    it.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_, entry) => {
      const root = await makeManuscript(entry.files);
      await entry.prepare?.(root);
      const out = join(root, 'out');
      const manuscript = entry.manuscriptFile ? join(root, entry.manuscriptFile) : root;
      const args = (entry.args ?? []).map((arg) => arg.replaceAll('{root}', root));
      const result = await shared.run(`build-${entry.target ?? 'epub'}`, [
        '--manuscript',
        manuscript,
        '--out-dir',
        out,
        ...args,
      ]);
      const lines = result.stderr.split('\n');
      for (const message of entry.messages) {
        const expected = message.replaceAll('{root}', root);
        expect(
          lines.some((line) => line.startsWith(expected)),
          `expected a line starting with\n  ${expected}\nin\n${result.stderr}`,
        ).toBe(true);
      }
      for (const text of entry.absent ?? []) {
        expect(
          lines.filter((line) => line.includes(text.replaceAll('{root}', root))),
          `no line of stderr may contain "${text}"`,
        ).toEqual([]);
      }
      expect(result.stderr, 'no stack trace').not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(result.code, result.stderr).toBe(entry.code);
      const written = await readdir(out).catch(() => []);
      if (entry.code === 0) {
        expect(written.filter((name) => !name.startsWith('.'))).toHaveLength(1);
        if ((entry.target ?? 'epub') === 'epub') {
          built.push({ name: entry.name, path: join(out, written[0]!) });
        } else {
          const head = (await readFile(join(out, written[0]!))).subarray(0, 5).toString();
          expect(head).toBe('%PDF-');
        }
      } else {
        expect(written, 'a failed build writes nothing').toEqual([]);
      }
    });

    it('every EPUB a case built passes EPUBCheck without errors', async () => {
      const checks = await epubcheckAll(built.map((book) => book.path));
      for (const [index, check] of checks.entries()) {
        expect(
          check.messages.filter((m) => m.severity === 'ERROR' || m.severity === 'FATAL'),
          built[index]!.name,
        ).toEqual([]);
      }
    });
  });
}
