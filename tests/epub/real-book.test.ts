/**
 * A real book as a store would take it: the opening chapters and the 底本 page of 夏目漱石『明暗』
 * (tests/fixtures/meian, an excerpt of ../shared/bench/meian.md, whose chapters are titled with
 * bare numerals), built once through the real command. The 底本 page's URL links to exactly
 * the URL; the package carries the 電書協 guide's katakana readings, its version, the SVG cover
 * page and the EPUB Accessibility claim; the 目次 sets the numeral chapters several to a line;
 * the 奥付 speaks of the e-book; a book without an identifier is told one to paste; EPUBCheck 0/0.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/cli.ts';
import { openEpub, type OpenedEpub } from '../helpers/epub.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { elements, parseXml } from '../helpers/xml.ts';

let epubPath: string;
let epub: OpenedEpub;
let stderr: string;

beforeAll(async () => {
  const out = await mkdtemp(join(tmpdir(), 'real-book-'));
  const result = await runInProcess('build-epub', [
    '--manuscript',
    join(projectRoot, 'tests/fixtures/meian/meian.md'),
    '--out-dir',
    out,
  ]);
  expect(result.code, result.stderr).toBe(0);
  stderr = result.stderr;
  epubPath = join(out, 'meian-excerpt.epub');
  epub = await openEpub(epubPath);
});

const metas = (property: string, refines?: string) =>
  elements(epub.opf, 'meta').filter(
    (meta) =>
      meta.getAttribute('property') === property && (refines === undefined || meta.getAttribute('refines') === refines),
  );
const page = async (name: string) => parseXml(await epub.read(`OEBPS/${name}`), name);

describe('明暗 (an excerpt) as a store-ready EPUB', () => {
  it('links the 底本 page’s URL to exactly the URL, and leaves the sentence after it as text', async () => {
    const credits = await page('p-008.xhtml');
    const links = elements(credits, 'a').filter((a) => a.getAttribute('href')?.startsWith('http'));
    expect(links.map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['http://www.aozora.gr.jp/', 'http://www.aozora.gr.jp/'],
    ]);
    expect(links[0]!.nextSibling?.textContent).toMatch(/^）で作られました。/);
  });

  it('gives title, author and publisher katakana readings, converted from the hiragana written', () => {
    const title = elements(epub.opf, 'title')[0]!;
    const creator = elements(epub.opf, 'creator')[0]!;
    const publisher = elements(epub.opf, 'publisher')[0]!;
    const fileAs = (element: typeof title) =>
      metas('file-as', `#${element.getAttribute('id')}`).map((m) => m.textContent);
    expect(fileAs(title)).toEqual(['メイアン']);
    expect(fileAs(creator)).toEqual(['ナツメ ソウセキ']);
    expect(fileAs(publisher)).toEqual(['アオゾラブンコ']);
    expect(stderr).not.toContain('no reading for sorting');
  });

  it('declares the 電書協 guide version and the EPUB Accessibility 1.1 claim with its evaluator', () => {
    expect(epub.opf.documentElement!.getAttribute('prefix')).toBe('ebpaj: http://www.ebpaj.jp/');
    expect(metas('ebpaj:guide-version').map((m) => m.textContent)).toEqual(['1.1.3']);
    const [claim] = metas('dcterms:conformsTo');
    expect(claim?.textContent).toBe('EPUB Accessibility 1.1 - WCAG 2.1 Level AA');
    expect(metas('a11y:certifiedBy', `#${claim!.getAttribute('id')}`).map((m) => m.textContent)).toEqual(['青空文庫']);
  });

  it('wraps the cover in the guide’s SVG page, its viewBox the image’s pixels', async () => {
    const item = elements(epub.opf, 'item').find((candidate) => candidate.getAttribute('id') === 'p-cover')!;
    expect(item.getAttribute('properties')).toBe('svg');
    const cover = await page('p-cover.xhtml');
    const svg = elements(cover, 'svg')[0]!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 1600 2560');
    const image = elements(cover, 'image')[0]!;
    const href = image.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
    const coverItem = elements(epub.opf, 'item').find(
      (candidate) => candidate.getAttribute('properties') === 'cover-image',
    )!;
    expect(href).toBe(coverItem.getAttribute('href'));
    expect([image.getAttribute('width'), image.getAttribute('height')]).toEqual(['1600', '2560']);
  });

  it('sets the chapters titled 一 to 七 on one line of the 目次, each a link to its document', async () => {
    const toc = await page('p-toc.xhtml');
    const items = elements(toc, 'li');
    expect(items.map((li) => li.getAttribute('class'))).toEqual(['toc-level-1 toc-numerals', 'toc-level-1']);
    expect(elements(items[0]!, 'a').map((a) => [a.textContent, a.getAttribute('href')])).toEqual(
      ['一', '二', '三', '四', '五', '六', '七'].map((title, index) => [title, `p-00${index + 1}.xhtml`]),
    );
    expect(elements(items[1]!, 'a')[0]!.getAttribute('href')).toBe('p-008.xhtml');
  });

  it('says 電子版発行 in the 奥付, not a printed edition', async () => {
    const colophon = (await page('p-colophon.xhtml')).documentElement!.textContent ?? '';
    expect(colophon).toContain('二〇二六年十二月六日　電子版発行');
    expect(colophon).not.toMatch(/刷|初版/);
  });

  it('warns that the book has no identifier, with a line to paste, and carries a derived one', () => {
    const identifier = elements(epub.opf, 'identifier')[0]!.textContent!;
    expect(identifier).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stderr).toContain(
      `warning: no identifier: the EPUB carries ${identifier}, made from the file name "meian-excerpt"`,
    );
    const line = stderr.match(/^ {4}identifier: (urn:uuid:[0-9a-f-]{36})$/m);
    expect(line?.[1]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(line?.[1]).not.toBe(identifier);
  });

  it('passes EPUBCheck with 0 errors and 0 warnings', async () => {
    const result = (await epubcheckAll([epubPath]))[0]!;
    expect(result.messages).toEqual([]);
    expect(result).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  });
});

describe('a translated book', () => {
  it('lists its translators and editor as contributors with their MARC roles, and passes EPUBCheck', async () => {
    const root = await mkdtemp(join(tmpdir(), 'translated-'));
    const file = join(root, 'prince.md');
    await writeFile(
      file,
      '---\ntitle: 幸福な王子\nauthor: オスカー・ワイルド\ntranslator: [結城浩, 山田花子]\neditor: 青空太郎\nidentifier: urn:uuid:6f1c1f8e-4b0a-4c1e-9f57-0d3f5c1d2e3a\n---\n\n# 一\n\n　町の高い柱の上に、幸福な王子の像が立っていました。\n',
    );
    const result = await runInProcess('build-epub', ['--manuscript', file, '--out-dir', root]);
    expect(result.code, result.stderr).toBe(0);
    const path = join(root, 'prince.epub');
    const opened = await openEpub(path);
    const roles = elements(opened.opf, 'contributor').map((element) => [
      element.textContent,
      elements(opened.opf, 'meta').find(
        (meta) =>
          meta.getAttribute('refines') === `#${element.getAttribute('id')}` && meta.getAttribute('property') === 'role',
      )?.textContent,
    ]);
    expect(roles).toEqual([
      ['結城浩', 'trl'],
      ['山田花子', 'trl'],
      ['青空太郎', 'edt'],
    ]);
    expect(elements(opened.opf, 'creator').map((element) => element.textContent)).toEqual(['オスカー・ワイルド']);
    const check = (await epubcheckAll([path]))[0]!;
    expect(check.messages).toEqual([]);
  });
});
