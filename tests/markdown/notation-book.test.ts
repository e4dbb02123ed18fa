/**
 * Books built end to end through the real command: the notation sample (every notation, in
 * tests/fixtures/notation-book) and the 青空文庫 text of 銀河鉄道の夜 (copied into a temporary
 * manuscript, never into the project). Both must pass EPUBCheck with no errors and no warnings.
 */
import { aozoraTexts } from '../helpers/shared.ts';
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/cli.ts';
import { openEpub, type EpubcheckResult } from '../helpers/epub.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { elements, parseXml } from '../helpers/xml.ts';

async function build(manuscript: string) {
  const outDir = await mkdtemp(join(tmpdir(), 'notation-epub-'));
  const result = await runInProcess('build-epub', ['--manuscript', manuscript, '--out-dir', outDir]);
  expect(result.code, result.stderr).toBe(0);
  const [name] = (await readdir(outDir)).filter((file) => file.endsWith('.epub'));
  return { path: join(outDir, name!), stderr: result.stderr };
}

const clean = (result: EpubcheckResult) => {
  expect(result.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE')).toEqual([]);
  expect(result).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
};

describe('the notation sample book', () => {
  it('builds without warnings, passes EPUBCheck, and carries every notation', async () => {
    const { path, stderr } = await build(join(projectRoot, 'tests/fixtures/notation-book'));
    expect(stderr).not.toMatch(/warning|error/);
    clean((await epubcheckAll([path]))[0]!);
    const epub = await openEpub(path);
    const spine = await epub.spine();
    const docs = spine.map(([file, text]) => ({ file, doc: parseXml(text, file) }));
    const all = (name: string) => docs.flatMap(({ doc }) => elements(doc, name));
    const classes = new Set(all('*').flatMap((element) => (element.getAttribute('class') ?? '').split(' ')));
    for (const name of [
      'tcy',
      'em-sesame',
      'no-indent',
      'start-2em',
      'start-5em',
      'align-end',
      'end-2em',
      'align-center',
      'scene-break',
      'footnote',
      'task',
    ]) {
      expect(classes, name).toContain(name);
    }
    expect(all('ruby').length).toBeGreaterThan(10);
    expect(all('aside').map((aside) => aside.getAttributeNS('http://www.idpf.org/2007/ops', 'type'))).toEqual([
      'footnote',
    ]);
    // 改ページ (===) and 改丁 each start a new document.
    expect(spine.map(([file]) => file.replace(/^.*\//, ''))).toEqual(
      expect.arrayContaining(['p-002-2.xhtml', 'p-003-2.xhtml']),
    );
    const css = await epub.read('OEBPS/style.css');
    expect(css).toMatch(/\.tcy[^{]*\{[^}]*-epub-text-combine: horizontal;[^}]*text-combine-upright: all;/);
    // The class other tools' users write in raw HTML gets the same dots.
    expect(css).toMatch(/em\.em-sesame,\s*\.sesame \{[^}]*-epub-text-emphasis-style: filled sesame;/);
  });
});

describe.each(aozoraTexts())('$name (青空文庫 format) as a book', ({ path, name }) => {
  it('builds, reports its unsupported annotations with their places, and passes EPUBCheck', async () => {
    const source = await readFile(path, 'utf8');
    const manuscript = await mkdtemp(join(tmpdir(), 'aozora-'));
    const title = source.split('\n')[0]!;
    // An identifier and a reading, so that every warning left is the text's.
    await writeFile(
      join(manuscript, 'book.yaml'),
      `title: ${title}\ntitleReading: ほん\nidentifier: urn:uuid:6a1f0c2e-9d3b-4e8a-b7c5-2f4d6e8a0b1c\nmarkdown:\n  paragraphPerLine: true\n`,
    );
    await copyFile(path, join(manuscript, `${name}.md`));
    const { path: epubPath, stderr } = await build(manuscript);
    // The ママ annotation, whose text is not just before it, is reported where it stands in the source.
    const lines = source.split('\n');
    const row = lines.findIndex((line) => /［＃「[^」]+」はママ］/.test(line));
    const column = lines[row]!.search(/［＃「[^」]+」はママ］/) + 1;
    expect(stderr).toContain(`${name}.md:${row + 1}:${column}: warning: the text the annotation ［＃「`);
    for (const line of stderr.split('\n').filter((text) => text.includes('warning')))
      expect(line).toMatch(new RegExp(`${name}\\.md:\\d+:\\d+: warning: `));
    clean((await epubcheckAll([epubPath]))[0]!);
    const epub = await openEpub(epubPath);
    const text = (await epub.spine()).map(([, xhtml]) => xhtml).join('');
    expect(text).not.toContain('［＃');
    const nav = await epub.read('OEBPS/toc.xhtml');
    const last = [...source.matchAll(/［＃「([^」]+)」は中見出し］/g)].at(-1)![1]!.replace(/《[^》]*》|｜/g, '');
    expect(nav).toContain(last);
  });
});
