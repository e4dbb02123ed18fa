/**
 * Real 青空文庫 texts exactly as the archive distributes them (tests/fixtures/aozora-texts: Shift_JIS,
 * CRLF, header, notes block, credits), built by the real commands: 中島敦『山月記』 (23 外字, one
 * with ruby), 狩野直喜『孔子と管仲』 (漢文: 返り点, 訓点送り仮名, 割り注), 山村暮鳥『聖三稜玻璃』 (35
 * 見出し in three forms, 横組み, アクセント分解) and 中谷宇吉郎『十二花の雪』 (挿絵 with captions). Each
 * EPUB passes EPUBCheck with no message; two of them, as the chapters of a manuscript folder, open
 * in epub.js and foliate-js set vertically; the picture book is also built as a PDF. What the tests expect is read from each source text.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGaiji } from '../../scripts/markdown/aozora/gaiji/describe.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { projectRoot } from '../helpers/cli.ts';
import { openEpub } from '../helpers/epub.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { EPUBJS_PAGE, FOLIATE_PAGE, type ReaderReport } from '../helpers/reader-pages.ts';
import { ORIGIN, openReaderPage } from '../helpers/readers.ts';
import { elements, parseXml } from '../helpers/xml.ts';

const shared = shareBrowser();
const run = promisify(execFile);

const TEXTS = [
  { name: 'sangetsuki', file: 'sangetsuki.txt', title: '山月記', author: '中島敦' },
  { name: 'koshi-to-kanchu', file: 'koshi-to-kanchu.txt', title: '孔子と管仲', author: '狩野直喜' },
  { name: 'sei-sanryo-hari', file: 'sei-sanryo-hari.txt', title: '聖三稜玻璃', author: '山村暮鳥' },
  { name: 'juunika-no-yuki', file: 'juunika-no-yuki/juunika-no-yuki.txt', title: '十二花の雪', author: '中谷宇吉郎' },
] as const;

interface Built {
  source: string;
  stderr: string;
  opf: ReturnType<typeof parseXml>;
  /** The text documents' bodies, in reading order. */
  bodies: ReturnType<typeof elements>;
  epub: Uint8Array;
  path: string;
}

const built: Record<string, Built> = {};
const reports: Record<string, ReaderReport> = {};
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'aozora-texts-'));
  for (const text of TEXTS) {
    const manuscript = join(projectRoot, 'tests/fixtures/aozora-texts', text.file);
    const result = await shared.run('build-epub', ['--manuscript', manuscript, '--out-dir', out]);
    expect(result.code, result.stderr).toBe(0);
    const path = join(out, `${text.name}.epub`);
    const epub = await openEpub(path);
    const bodies = (await epub.spine())
      .map(([name, xhtml]) => elements(parseXml(xhtml, name), 'body')[0]!)
      .filter((body) => body.getAttribute('class') === 'p-text');
    const source = new TextDecoder('shift_jis').decode(await readFile(manuscript)).replace(/\r\n/g, '\n');
    built[text.name] = { source, stderr: result.stderr, opf: epub.opf, bodies, epub: await readFile(path), path };
  }
  // Two texts as the chapters of a manuscript folder, in the reading engines: each header is a
  // chapter title, so each text is an entry of the table of contents.
  const folder = await mkdtemp(join(tmpdir(), 'aozora-folder-'));
  const fixtures = join(projectRoot, 'tests/fixtures/aozora-texts');
  await writeFile(join(folder, 'book.yaml'), 'title: 青空文庫より\n');
  await copyFile(join(fixtures, 'sangetsuki.txt'), join(folder, '1-sangetsuki.txt'));
  for (const name of ['juunika-no-yuki.txt', 'fig57458_01.png', 'fig57458_02.png'])
    await copyFile(join(fixtures, 'juunika-no-yuki', name), join(folder, name.replace(/^juunika/, '2-juunika')));
  const result = await shared.run('build-epub', ['--manuscript', folder, '--out-dir', out]);
  expect(result.code, result.stderr).toBe(0);
  const collection = await readFile(join(out, `${basename(folder)}.epub`));
  const browser = await shared.browser();
  for (const [engine, page] of [
    ['epub.js', EPUBJS_PAGE],
    ['foliate-js', FOLIATE_PAGE],
  ] as const) {
    const tab = await openReaderPage(browser, collection, { '/reader.html': page });
    await tab.goto(`${ORIGIN}/reader.html`);
    await tab.waitForFunction(() => 'inspectBook' in window);
    reports[engine] = (await tab.evaluate('inspectBook()')) as ReaderReport;
    await tab.close();
  }
});

/** What a reader sees of a body: its text without ruby readings. */
function visible(body: Built['bodies'][number]): string {
  const clone = body.cloneNode(true) as typeof body;
  for (const rt of [...elements(clone, 'rt'), ...elements(clone, 'rp')]) rt.parentNode!.removeChild(rt);
  return clone.textContent ?? '';
}

describe.each(TEXTS)('$title, as distributed', ({ name, title, author }) => {
  it('passes EPUBCheck with no message', async () => {
    const [result] = await epubcheckAll([built[name]!.path]);
    expect(result!.messages).toEqual([]);
  });

  it('takes its title and author from the header', () => {
    const { opf } = built[name]!;
    expect(elements(opf, 'title')[0]!.textContent).toBe(title);
    expect(elements(opf, 'creator')[0]!.textContent).toBe(author);
  });

  it('prints no annotation and no ruby mark, and the header and notes block not as text', () => {
    const text = built[name]!.bodies.map(visible).join('\n');
    expect(text).not.toMatch(/［＃|｜|《|》/);
    expect(text).not.toContain('テキスト中に現れる記号について');
    expect(text.trimStart().startsWith(title)).toBe(false);
  });

  it('sets every coded 外字 as its character', () => {
    const { source, bodies } = built[name]!;
    const text = bodies.map(visible).join('\n');
    const coded = [...source.matchAll(/※［＃((?:[^［］]|［[^］]*］)*)］/g)].map((match) => readGaiji(match[1]!));
    for (const gaiji of coded.filter((each) => each.char)) expect(text, gaiji.description).toContain(gaiji.char);
    expect(text).not.toContain('※');
    expect(built[name]!.stderr).not.toMatch(/aozora-gaiji/);
  });

  it('makes one heading per 見出し annotation', () => {
    const { source, bodies } = built[name]!;
    const annotations = source.match(/［＃(?:「[^」]+」は|ここから)?(?:同行|窓)?[大中小]見出し］/g) ?? [];
    const headings = bodies.flatMap((body) => ['h1', 'h2', 'h3'].flatMap((tag) => elements(body, tag)));
    expect(headings).toHaveLength(annotations.length);
  });

  it('keeps the credits at the end, set apart', () => {
    const { source, bodies } = built[name]!;
    const first = /^底本：.*$/m.exec(source)![0];
    const last = bodies.at(-1)!;
    const credits = elements(last, 'div').find((div) => div.getAttribute('class') === 'aozora-credits')!;
    expect(credits.textContent).toContain(first.replace(/［＃[^］]*］/g, ''));
    expect(credits.textContent).toMatch(/入力：.*校正：/s);
  });
});

describe.each(['epub.js', 'foliate-js'])('山月記 and 十二花の雪 as a folder, in %s', (engine) => {
  it('reads right to left, each text a table of contents entry shown on a vertical page', () => {
    const report = reports[engine]!;
    expect(report.direction).toBe('rtl');
    // Each text is a chapter: its entry is its own content document.
    expect(report.entries.map((entry) => entry.href.replace(/^.*\//, '').replace(/#.*$/, ''))).toEqual([
      'p-001.xhtml',
      'p-002.xhtml',
    ]);
    for (const entry of report.entries) {
      expect(entry.htmlWritingMode, entry.href).toBe('vertical-rl');
      expect(entry.visible, entry.href).toBe(true);
    }
  });
});

describe('漢文 and 挿絵', () => {
  it('sets 返り点, 訓点送り仮名 and 割り注 of 孔子と管仲 in their elements', () => {
    const { bodies } = built['koshi-to-kanchu']!;
    // The notes block explains the marks with examples, which are not in the book.
    const source = built['koshi-to-kanchu']!.source.replace(/^-{10,}$[\s\S]*?^-{10,}$/m, '');
    const all = bodies.flatMap((body) => elements(body, '*'));
    const count = (tag: string, className: string) =>
      all.filter((element) => element.tagName === tag && element.getAttribute('class') === className).length;
    expect(count('sub', 'kaeriten')).toBe(source.match(/［＃[一二三四上中下レ甲乙]+］/g)!.length);
    expect(count('sup', 'okurigana')).toBe(source.match(/［＃（[^）]+）］/g)!.length);
    expect(count('span', 'warichu')).toBe(source.match(/［＃割り注］/g)!.length);
  });

  it('places the pictures of 十二花の雪 with their captions, in the EPUB and in the PDF', async () => {
    const { bodies } = built['juunika-no-yuki']!;
    const images = bodies.flatMap((body) => elements(body, 'img'));
    expect(images.map((image) => image.getAttribute('alt'))).toEqual(['第１図', '第２図']);
    // Each caption line (［＃「第１図」はキャプション］) after its キャプション付きの図 is the picture's caption.
    const figures = bodies.flatMap((body) => elements(body, 'figure'));
    expect(figures.map((figure) => figure.getAttribute('class'))).toEqual(['picture', 'picture']);
    const captions = figures.flatMap((figure) => elements(figure, 'figcaption'));
    expect(captions.map((caption) => caption.textContent)).toEqual(['第１図', '第２図']);

    const manuscript = join(projectRoot, 'tests/fixtures/aozora-texts/juunika-no-yuki/juunika-no-yuki.txt');
    const result = await shared.run('build-pdf', ['--manuscript', manuscript, '--out-dir', out]);
    expect(result.code, result.stderr).toBe(0);
    const pdf = join(out, 'juunika-no-yuki.pdf');
    const { stdout: list } = await run('pdfimages', ['-list', pdf]);
    expect(list.trim().split('\n').slice(2)).toHaveLength(2);
    // In content-stream order (-raw): on a page of short lines whose characters line up across the
    // lines, as the grid sets them, pdftotext's layout analysis reads the rows instead of the columns.
    const { stdout: text } = await run('pdftotext', ['-raw', pdf, '-']);
    expect(text.replace(/\s/g, '')).toContain('十二花の雪');
    expect(text.replace(/\s/g, '')).toContain('底本：「中谷宇吉郎集第一巻」岩波書店');
    expect(text).not.toMatch(/［＃|《/);
  });
});
