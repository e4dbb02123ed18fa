/**
 * The bad-input suite: every case of cases.ts gives its exit code and its messages, with the file,
 * line and column, and no stack trace, and cases that build produce a valid book (run-cases.ts);
 * the cases of hostile size run beside these, in large.test.ts. Text encodings that must build the
 * same book come last.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { cases } from './cases.ts';
import { runCases } from './run-cases.ts';

runCases('bad input', cases);

describe('text encodings that must build the same', () => {
  const text = '# 第一章\n\n吾輩は猫である。\n名前はまだ無い。\n\n｜漢字《かんじ》と《《傍点》》、12時。\n';

  async function chapterXhtml(files: Record<string, string | Uint8Array>): Promise<string> {
    const root = await makeManuscript({
      'book.yaml':
        'title: 本\ntitleReading: ほん\nidentifier: urn:uuid:4f3e2d1c-0b9a-4877-a665-544332211000\nfilename: book\n',
      ...files,
    });
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
