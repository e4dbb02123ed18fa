/**
 * The sample book end to end through the real command: a vertical EPUB 3 that EPUBCheck passes
 * with no errors and no warnings, with every item of the package the stores expect.
 */
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { seedPath } from '../helpers/shared.ts';
import { openEpub, type OpenedEpub } from '../helpers/epub.ts';
import { elements, parseXml } from '../helpers/xml.ts';

let outDir: string;
let epubPath: string;
let epub: OpenedEpub;
let stdout: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'sample-epub-'));
  const result = await runInProcess('build-epub', ['--out-dir', outDir]);
  expect(result.stderr).not.toMatch(/warning|error/);
  expect(result.code).toBe(0);
  stdout = result.stdout;
  const [name] = (await readdir(outDir)).filter((file) => file.endsWith('.epub'));
  epubPath = join(outDir, name!);
  epub = await openEpub(epubPath);
});

const meta = (property: string) =>
  elements(epub.opf, 'meta')
    .filter((m) => m.getAttribute('property') === property)
    .map((m) => m.textContent);

describe('the sample book as EPUB', () => {
  it('prints a summary with the file, size and chapters', () => {
    expect(stdout).toMatch(/^wrote .*\.epub \([\d.]+ KB, 5 chapter\(s\), \d+ documents\) in [\d.]+ s$/m);
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const result = (await epubcheckAll([epubPath]))[0]!;
    expect(result.messages.filter((m) => m.severity !== 'INFO' && m.severity !== 'USAGE')).toEqual([]);
    expect(result).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  });

  it('declares Japanese, vertical writing and right-to-left page progression', () => {
    const pkg = epub.opf.documentElement!;
    expect(pkg.getAttribute('xml:lang')).toBe('ja');
    expect(elements(epub.opf, 'language')[0]!.textContent).toBe('ja');
    expect(elements(epub.opf, 'spine')[0]!.getAttribute('page-progression-direction')).toBe('rtl');
    const writing = elements(epub.opf, 'meta').find((m) => m.getAttribute('name') === 'primary-writing-mode');
    expect(writing?.getAttribute('content')).toBe('vertical-rl');
  });

  it('has title, identifier, modification time and EPUB Accessibility metadata', () => {
    expect(elements(epub.opf, 'title')[0]!.textContent).toBe(
      '【人脈作りは必要?】フリーランスに異業種交流会は意味がない理由',
    );
    expect(elements(epub.opf, 'identifier')[0]!.textContent).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(meta('dcterms:modified')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(meta('schema:accessMode')).toContain('textual');
    expect(meta('schema:accessModeSufficient')).toEqual(['textual']);
    expect(meta('schema:accessibilityFeature')).toEqual(
      expect.arrayContaining(['tableOfContents', 'structuralNavigation']),
    );
    expect(meta('schema:accessibilityHazard')).toEqual(['none']);
    expect(meta('schema:accessibilitySummary')[0]!.length).toBeGreaterThan(10);
    expect(elements(epub.opf, 'description')[0]!.textContent!.length).toBeGreaterThan(0);
  });

  it('has a cover image item, a cover page, and a Kindle cover pointer', async () => {
    const cover = elements(epub.opf, 'item').find((item) => item.getAttribute('properties') === 'cover-image');
    expect(cover?.getAttribute('media-type')).toBe('image/png');
    const coverFile = `OEBPS/${cover!.getAttribute('href')}`;
    const png = await epub.zip.file(coverFile)!.async('uint8array');
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const kindle = elements(epub.opf, 'meta').find((m) => m.getAttribute('name') === 'cover');
    expect(kindle?.getAttribute('content')).toBe(cover!.getAttribute('id'));
    const [first] = await epub.spine();
    expect(first![1]).toContain(cover!.getAttribute('href'));
  });

  it('has a nav document with toc and landmarks (cover, toc, bodymatter)', async () => {
    const navItem = elements(epub.opf, 'item').find((item) => item.getAttribute('properties') === 'nav')!;
    const nav = parseXml(await epub.read(`OEBPS/${navItem.getAttribute('href')}`), 'nav');
    const navs = elements(nav, 'nav');
    const type = (n: (typeof navs)[number]) => n.getAttributeNS('http://www.idpf.org/2007/ops', 'type');
    const toc = navs.find((n) => type(n) === 'toc')!;
    expect(elements(toc, 'a').map((a) => a.textContent)).toEqual([
      '表紙',
      'フリーランスにとって異業種交流会は意味がない理由',
      '自分に合わなかったBNI',
      'フリーランスにとって人脈って大事?',
      '最後に',
      '奥付',
    ]);
    const landmarks = navs.find((n) => type(n) === 'landmarks')!;
    expect(elements(landmarks, 'a').map((a) => a.getAttributeNS('http://www.idpf.org/2007/ops', 'type'))).toEqual([
      'cover',
      'toc',
      'bodymatter',
    ]);
  });

  it('has only the book’s own files, every content document well-formed Japanese XHTML under 256 KB', async () => {
    const manifest = elements(epub.opf, 'item').map((item) => `OEBPS/${item.getAttribute('href')}`);
    expect(epub.files.sort()).toEqual(['META-INF/container.xml', 'OEBPS/content.opf', 'mimetype', ...manifest].sort());
    for (const [path, text] of await epub.spine()) {
      expect(Buffer.byteLength(text)).toBeLessThan(256 * 1024);
      expect(text).not.toMatch(/&#x[0-9a-f]{3,};/i);
      const doc = parseXml(text, path);
      expect(doc.documentElement!.getAttribute('xml:lang')).toBe('ja');
      expect(doc.documentElement!.getAttribute('lang')).toBe('ja');
      // The cover is an image page, set horizontally as the 電書協 guide sets image pages.
      expect(doc.documentElement!.getAttribute('class')).toBe(path.endsWith('p-cover.xhtml') ? 'hltr' : 'vrtl');
    }
  });

  it('uses a vertical stylesheet', async () => {
    const css = await epub.read('OEBPS/style.css');
    expect(css).toMatch(/html\.vrtl\s*\{[^}]*-epub-writing-mode: vertical-rl;[^}]*writing-mode: vertical-rl;/);
    expect(css).toMatch(/line-break: strict/);
  });

  it('contains the text of the seed article word for word', async () => {
    const seed = await readFile(seedPath, 'utf8');
    const bookText = (await epub.spine()).map(([, text]) => text.replace(/<[^>]+>/g, '')).join('\n');
    const opfText = await epub.read(epub.opfPath);
    const lines = seed
      .split('\n')
      .map((line) => line.replace(/^\s*•\s*/, '').trim())
      .filter(Boolean);
    for (const line of lines) expect(bookText + opfText, line).toContain(line);
  });

  it('gives the same identifier on every build of the same manuscript', async () => {
    const again = await mkdtemp(join(tmpdir(), 'sample-epub-again-'));
    expect((await runInProcess('build-epub', ['--out-dir', again, '--quiet'])).code).toBe(0);
    const [name] = await readdir(again);
    const second = await openEpub(join(again, name!));
    expect(elements(second.opf, 'identifier')[0]!.textContent).toBe(elements(epub.opf, 'identifier')[0]!.textContent);
  });
});
