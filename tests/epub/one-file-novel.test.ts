/**
 * A novel kept in one Markdown file (tests/fixtures/one-file-novel): through the real command,
 * one EPUB content document per `#` chapter, the long chapter cut once, where the limit forces
 * it and at its `##` heading, notes and links across chapters working, and EPUBCheck 0/0.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/cli.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { openEpub, type OpenedEpub } from '../helpers/epub.ts';
import { elements, parseXml } from '../helpers/xml.ts';

const manuscript = join(projectRoot, 'tests/fixtures/one-file-novel/novel.md');
let epubPath: string;
let epub: OpenedEpub;
let stdout: string;
let documents: { path: string; body: Element; bytes: number }[];

type Element = ReturnType<typeof elements>[number];

beforeAll(async () => {
  const out = await mkdtemp(join(tmpdir(), 'one-file-novel-'));
  const result = await runInProcess('build-epub', ['--manuscript', manuscript, '--out-dir', out]);
  expect(result.stderr).not.toMatch(/warning|error/);
  expect(result.code).toBe(0);
  stdout = result.stdout;
  epubPath = join(out, 'one-file-novel.epub');
  epub = await openEpub(epubPath);
  documents = (await epub.spine()).map(([path, text]) => ({
    path,
    body: elements(parseXml(text, path), 'body')[0]!,
    bytes: Buffer.byteLength(text),
  }));
});

const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, '');

describe('a one-file novel as EPUB', () => {
  it('makes one content document per chapter, and a second one only for the chapter over 256 KB', () => {
    const text = documents.filter((doc) => doc.body.getAttribute('class') === 'p-text');
    expect(text.map((doc) => doc.path.replace(/^.*\//, ''))).toEqual([
      'p-001.xhtml',
      'p-002.xhtml',
      'p-003.xhtml',
      'p-003-2.xhtml',
      'p-004.xhtml',
    ]);
    for (const doc of documents) expect(doc.bytes, doc.path).toBeLessThanOrEqual(256 * 1024);
    // The first is the lead: text before the first heading, with no heading of its own.
    expect(elements(text[0]!.body, 'h1')).toEqual([]);
    // Every chapter document opens with its chapter heading.
    for (const [index, title] of [
      [1, '一　はじまり'],
      [2, '二　長い章'],
      [4, '三　おわり'],
    ] as const) {
      const section = elements(text[index]!.body, 'section')[0]!;
      const first = elements(section, '*').find((element) => element.parentNode === section)!;
      expect(first.localName).toBe('h1');
      expect(first.textContent).toBe(title);
    }
  });

  it('cuts the long chapter at its `##` heading, and says so under the summary', () => {
    const continued = documents.find((doc) => doc.path.endsWith('p-003-2.xhtml'))!;
    const section = elements(continued.body, 'section')[0]!;
    const first = elements(section, '*').find((element) => element.parentNode === section)!;
    expect(first.localName).toBe('h2');
    expect(first.textContent).toBe('二の二　後半');
    expect(stdout).toMatch(/4 chapter\(s\), 9 documents, 1 cut\(s\) for size\)/);
    expect(stdout).toContain('cut for size (256 KB per document): 二　長い章 (');
    expect(stdout).toContain('novel.md) before the heading at line 408');
  });

  it('lists the chapters and the section in the table of contents, and not the lead', async () => {
    const nav = parseXml(await epub.read('OEBPS/toc.xhtml'), 'toc.xhtml');
    const toc = elements(nav, 'nav').find((element) => element.getAttribute('epub:type') === 'toc')!;
    const links = elements(toc, 'a').map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['表紙', 'p-cover.xhtml'],
      ['一　はじまり', 'p-002.xhtml'],
      ['二　長い章', 'p-003.xhtml'],
      ['二の二　後半', 'p-003-2.xhtml'],
      ['三　おわり', 'p-004.xhtml'],
      ['奥付', 'p-colophon.xhtml'],
    ]);
  });

  it('puts each note at the end of the chapter that refers to it, though all are written at the end of the file', () => {
    const notes = (name: string) => elements(documents.find((doc) => doc.path.endsWith(name))!.body, 'aside').map(text);
    expect(notes('p-001.xhtml')).toEqual(['1　リードと三の章から参照される注。'.replace(/\s/g, '')]);
    expect(notes('p-003-2.xhtml')).toEqual([
      '1長い章の後半の注。ファイルの最後に書かれていても、参照する章の終わりに置かれます。',
    ]);
    expect(notes('p-004.xhtml')).toEqual(['1リードと三の章から参照される注。']);
  });

  it('keeps a link to an element in a later chapter of the file', () => {
    const first = documents.find((doc) => doc.path.endsWith('p-002.xhtml'))!;
    const link = elements(first.body, 'a').find((a) => a.textContent === '三の章の終わりへ')!;
    expect(link.getAttribute('href')).toBe('p-004.xhtml#ch-4-goal');
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const result = (await epubcheckAll([epubPath]))[0]!;
    expect(result.messages).toEqual([]);
  });
});
