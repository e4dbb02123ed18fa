/**
 * The bad-input suite: every case gives its exit code and its messages, with the file, line and
 * column, and no case prints a stack trace. Cases that build must produce a valid book. The builds
 * run in-process through the command's runner (tests/cli covers the child-process path), the PDF
 * ones on one browser for the file; the EPUBs the cases build are checked by EPUBCheck together,
 * with one Java start, after the last case.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareBrowser } from '../helpers/browser-session.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { cases } from './cases.ts';

const shared = shareBrowser();
/** The EPUBs that cases expecting success built, by case, for EPUBCheck after the last case. */
const built: { name: string; path: string }[] = [];

describe('bad input', () => {
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

describe('text encodings that must build the same', () => {
  const text = '# 第一章\n\n吾輩は猫である。\n名前はまだ無い。\n\n｜漢字《かんじ》と《《傍点》》、12時。\n';

  async function chapterXhtml(files: Record<string, string | Uint8Array>): Promise<string> {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nfilename: book\n', ...files });
    const result = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/warning/);
    const { openEpub } = await import('../helpers/epub.ts');
    const epub = await openEpub(join(root, 'out', 'book.epub'));
    return epub.read('OEBPS/p-001.xhtml');
  }

  it('UTF-8 with a BOM and CRLF line ends gives the same book as plain UTF-8 with LF', async () => {
    const plain = await chapterXhtml({ 'a.md': text });
    const windows = await chapterXhtml({ 'a.md': `\uFEFF${text.replace(/\n/g, '\r\n')}` });
    expect(windows).toBe(plain);
    expect(plain).toContain('<ruby>漢字<rp>（</rp><rt>かんじ</rt><rp>）</rp></ruby>');
  });

  it('decomposed kana (NFD) come out composed (NFC)', async () => {
    const nfd = 'か\u3099くせ\u3099い'.normalize('NFD');
    const xhtml = await chapterXhtml({ 'a.md': `# 章\n\n${nfd}\n` });
    expect(xhtml).toContain('がくぜい');
    expect(xhtml).not.toContain('\u3099');
  });
});
