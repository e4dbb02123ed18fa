/**
 * `npm run build:cover` as a user runs it: the sample book with an example ISBN, the page count
 * taken from the interior PDF (built when needed, reused when up to date), and bad input.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { shareBrowser } from '../helpers/browser-session.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { pageBoxes, pageWords, pdfStructure } from '../helpers/pdf.ts';
import { decodeBarcodes, PT, sampleChapters } from './helpers.ts';

const shared = shareBrowser();
const mm = (points: number) => points / PT;

/** The sample book, word for word, with an example ISBN, Cコード and price added to its metadata. */
async function sampleWithIsbn(extra = ''): Promise<string> {
  const yaml = await readFile(new URL('../../manuscript/book.yaml', import.meta.url), 'utf8');
  return makeManuscript({
    ...(await sampleChapters()),
    'book.yaml': `${yaml}isbn: 978-4-00-000000-0\ncCode: C0093\nprice: 1500\n${extra}`,
  });
}

describe('build:cover', () => {
  it('builds the sample’s spread: size by the formula, spine text vertical and centred, barcodes that decode', async () => {
    const root = await sampleWithIsbn();
    const out = join(root, 'out');
    const result = await shared.run('build-cover', ['--manuscript', root, '--out-dir', out, '--pages', '240']);
    expect(result.stderr).not.toMatch(/warning|error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('spine 12.00 mm: 240 pages ÷ 2 × 0.1 mm per sheet (上質70kg) = 12.00 mm');
    const path = join(out, 'jinmyaku-essay-print-shop-cover.pdf');

    const [boxes] = await pageBoxes(path);
    expect(mm(boxes!.TrimBox.x2 - boxes!.TrimBox.x1)).toBeCloseTo(2 * 105 + 12, 2);
    expect(mm(boxes!.TrimBox.y2 - boxes!.TrimBox.y1)).toBeCloseTo(148, 2);
    expect(mm(boxes!.BleedBox.x2 - boxes!.BleedBox.x1)).toBeCloseTo(2 * 105 + 12 + 6, 2);

    const [page] = await pageWords(path);
    const spineCentre = boxes!.TrimBox.x1 + (105 + 6) * PT;
    const spine = page!.words
      .filter((word) => Math.abs((word.xMin + word.xMax) / 2 - spineCentre) < 5 * PT)
      .sort((a, b) => a.yMin - b.yMin);
    expect(spine.map((word) => word.text).join('')).toBe(
      '【人脈作りは必要?】フリーランスに異業種交流会は意味がない理由著者名未設定（仮）発行者未設定（仮）',
    );
    for (const word of spine) expect(mm(Math.abs((word.xMin + word.xMax) / 2 - spineCentre))).toBeLessThan(0.1);

    expect(await decodeBarcodes(path)).toEqual(['EAN-13:1920093015004', 'EAN-13:9784000000000']);
    const words = page!.words.map((word) => word.text);
    expect(words).toContain('ISBN978-4-00-000000-0');
    expect(words).toContain('C0093');
  });

  it('takes the page count from the interior PDF, building it when needed and reusing it after', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 頁数\nprint:\n  profile: print-shop\n  cover:\n    paper: 上質90kg\n',
      '01.md': `# 一\n\n${'吾輩は猫である。名前はまだ無い。'.repeat(200)}\n`,
    });
    const out = join(root, 'out');
    const args = ['--manuscript', root, '--out-dir', out];
    const first = await shared.run('build-cover', args);
    expect(first.stderr).not.toMatch(/error/);
    expect(first.code).toBe(0);
    const interior = join(out, `${root.split('/').at(-1)}-print-shop.pdf`);
    const { pageCount } = await pdfStructure(interior);
    const even = pageCount + (pageCount % 2);
    expect(first.stdout).toMatch(/wrote .*\.pdf \(.*profile print-shop[,)]/);
    expect(first.stdout).toContain(`spine ${((even / 2) * 0.12).toFixed(2)} mm: ${even} pages ÷ 2 × 0.12 mm per sheet`);

    const built = (await stat(interior)).mtimeMs;
    const second = await shared.run('build-cover', args);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/-cover\.pdf is up to date/);
    // Found so from the interior's record, without parsing the book.
    expect(second.stderr).not.toContain('parsing chapters');
    expect((await stat(interior)).mtimeMs).toBe(built);

    // Another paper changes the cover only: the interior is still up to date and stays as it is.
    const yaml = await readFile(join(root, 'book.yaml'), 'utf8');
    await writeFile(join(root, 'book.yaml'), yaml.replace('上質90kg', '上質110kg'));
    const third = await shared.run('build-cover', args);
    expect(third.code).toBe(0);
    expect(third.stdout.match(/^wrote /gm)).toHaveLength(1);
    expect(third.stdout).toContain(`spine ${((even / 2) * 0.14).toFixed(2)} mm`);
    expect((await stat(interior)).mtimeMs).toBe(built);
  });

  it('npm run build with nothing changed parses nothing: the EPUB, the PDF and the cover are found up to date', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 頁数\nprint:\n  profile: print-shop\n  cover:\n    paper: 上質90kg\n',
      '01.md': `# 一\n\n${'吾輩は猫である。名前はまだ無い。'.repeat(120)}\n`,
    });
    const args = ['--manuscript', root, '--out-dir', join(root, 'out')];
    const first = await shared.run('build-all', args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.match(/^wrote /gm)).toHaveLength(3);

    const unchanged = await shared.run('build-all', args);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stdout.match(/ is up to date: nothing changed/g)).toHaveLength(3);
    expect(unchanged.stdout).toMatch(/-cover\.pdf is up to date/);
    expect(unchanged.stderr).not.toContain('parsing chapters');

    // A chapter changed: the book is parsed again and every output made again.
    await writeFile(join(root, '01.md'), `# 一\n\n${'吾輩は猫である。'.repeat(150)}\n`);
    const changed = await shared.run('build-all', args);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).toContain('parsing chapters');
    expect(changed.stdout.match(/^wrote /gm)).toHaveLength(3);
  });

  it('reads the page count from an up-to-date interior of another profile and leaves it as it is', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 頁数\n',
      '01.md': `# 一\n\n${'吾輩は猫である。名前はまだ無い。'.repeat(120)}\n`,
    });
    const out = join(root, 'out');
    const args = ['--manuscript', root, '--out-dir', out];
    expect((await shared.run('build-pdf', args)).code).toBe(0);
    const interior = join(out, `${root.split('/').at(-1)}.pdf`);
    const built = (await stat(interior)).mtimeMs;
    const { pageCount } = await pdfStructure(interior);
    const cover = await shared.run('build-cover', args);
    expect(cover.code).toBe(0);
    expect(cover.stdout.match(/^wrote /gm)).toHaveLength(1);
    expect(cover.stdout).toContain(`${pageCount + (pageCount % 2)} pages ÷ 2`);
    expect((await stat(interior)).mtimeMs).toBe(built);
  });

  it('stops at the line of a wrong ISBN and leaves the previous cover as it was', async () => {
    const root = await sampleWithIsbn();
    const out = join(root, 'out');
    const args = ['--manuscript', root, '--out-dir', out, '--pages', '120'];
    expect((await shared.run('build-cover', args)).code).toBe(0);
    const path = join(out, 'jinmyaku-essay-print-shop-cover.pdf');
    const before = await readFile(path);

    const yaml = await readFile(join(root, 'book.yaml'), 'utf8');
    await writeFile(join(root, 'book.yaml'), yaml.replace('978-4-00-000000-0', '978-4-00-000000-1'));
    const line = yaml.split('\n').findIndex((text) => text.startsWith('isbn:')) + 1;
    const result = await shared.run('build-cover', args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `book.yaml:${line}:7: error: key "isbn": not an ISBN: wrong check digit 1: 978400000000 needs 0`,
    );
    expect((await readFile(path)).equals(before)).toBe(true);
  });

  it('refuses a wrong command line, and builds nothing without print.cover when asked so', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 猫\n', '01.md': '# 一\n\n猫。\n' });
    for (const args of [
      ['--pages', 'many'],
      ['--pages', '0'],
      ['--profile', 'screen'],
    ]) {
      const result = await shared.run('build-cover', ['--manuscript', root, ...args]);
      expect(result.code).toBe(2);
    }
    const skipped = await shared.run('build-cover', [
      '--manuscript',
      root,
      '--out-dir',
      join(root, 'out'),
      '--if-configured',
    ]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('no cover built: the metadata has no print.cover');
  });
});

describe('covers per destination', () => {
  it('builds the print shop’s and KDP’s covers side by side, each to its trim, and preflight checks each as a cover', async () => {
    const root = await sampleWithIsbn();
    const out = join(root, 'out');
    const args = ['--manuscript', root, '--out-dir', out, '--profile', 'print-shop,kdp', '--pages', '240'];
    const result = await shared.run('build-cover', args);
    expect(result.code, result.stderr).toBe(0);
    const shop = join(out, 'jinmyaku-essay-print-shop-cover.pdf');
    const kdp = join(out, 'jinmyaku-essay-kdp-cover.pdf');
    // The print shop's 文庫 (105 mm) with 上質70kg; KDP's 5 × 8 in (book.yaml's print.kdp) with kdp-white.
    const [shopBoxes] = await pageBoxes(shop);
    expect(mm(shopBoxes!.TrimBox.x2 - shopBoxes!.TrimBox.x1)).toBeCloseTo(2 * 105 + 12, 2);
    const [kdpBoxes] = await pageBoxes(kdp);
    expect(mm(kdpBoxes!.TrimBox.x2 - kdpBoxes!.TrimBox.x1)).toBeCloseTo(2 * 127 + 240 * 0.002252 * 25.4, 1);
    expect(mm(kdpBoxes!.TrimBox.y2 - kdpBoxes!.TrimBox.y1)).toBeCloseTo(203.2, 2);

    for (const [path, profile] of [
      [shop, 'print-shop'],
      [kdp, 'kdp'],
    ] as const) {
      const checked = await runInProcess('preflight', [path]);
      expect(checked.code, checked.stderr).toBe(0);
      expect(checked.stdout).toMatch(new RegExp(`^preflight \\(${profile} cover spread, colour\\): passed$`, 'm'));
      expect(checked.stdout).not.toMatch(/page count|type size/);
    }
    // A print shop's cover (3 mm of bleed, marks around it) is not a KDP cover.
    const wrong = await runInProcess('preflight', [shop, '--profile', 'kdp']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("error: cover boxes: KDP's cover bleed is 0.125 in (3.18 mm) on all four edges");

    // A KDP cover without its bleed fails as a cover, not as a one-page book.
    const pdf = await PDFDocument.load(await readFile(kdp));
    const page = pdf.getPage(0);
    const media = page.getMediaBox();
    page.setTrimBox(media.x + 2, media.y + 2, media.width - 4, media.height - 4);
    const cut = join(out, 'cut-cover.pdf');
    await writeFile(cut, await pdf.save());
    const failed = await runInProcess('preflight', [cut]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^preflight \(print-shop cover spread, colour\): FAILED$/m);
    expect(failed.stderr).toContain('a print shop wants at least 3 mm of bleed on every edge');
  });
});
