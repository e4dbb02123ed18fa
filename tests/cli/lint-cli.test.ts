/** `npm run lint` and `build:* --lint` as an author runs them: output formats, exit codes, a strict build stopped. */
import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';

const lintBook = 'tests/fixtures/lint-book';
const runLint = (args: string[]) => runInProcess('lint', args);

describe('npm run lint', () => {
  it('prints file:line:column: severity: message (rule), fixes on request, and exits 1 on an error', async () => {
    const result = await runLint(['--manuscript', lintBook, '--fix-report']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((line) => !line.startsWith('  '));
    expect(lines.filter(Boolean)).toEqual([
      `${lintBook}/01-seeded.md:3:19: warning: ら抜き言葉を使用しています。 (no-dropping-the-ra)`,
      `${lintBook}/01-seeded.md:5:6: warning: 一文に二回以上利用されている助詞 "が" がみつかりました。 (no-doubled-joshi)`,
      `${lintBook}/01-seeded.md:7:1: error: Cannot find a pairing character for 「. (no-unmatched-pair)`,
      `${lintBook}/01-seeded.md:9:4: warning: ウエブサイト => ウェブサイト (prh)`,
      `${lintBook}/02-opt-out.md:9:24: warning: ら抜き言葉を使用しています。 (no-dropping-the-ra)`,
    ]);
    expect(result.stdout).toContain('\n  fix: 9:4: 「ウエブサイト」 → 「ウェブサイト」\n');
    expect(result.stderr).toMatch(
      /linted 2 chapter\(s\), [\d,]+ characters, 12 rules: 1 error\(s\), 4 warning\(s\), 1 fixable/,
    );
  });

  it('writes JSON, and exits 0 when nothing is an error', async () => {
    const result = await runLint(['--manuscript', 'tests/fixtures/notation-book', '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { chapters: number; messages: unknown[]; rules: Array<{ id: string }> };
    expect(report.chapters).toBe(3);
    expect(report.messages).toEqual([]);
    expect(report.rules.map((rule) => rule.id)).toContain('no-unmatched-pair');

    const seeded = JSON.parse((await runLint(['--manuscript', lintBook, '--format', 'json'])).stdout) as {
      messages: Array<{ file: string; line: number; column: number; ruleId: string; fix?: unknown }>;
    };
    expect(seeded.messages[2]).toMatchObject({
      file: `${lintBook}/01-seeded.md`,
      line: 7,
      column: 1,
      ruleId: 'no-unmatched-pair',
    });
    expect(seeded.messages.some((message) => message.fix)).toBe(false);
  });

  it('exits 2 on a wrong command line', async () => {
    const result = await runLint(['--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown format "xml"[\s\S]*usage: npm run lint/);
  });
});

describe('build --lint', () => {
  it('proofreads first; --strict stops the build on a lint error and writes nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lint-build-'));
    await cp(join(projectRoot, lintBook), join(root, 'book'), { recursive: true });
    const out = join(root, 'out');

    const strict = await runInProcess('build-epub', [
      '--manuscript',
      join(root, 'book'),
      '--out-dir',
      out,
      '--lint',
      '--strict',
    ]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      `01-seeded.md:7:1: error: Cannot find a pairing character for 「. (no-unmatched-pair)`,
    );
    expect(strict.stderr).toContain('error: 1 lint error(s) and --strict is on; nothing was built');
    expect(await readdir(out).catch(() => [])).toEqual([]);

    const relaxed = await runInProcess('build-epub', ['--manuscript', join(root, 'book'), '--out-dir', out, '--lint']);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toContain(`01-seeded.md:3:19: warning: ら抜き言葉を使用しています。 (no-dropping-the-ra)`);
    expect(await readdir(out)).toEqual(['book.epub']);
  });
});
