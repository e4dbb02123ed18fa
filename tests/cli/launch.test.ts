/**
 * The npm-script path itself, as a child process: `node scripts/launch.mjs <entry>` compiles and
 * runs the entry, and the runner's result becomes the process's exit code. Everything else about
 * the commands is tested in-process (tests/cli/cli.test.ts, tests/bad-input).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild, runCommand } from '../helpers/cli.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

describe('node scripts/launch.mjs, as the npm scripts run it', () => {
  it('build-epub exits 1 on a bad metadata key, with file:line:column and no stack trace, and writes nothing', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nwritingmode: vertical\n', 'a.md': '本文' });
    const result = await runBuild('epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(root, 'book.yaml')}:2:1: error: unknown key "writingmode" (did you mean "writingMode"?)`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(join(root, 'out')).catch(() => [])).toEqual([]);
  });

  it('build-epub exits 0 and writes the book', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nfilename: book\n', 'a.md': '# 章\n\n本文。\n' });
    const result = await runBuild('epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(root, 'out'))).toEqual(['book.epub']);
  });

  it('lint exits 2 with its usage on a wrong command line', async () => {
    const result = await runCommand('lint', ['--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown format "xml"[\s\S]*usage: npm run lint/);
  });
});
