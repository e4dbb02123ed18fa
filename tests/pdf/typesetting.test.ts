/**
 * Details of the type a Japanese editor checks, on one crafted vertical book, read back from the
 * PDF's glyph positions and from the EPUB in Chromium: 和欧間 spacing, 分離禁止 at the end of a
 * line, code blocks set horizontally within the page, and ‼ ⁇ ⁈ ⁉ upright.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontStylesheet } from '../../scripts/fonts/fontsource.ts';
import { loadManuscript } from '../../scripts/manuscript/load.ts';
import { resolveGeometry, type PageGeometry } from '../../scripts/layout/geometry.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { openEpub } from '../helpers/epub.ts';
import { bookLines, splitPairs, type BookLine } from '../helpers/lines.ts';
import { pageWords, pdfStructure, type PlacedText } from '../helpers/pdf.ts';

const PT = 72 / 25.4;
const a = 'あ'.repeat(36);
const code = [
  'const veryLongIdentifierName = someFunction(argumentNumberOne, argumentNumberTwo, argumentNumberThree, "a long string literal that keeps going");',
  ...Array.from({ length: 40 }, (_, index) => `line ${index + 1}: total = total + ${index + 1};`),
];
const manuscript = `---
title: 組版の確認
---

# 組版

日本語Latin日本語

日本語、Word。日本語

日本語「Word」日本語

日本語と12月と日本語

${a}──${'い'.repeat(10)}

${a}――${'い'.repeat(10)}

${a}……${'い'.repeat(10)}

本当‼で⁉と⁈と⁇です。

\`\`\`js
${code.join('\n')}
\`\`\`

コードの後の段落。
`;

const shared = shareBrowser();
let root: string;
let geometry: PageGeometry;
let pages: { width: number; height: number; words: PlacedText[] }[];
let lines: BookLine[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'typesetting-'));
  const book = join(root, 'book.md');
  await writeFile(book, manuscript);
  const pdf = await shared.run('build-pdf', ['--manuscript', book, '--out-dir', join(root, 'out')]);
  expect(pdf.code, pdf.stderr).toBe(0);
  const epub = await shared.run('build-epub', ['--manuscript', book, '--out-dir', join(root, 'out')]);
  expect(epub.code, epub.stderr).toBe(0);
  const loaded = await loadManuscript(book);
  geometry = resolveGeometry(loaded.config, 'screen', loaded.locate);
  pages = await pageWords(join(root, 'out/book.pdf'));
  const { outline } = await pdfStructure(join(root, 'out/book.pdf'));
  lines = bookLines(pages, geometry, { from: outline[0]!.page - 1, to: pages.length - 1 });
}, 600_000);

/** The body line holding `text`. */
const lineWith = (text: string) => {
  const line = lines.find((candidate) => candidate.text.includes(text));
  expect(line, text).toBeDefined();
  return line!;
};

describe('和欧間', () => {
  // Distance from the top of one glyph to the top of the next glyph of the same kind cancels
  // out how poppler draws a glyph's box; what is left is advances and spacing.
  const gap = (line: BookLine, first: number, last: number, advances: number) =>
    line.glyphs[last]!.yMin - line.glyphs[first]!.yMin - advances;

  it('puts 1/8 em between Japanese and a Latin word set sideways', () => {
    const line = lineWith('日本語Latin日本語');
    const latin = line.glyphs[3]!;
    expect(latin.text).toBe('Latin');
    // 語 (1 em) + space + Latin + space, from 語 to the next 日.
    const space = gap(line, 2, 4, geometry.fontSize + (latin.yMax - latin.yMin)) / 2;
    expect(space).toBeCloseTo(geometry.fontSize / 8, 0);
    expect(space).toBeGreaterThan(geometry.fontSize / 16);
  });

  it('puts none next to punctuation or 縦中横', () => {
    const punctuated = lineWith('、Word。');
    const word = punctuated.glyphs.find((glyph) => glyph.text === 'Word')!;
    // 語、Word。日: 語, 、, the word and 。 are all there is between 語 and 日.
    const index = punctuated.glyphs.indexOf(word);
    expect(gap(punctuated, index - 2, index + 2, 3 * geometry.fontSize + (word.yMax - word.yMin))).toBeCloseTo(0, 0);
    const bracketed = lineWith('「Word」');
    const inside = bracketed.glyphs.findIndex((glyph) => glyph.text === 'Word');
    const quoted = bracketed.glyphs[inside]!;
    expect(gap(bracketed, inside - 2, inside + 2, 3 * geometry.fontSize + (quoted.yMax - quoted.yMin))).toBeCloseTo(
      0,
      0,
    );
    const tcy = lineWith('と12月と');
    const twelve = tcy.glyphs.findIndex((glyph) => glyph.text === '12');
    // From と to the next と (glyphs of one kind, as the gap needs): と, 12 and 月 at 1 em each.
    expect(tcy.glyphs[twelve + 2]!.text).toBe('と');
    expect(gap(tcy, twelve - 1, twelve + 2, 3 * geometry.fontSize)).toBeCloseTo(0, 0);
  });
});

describe('分離禁止', () => {
  it('moves a doubled dash or leader that would straddle the end of a line to the next line whole', () => {
    for (const pair of ['──', '――', '……']) {
      const line = lineWith(`${pair}い`);
      // The pair starts the next line (…… takes the character before it along: nothing may
      // break before a leader).
      expect(line.text, pair).toMatch(new RegExp(`^あ?${pair}い`));
    }
    expect(splitPairs(lines)).toEqual([]);
  });
});

describe('upright marks', () => {
  it('sets ‼ ⁉ ⁈ ⁇ upright in a vertical line', () => {
    const line = lineWith('本当');
    const kanji = line.glyphs.find((glyph) => glyph.text === '本')!;
    for (const mark of ['‼', '⁉', '⁈', '⁇']) {
      const glyph = line.glyphs.find((candidate) => candidate.text === mark);
      expect(glyph, mark).toBeDefined();
      expect(glyph!.xMax - glyph!.xMin, mark).toBeLessThanOrEqual(kanji.xMax - kanji.xMin + 0.5);
    }
  });
});

describe('code blocks in a vertical book', () => {
  // Code is Latin text inside the 版面 (and the one character past its foot that ぶら下げ uses):
  // folios and running heads are outside it.
  const codeWords = () =>
    pages.flatMap((page, index) =>
      page.words
        .filter(
          (word) =>
            /^[\x21-\x7e]+$/.test(word.text) &&
            !['Latin', 'Word', '12'].includes(word.text) &&
            word.yMin > geometry.margin.top * PT - 2 &&
            word.yMax < (geometry.trim.height - geometry.margin.bottom) * PT + geometry.fontSize,
        )
        .map((word) => ({ ...word, page: index })),
    );

  it('sets code across the page, wraps its long line, and cuts a block taller than the 版面 into pieces that fit', () => {
    const words = codeWords();
    const text = words.map((word) => word.text).join(' ');
    for (const line of code) for (const token of line.split(' ')) expect(text).toContain(token.replace(/,$/, ''));
    for (const word of words) {
      const page = pages[word.page]!;
      // Horizontal (a word is wider than tall), and across the page no further than the 版面.
      if (word.text.length > 3) expect(word.xMax - word.xMin, word.text).toBeGreaterThan(word.yMax - word.yMin);
      const margin = Math.min(geometry.margin.fore, geometry.margin.gutter) * PT;
      expect(word.xMin, word.text).toBeGreaterThan(margin - 2);
      expect(word.xMax, word.text).toBeLessThan(page.width - margin + 2);
    }
    // 41 lines do not fit one page's height: the block continues on a second piece.
    expect(
      new Set(
        words.filter((word) => word.text.startsWith('line')).map((word) => `${word.page}:${Math.round(word.xMin)}`),
      ).size,
    ).toBeGreaterThan(1);
  });

  it('fits the page of a reading system (the EPUB in Chromium, 800 × 600): horizontal, wrapped, no overflow', async () => {
    const epub = await openEpub(join(root, 'out/book.epub'));
    const dir = join(root, 'epub');
    for (const file of epub.files) {
      const path = join(dir, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, await epub.read(file));
    }
    const [chapter] = (await epub.spine()).map(([file]) => file).filter((file) => /p-001\.xhtml$/.test(file));
    const page = await (await shared.browser()).newPage();
    try {
      await page.setViewport({ width: 800, height: 600 });
      await page.goto(pathToFileURL(join(dir, chapter!)).href, { waitUntil: 'load' });
      // The fonts a reader would supply.
      await page.addStyleTag({ url: pathToFileURL(fontStylesheet('serif', 400)).href });
      const pre = await page.evaluate(() => {
        const element = document.querySelector('pre')!;
        const rect = element.getBoundingClientRect();
        return {
          writingMode: getComputedStyle(element).writingMode,
          width: rect.width,
          height: rect.height,
          scrollWidth: element.scrollWidth,
          clientWidth: element.clientWidth,
        };
      });
      expect(pre.writingMode).toBe('horizontal-tb');
      expect(pre.width).toBeLessThanOrEqual(800);
      expect(pre.height).toBeLessThanOrEqual(600);
      // Long lines wrap: nothing runs past the block's right edge.
      expect(pre.scrollWidth).toBeLessThanOrEqual(pre.clientWidth + 1);
    } finally {
      await page.close();
    }
  });
});
