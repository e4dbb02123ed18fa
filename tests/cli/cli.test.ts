/** The command-line contract, run in-process through runCli: arguments, exit codes, `file:line:column: message`, atomic output. */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { openEpub } from '../helpers/epub.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { elements } from '../helpers/xml.ts';

describe('build:epub command line', () => {
  it('reports a bad metadata key as file:line:column with exit code 1', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nwritingmode: vertical\n', 'a.md': '本文' });
    const result = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(root, 'book.yaml')}:2:1: error: unknown key "writingmode" (did you mean "writingMode"?)`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with usage on an unknown option', async () => {
    const result = await runInProcess('build-epub', ['--manuscirpt', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown option '--manuscirpt'/);
    expect(result.stderr).toMatch(/usage: npm run build:epub/);
  });

  it('exits 2 when --profile is given to the EPUB build', async () => {
    expect((await runInProcess('build-epub', ['--profile', 'kdp'])).code).toBe(2);
  });

  it('builds a one-file book with front matter, horizontally when asked', async () => {
    const root = await makeManuscript({
      'story.md':
        '---\ntitle: 横の本\ntitleReading: よこのほん\nauthor: 著者\nauthorReading: ちょしゃ\nidentifier: urn:uuid:1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d\nwritingMode: horizontal\n---\n\n# 一\n\n本文です。\n',
    });
    const out = join(root, 'out');
    const result = await runInProcess('build-epub', ['--manuscript', join(root, 'story.md'), '--out-dir', out]);
    expect(result.stderr).toBe(
      `reading ${join(root, 'story.md')}\nparsing chapters 1/1\nbuilding EPUB from 1 chapter(s)\n`,
    );
    expect(result.code).toBe(0);
    const epub = await openEpub(join(out, 'story.epub'));
    expect(elements(epub.opf, 'spine')[0]!.getAttribute('page-progression-direction')).toBe('ltr');
    expect(elements(epub.opf, 'meta').some((m) => m.getAttribute('name') === 'primary-writing-mode')).toBe(false);
    const texts = (await epub.spine()).map(([, text]) => text).join('');
    expect(texts).toContain('class="hltr"');
    expect(texts).toContain('本文です。');
  });

  it('leaves the previous output untouched when a build fails', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\n', 'a.md': '# 章\n\n一回目\n' });
    const out = join(root, 'out');
    expect((await runInProcess('build-epub', ['--manuscript', root, '--out-dir', out])).code).toBe(0);
    const name = join(out, `${root.split('/').at(-1)}.epub`);
    const before = await readFile(name);
    await writeFile(join(root, 'a.md'), '# 章\n\n![図](missing.png)\n');
    const failed = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', out]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`${join(root, 'a.md')}:3:1: error: image not found: missing.png`);
    expect(await readFile(name)).toEqual(before);
    expect(await readdir(out)).toEqual([name.split('/').at(-1)]);
  });

  it('refuses remote images: builds never use the network', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 本\n',
      'a.md': '本文\n\n![図](https://example.com/a.png)\n',
    });
    const result = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /a\.md:3:1: error: image "https:\/\/example\.com\/a\.png" is not a file in the manuscript/,
    );
  });

  it('names a manuscript that does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'none-'));
    const result = await runInProcess('build-epub', ['--manuscript', join(dir, 'nope')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nope: error: manuscript not found/);
  });

  it('turns links to other chapter files into links inside the book, and reports links to nothing', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 本\nfilename: book\n',
      '01.md': '# 一\n\n[次の章へ](02.md)と[どこでもない](notes.txt)\n',
      '02.md': '# 二\n\n本文\n',
    });
    const result = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `${join(root, '01.md')}:3:15: warning: link to "notes.txt" leads to no chapter of the book; kept as plain text`,
    );
    const epub = await openEpub(join(root, 'out', 'book.epub'));
    const first = await epub.read('OEBPS/p-001.xhtml');
    expect(first).toContain('<a href="p-002.xhtml#ch-2">次の章へ</a>');
    expect(first).toContain('<a>どこでもない</a>');
  });

  it('uses the cover image the metadata names, and asks for a description of images without one', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
      'base64',
    );
    const root = await makeManuscript({
      'book.yaml': 'title: 表紙つき\ncover: images/cover.png\nfilename: book\n',
      '01.md': '# 一\n\n![](images/cover.png)\n',
      'images/cover.png': png,
    });
    const result = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `${join(root, '01.md')}:3:1: warning: image has no description (代替テキストがありません)`,
    );
    const epub = await openEpub(join(root, 'out', 'book.epub'));
    const cover = elements(epub.opf, 'item').find((item) => item.getAttribute('properties') === 'cover-image')!;
    const bytes = await epub.zip.file(`OEBPS/${cover.getAttribute('href')}`)!.async('nodebuffer');
    expect(bytes.equals(png)).toBe(true);
    expect(await epub.read('OEBPS/p-001.xhtml')).toContain('alt="画像"');
  });
});
