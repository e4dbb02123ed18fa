/**
 * 挿絵 in the print book, measured on the finished PDF: where each image is drawn (the content
 * stream, through the preflight's reader) and where every glyph is (`pdftotext -bbox`). A
 * picture that does not fit the rest of its page goes to the next page while the text fills this
 * one; full-page pictures fill the 版面 on pages of their own, a :::bleed one the bleed box; small
 * pictures take whole line pitches, so the lines after them stay on the grid; captions are set
 * under their pictures; no picture overlaps a glyph.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPdfFacts, type PageFacts } from '../../scripts/pdf/inspect/preflight/document.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { jpegImage, png } from '../helpers/images.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { pageWords, verticalColumns, type PlacedText } from '../helpers/pdf.ts';

const shared = shareBrowser();

// 文庫: 9 pt type, 16 lines of 38 characters at a pitch of 15.3 pt.
const FONT = 9;
const PITCH = 15.3;
const LINES = 16;
const sentence =
  '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所で泣いていた事だけは記憶している。';
const paragraphs = (count: number) => Array.from({ length: count }, () => `　${sentence.repeat(3)}`).join('\n\n');
const gradient = (x: number, y: number): [number, number, number] => [(x * 7) % 256, (y * 5) % 256, 128];

const chapter = [
  '# 挿絵の章',
  paragraphs(5),
  // The case: a 1200×1800 portrait after a paragraph, too large for the space left.
  '![縦長の絵](images/portrait.jpg "縦長の絵の説明")',
  paragraphs(6),
  // Small pictures in the flow: 1 inch × 0.5 inch, and 0.8 × 0.6 inch with a caption.
  '![横長の絵](images/landscape.png)',
  paragraphs(4),
  '![小さな絵](images/small.png "小さな絵の説明")',
  paragraphs(5),
  ':::full-page\n![全面の絵](images/landscape.png "全面の絵の説明")\n:::',
  paragraphs(4),
  ':::bleed\n![裁ち落としの絵](images/portrait.jpg)\n:::',
  paragraphs(4),
].join('\n\n');

let pages: PageFacts[];
let words: { width: number; height: number; words: PlacedText[] }[];
let stderr: string;
let plates: PageFacts[];
let rebuild: { args: string[]; platesPath: string; stdout: string };

beforeAll(async () => {
  const root = await makeManuscript({
    'book.yaml': 'title: 挿絵の本\nauthor: 著者\nfrontispiece: images/plate.jpg\n',
    'images/plate.jpg': jpegImage(1300, 1850, (x, y) => [200, (x + y) % 256, 40], 350),
    '01.md': `${chapter}\n`,
    'images/portrait.jpg': jpegImage(1200, 1800, gradient),
    'images/landscape.png': png(300, 150, 3, (x, y) => gradient(x, y), 300),
    'images/small.png': png(77, 58, 1, (x, y) => [(x * y) % 256], 96),
  });
  const out = join(root, 'out');
  const result = await shared.run('build-pdf', ['--manuscript', root, '--out-dir', out, '--profile', 'print-shop']);
  stderr = result.stderr;
  expect(result.code, result.stderr).toBe(0);
  const path = join(out, `${root.split('/').at(-1)}-print-shop.pdf`);
  rebuild = {
    args: ['--manuscript', root, '--out-dir', out, '--profile', 'print-shop'],
    platesPath: path.replace(/\.pdf$/, '-frontispiece.pdf'),
    stdout: result.stdout,
  };
  pages = (await readPdfFacts(await readFile(path), { paint: true })).pages;
  words = await pageWords(path);
  plates = (await readPdfFacts(await readFile(path.replace(/\.pdf$/, '-frontispiece.pdf')), { paint: true })).pages;
}, 120_000);

/** A page's images as boxes from the top-left, as pdftotext gives glyphs. */
const imagesOf = (page: PageFacts) =>
  page.images.map(({ box }) => {
    const height = page.media[3];
    return { xMin: box[0], xMax: box[2], yMin: height - box[3], yMax: height - box[1] };
  });
/** Body glyphs: the text's size, not the folio, running head or caption. */
const bodyGlyphs = (index: number) =>
  words[index]!.words.filter((word) => word.xMax - word.xMin > FONT * 0.8 && word.xMax - word.xMin < FONT * 1.3);
const columnsOf = (index: number) => verticalColumns(bodyGlyphs(index), { top: 0, bottom: 1e6 }, PITCH);
const pictured = () => pages.flatMap((page, index) => (page.images.length > 0 ? [index] : []));

/** The 版面 of recto or verso pages: the box around the body glyphs of the pages full of text. */
function block(parity: number) {
  const full = words.flatMap((_, index) =>
    index % 2 === parity && pages[index]!.images.length === 0 && columnsOf(index).length === LINES ? [index] : [],
  );
  expect(full.length).toBeGreaterThan(0);
  const glyphs = full.flatMap(bodyGlyphs);
  // The ink of the outer lines lies half a leading inside the 版面.
  const half = (PITCH - FONT) / 2 + 0.5;
  return {
    xMin: Math.min(...glyphs.map((g) => g.xMin)) - half,
    xMax: Math.max(...glyphs.map((g) => g.xMax)) + half,
    yMin: Math.min(...glyphs.map((g) => g.yMin)) - 1,
    yMax: Math.max(...glyphs.map((g) => g.yMax)) + 1,
    columns: columnsOf(full[0]!).map((column) => column.x),
  };
}

describe('pictures in the print book', () => {
  it('draws every picture once, on pages of its own or beside whole lines of text', () => {
    expect(pictured().length).toBe(5);
    expect(stderr).not.toMatch(/error/);
  });

  it('warns of the full-page pictures with too few pixels for print, at their lines, with the pixels needed', () => {
    const warnings = stderr.split('\n').filter((line) => line.includes('prints a page at'));
    // The :::full-page picture (300 × 150 pixels enlarged to the 版面) and the :::bleed one (1200 × 1800 over
    // the sheet); not the portrait that took its page in the flow (1800 pixels on 342 pt: 379 ppi).
    expect(warnings).toHaveLength(2);
    const lineOf = (text: string) => chapter.split('\n').findIndex((line) => line.includes(text)) + 1;
    expect(warnings[0]).toContain(`01.md:${lineOf('全面の絵')}:1: warning: picture "images/landscape.png"`);
    expect(warnings[0]).toMatch(/350 ppi needs \d+ × \d+ pixels/);
    expect(warnings[1]).toContain(`01.md:${lineOf('裁ち落としの絵')}:1: warning: picture "images/portrait.jpg"`);
  });

  it('fills the page before a picture that does not fit it: no text page is left part-empty', () => {
    for (const index of pictured()) {
      const before = index - 1;
      if (pages[before]!.images.length > 0 || columnsOf(before).length === 0) continue;
      // The page before a picture's page is full of text, unless it opens the chapter (the heading's lines).
      if (columnsOf(before).some((column) => column.glyphs.length > 10))
        expect(columnsOf(before).length, `page ${before + 1}`).toBeGreaterThanOrEqual(LINES - 1);
    }
    // Pages with a picture in the flow are full too: text lines and the picture's lines fill the page.
    const flow = pictured().filter((index) => columnsOf(index).length > 0);
    expect(flow.length).toBe(2);
    for (const index of flow) {
      const [image] = imagesOf(pages[index]!);
      const across = Math.ceil((image!.xMax - image!.xMin + 2 * FONT) / PITCH - 1e-6);
      expect(columnsOf(index).length + across, `page ${index + 1}`).toBeGreaterThanOrEqual(LINES);
    }
  });

  it('keeps the lines beside a picture on the grid of a page of text', () => {
    for (const index of pictured().filter((i) => columnsOf(i).length > 0)) {
      const grid = block(index % 2).columns;
      for (const column of columnsOf(index)) {
        const nearest = Math.min(...grid.map((x) => Math.abs(x - column.x)));
        expect(nearest, `page ${index + 1}, line at x=${column.x.toFixed(1)}`).toBeLessThan(0.75);
      }
    }
  });

  it('keeps every picture inside the 版面, the :::bleed one over the bleed box, and off every glyph', () => {
    let bleeds = 0;
    for (const index of pictured()) {
      const page = pages[index]!;
      const [image] = imagesOf(page);
      const bleed = page.bleed!;
      const covers = image!.xMin <= bleed[0] + 0.5 && image!.xMax >= bleed[2] - 0.5;
      if (covers) {
        bleeds++;
        expect(image!.yMin).toBeLessThanOrEqual(page.media[3] - bleed[3] + 0.5);
        expect(image!.yMax).toBeGreaterThanOrEqual(page.media[3] - bleed[1] - 0.5);
      } else {
        const area = block(index % 2);
        expect(image!.xMin, `page ${index + 1}`).toBeGreaterThanOrEqual(area.xMin);
        expect(image!.xMax, `page ${index + 1}`).toBeLessThanOrEqual(area.xMax);
        expect(image!.yMin, `page ${index + 1}`).toBeGreaterThanOrEqual(area.yMin);
        expect(image!.yMax, `page ${index + 1}`).toBeLessThanOrEqual(area.yMax);
      }
      for (const glyph of words[index]!.words) {
        const overlaps =
          glyph.xMin < image!.xMax && glyph.xMax > image!.xMin && glyph.yMin < image!.yMax && glyph.yMax > image!.yMin;
        if (!covers) expect(overlaps, `${glyph.text} on page ${index + 1}`).toBe(false);
      }
    }
    expect(bleeds).toBe(1);
  });

  it('sets full-page pictures as large as the 版面 allows, with no folio or running head', () => {
    const whole = pictured().filter((index) => columnsOf(index).length === 0);
    expect(whole.length).toBe(3);
    for (const index of whole) {
      const [image] = imagesOf(pages[index]!);
      const area = block(index % 2);
      const fills =
        image!.xMax - image!.xMin >= area.xMax - area.xMin - 2 ||
        image!.yMax - image!.yMin >= (area.yMax - area.yMin) * 0.8;
      expect(fills, `page ${index + 1}`).toBe(true);
      // Only a caption's glyphs (small, under the picture), no folio or running head outside the 版面.
      for (const glyph of words[index]!.words)
        expect(glyph.yMin, `${glyph.text} on page ${index + 1}`).toBeGreaterThan(image!.yMax - 1);
    }
  });

  it('sets captions across under their pictures, smaller than the text', () => {
    for (const [caption, count] of [
      ['縦長の絵の説明', 1],
      ['小さな絵の説明', 1],
      ['全面の絵の説明', 1],
    ] as const) {
      const index = words.findIndex((page) =>
        page.words
          .map((word) => word.text)
          .join('')
          .includes(caption),
      );
      expect(index, caption).toBeGreaterThanOrEqual(0);
      const glyphs = words[index]!.words.filter((word) => caption.includes(word.text));
      const [image] = imagesOf(pages[index]!);
      expect(imagesOf(pages[index]!).length).toBe(count);
      // Across: one baseline; under the picture; smaller than the body type.
      expect(Math.max(...glyphs.map((g) => g.yMin)) - Math.min(...glyphs.map((g) => g.yMin))).toBeLessThan(1);
      expect(Math.min(...glyphs.map((g) => g.yMin))).toBeGreaterThan(image!.yMax);
      expect(Math.max(...glyphs.map((g) => g.yMax - g.yMin))).toBeLessThan(FONT * 1.2);
    }
  });
});

describe('口絵 (frontispiece)', () => {
  it('come out as a colour PDF of their own, each plate over the bleed box, while the interior stays one colour', () => {
    expect(plates).toHaveLength(1);
    const [plate] = plates;
    expect(plate!.colorSpaces.has('DeviceGray')).toBe(false);
    expect([...plate!.colorSpaces].some((space) => /RGB/.test(space))).toBe(true);
    expect(plate!.images).toHaveLength(1);
    const [x1, y1, x2, y2] = plate!.images[0]!.box;
    const bleed = plate!.bleed!;
    expect(x1).toBeLessThanOrEqual(bleed[0] + 0.5);
    expect(y1).toBeLessThanOrEqual(bleed[1] + 0.5);
    expect(x2).toBeGreaterThanOrEqual(bleed[2] - 0.5);
    expect(y2).toBeGreaterThanOrEqual(bleed[3] - 0.5);
    // The same trim as the interior's pages.
    const [t1, , t2] = plate!.trim!;
    const [i1, , i2] = pages[0]!.trim!;
    expect(t2 - t1).toBeCloseTo(i2 - i1, 1);
    // The interior: one colour on every page.
    for (const page of pages) expect([...page.colorSpaces].filter((space) => space !== 'DeviceGray')).toEqual([]);
  });

  it('are named in the summary, and made again with the interior when their file is gone', async () => {
    expect(rebuild.stdout).toContain(`口絵: 1 colour plate(s) in ${rebuild.platesPath}`);
    // Nothing changed: found up to date without parsing the book (no progress past reading it).
    const unchanged = await shared.run('build-pdf', rebuild.args);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stdout).toContain('is up to date');
    expect(unchanged.stderr).toContain('reading ');
    expect(unchanged.stderr).not.toContain('parsing chapters');
    await rm(rebuild.platesPath);
    const again = await shared.run('build-pdf', rebuild.args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('is up to date');
    expect(existsSync(rebuild.platesPath)).toBe(true);
  });

  it('stops the build at the line of book.yaml of a plate that is missing or not an image', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 口絵\nfrontispiece:\n  - images/none.jpg\n  - notes.png\n',
      '01.md': '本文。\n',
      'notes.png': 'これは画像ではない',
    });
    const result = await shared.run('build-pdf', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/book\.yaml:3:\d+: error: image not found: images\/none\.jpg/);
    expect(result.stderr).toMatch(/book\.yaml:4:\d+: error: "notes\.png" is not an image/);
  });
});
