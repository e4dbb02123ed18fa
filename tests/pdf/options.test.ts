/**
 * Print settings from book.yaml, exercised through the real command (in-process, runCli) on small
 * manuscripts, with one browser for the whole file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { shareBrowser } from '../helpers/browser-session.ts';
import { projectRoot } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { kinsokuViolations, pageBoxes, pageWords, pdfFonts, pdfStructure, verticalText } from '../helpers/pdf.ts';

const PT = 72 / 25.4;
const chapters = (count: number, paragraphs: number) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `${String(index + 1).padStart(2, '0')}.md`,
      `# 第${index + 1}章\n\n${Array.from({ length: paragraphs }, () => '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。').join('\n\n')}\n`,
    ]),
  );

const shared = shareBrowser();

async function buildPdf(files: Record<string, string | Uint8Array>, args: string[] = []) {
  const root = await makeManuscript(files);
  const out = join(root, 'out');
  const result = await shared.run('build-pdf', ['--manuscript', root, '--out-dir', out, ...args]);
  return { ...result, root, path: join(out, `${root.split('/').at(-1)}.pdf`) };
}

describe('print settings', () => {
  it('pads to a multiple of 4 pages with blanks before the 奥付, and starts chapters on rectos', async () => {
    const { code, stderr, stdout, path } = await buildPdf({
      'book.yaml': 'title: 試し\nauthor: 著者\nprint:\n  padTo: 4\n  chapterStart: recto\n',
      ...chapters(3, 3),
    });
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    const { pageCount, outline } = await pdfStructure(path);
    expect(pageCount % 4).toBe(0);
    expect(outline.map((item) => item.page % 2)).toEqual([1, 1, 1]);
    const pages = await pageWords(path);
    expect(verticalText(pages.at(-1)!.words)).toContain('試し');
    expect(pages.at(-2)!.words).toEqual([]);
    // The page counts the build prints add up to the pages of the file, naming every blank page.
    const laid = Number(/^laid out (\d+) pages$/m.exec(stderr)?.[1]);
    const sum =
      /^adding folios and running heads: (\d+) pages = (\d+) laid out \+ (\d+) blank before a recto \+ (\d+) blank to a multiple of 4$/m.exec(
        stderr,
      );
    expect(sum, stderr).not.toBeNull();
    const [total, laidOut, recto, padding] = sum!.slice(1).map(Number) as [number, number, number, number];
    expect([laidOut, total]).toEqual([laid, pageCount]);
    expect(laidOut + recto + padding).toBe(total);
    expect(stdout).toContain(`, ${pageCount} pages, `);
  });

  it('prints hidden folios (隠しノンブル) on pages without a visible one when asked', async () => {
    const { code, path } = await buildPdf({
      'book.yaml': 'title: 試し\nprint:\n  hiddenFolio: true\n',
      ...chapters(1, 2),
    });
    expect(code).toBe(0);
    const pages = await pageWords(path);
    // Page 2 is the blank back of the 扉: only its tiny number is on it.
    expect(pages[1]!.words.map((word) => word.text)).toEqual(['2']);
    const tiny = pages[1]!.words[0]!;
    expect(tiny.yMax - tiny.yMin).toBeLessThan(8);
  });

  it('lays out a 横書き A5 book with left-to-right pages', async () => {
    const { code, path } = await buildPdf({
      'book.yaml': 'title: 横組み\nwritingMode: horizontal\nprint:\n  format: a5\n',
      ...chapters(2, 30),
    });
    expect(code).toBe(0);
    const boxes = await pageBoxes(path);
    expect(boxes[0]!.MediaBox.x2 / PT).toBeCloseTo(148, 1);
    expect(boxes[0]!.MediaBox.y2 / PT).toBeCloseTo(210, 1);
    const { direction } = await pdfStructure(path);
    expect(direction).toBeUndefined();
    const pages = await pageWords(path);
    // Odd pages of a left-bound book are right-hand pages: the folio is on the right.
    const folio = pages[4]!.words.find((word) => word.text === '5');
    expect(folio!.xMin).toBeGreaterThan(pages[4]!.width / 2);
  });

  it('accepts a custom size and a given 版面', async () => {
    const { code, path } = await buildPdf({
      'book.yaml':
        'title: 変形\nprint:\n  format: { width: 120, height: 170 }\n  charsPerLine: 30\n  linesPerPage: 14\n  fontSize: 10\n',
      '01.md': `# 一\n\n${'吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。'.repeat(8)}\n`,
    });
    expect(code).toBe(0);
    const [first] = await pageBoxes(path);
    expect(first!.MediaBox.x2 / PT).toBeCloseTo(120, 1);
    const pages = await pageWords(path);
    // A full line holds 30 characters: the longest column of body text has exactly that many,
    // not counting a 、 or 。 that hangs past its end (ぶら下げ).
    const longest = Math.max(
      ...verticalText(pages[4]!.words)
        .split('\n')
        .map((line) => [...line].length - (/^.{30}[、。]$/u.test(line) ? 1 : 0)),
    );
    expect(longest).toBe(30);
  });

  it('refuses a 版面 that does not fit the page, pointing at the print settings', async () => {
    const { code, stderr, root } = await buildPdf({
      'book.yaml': 'title: 無理\nprint:\n  charsPerLine: 80\n',
      ...chapters(1, 1),
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(root, 'book.yaml')}:3:3: error: the text block (版面) of 80 characters`);
  });

  it('says how to get a browser when none can be found', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\n', ...chapters(1, 1) });
    const result = await runInProcess('build-pdf', ['--manuscript', root, '--out-dir', join(root, 'out')], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: browser not found at \/nonexistent\/chrome\n {2}hint: .*PUPPETEER_EXECUTABLE_PATH/,
    );
  });

  it('prints the 目次 page numbers in kanji numerals (一〇二) when asked, each at the page its chapter starts', async () => {
    const { code, path } = await buildPdf({
      'book.yaml': 'title: 漢数字\nprint:\n  tocNumerals: kanji\n  chapterStart: recto\n',
      ...chapters(5, 3),
    });
    expect(code).toBe(0);
    const { outline } = await pdfStructure(path);
    const kanji = (page: number) => [...String(page)].map((digit) => '〇一二三四五六七八九'[Number(digit)]).join('');
    const toc = verticalText((await pageWords(path))[2]!.words);
    const numbers = toc
      .split('\n')
      .map((line) => /章([〇一二三四五六七八九]+)$/.exec(line)?.[1])
      .filter(Boolean);
    expect(outline.map((item) => item.page).some((page) => page >= 10)).toBe(true);
    expect(numbers).toEqual(outline.map((item) => kanji(item.page)));
  });

  it('embeds a font file from the manuscript folder when one is named', async () => {
    // A Gothic slice (kana) as the body font: kana come out in it, kanji fall back to the default Mincho.
    const gothic = await readFile(
      join(projectRoot, 'node_modules/@fontsource/noto-sans-jp/files/noto-sans-jp-119-400-normal.woff2'),
    );
    const { code, path } = await buildPdf({
      'book.yaml': 'title: 書体\nprint:\n  bodyFont: fonts/body.woff2\n',
      ...chapters(1, 2),
      'fonts/body.woff2': gothic,
    });
    expect(code).toBe(0);
    const fonts = await pdfFonts(path);
    expect(fonts.filter((font) => font.type.includes('Type 3'))).toEqual([]);
    expect(fonts.some((font) => /NotoSansJP.*-Regular/.test(font.name))).toBe(true);
  });
});

describe('images in print', () => {
  it('places a chapter image from the manuscript in the PDF', async () => {
    // A 2×2 red PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
      'base64',
    );
    const { code, stderr, path } = await buildPdf({
      'book.yaml': 'title: 図\n',
      '01.md': '# 図のある章\n\n![赤い四角](images/red.png)\n\n本文。\n',
      'images/red.png': png,
    });
    expect(code, stderr).toBe(0);
    const { stdout } = await promisify(execFile)('pdfimages', ['-list', path]);
    expect(stdout.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image/.test(line)).length).toBeGreaterThanOrEqual(1);
  });
});

describe('kinsokuViolations', () => {
  const column = (text: string) => ({
    x: 0,
    glyphs: [...text].map((char, index) => ({ text: char, xMin: 0, xMax: 9, yMin: index * 9, yMax: index * 9 + 9 })),
  });
  it('finds forbidden characters at the start and end of a line', () => {
    expect(kinsokuViolations([column('。です'), column('ですか「'), column('ですね')])).toEqual([
      'line starts with 。: 。です',
      'line ends with 「: ですか「',
    ]);
  });
});
