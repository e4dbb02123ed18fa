/**
 * Type on the grid, measured with a typesetter's ruler from the PDF's glyph boxes: a real novel
 * (the 明暗 excerpt, ruby on most pages) with a chapter of block quotes, a scene break, a list
 * and section headings, built as a 文庫 at 9 pt, a 四六判 at 9.5 pt (a size that is not a whole CSS
 * pixel) and a horizontal A5 book at 13 Q. Full lines hold the promised characters and advance by
 * the type size; 。「 、「 」「 take 1.5 em; every body line sits on the grid of line pitches, ruby or
 * not; headings break between phrases.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../scripts/book.ts';
import { resolveGeometry, type PageGeometry } from '../../scripts/layout/geometry.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import {
  blockFrame,
  fullLines,
  gridLines,
  lineGaps,
  median,
  linesPerPage,
  offGrid,
  pairSpans,
  type GridLine,
} from '../helpers/grid.ts';
import { pageWords, pdfFonts, pdfStructure, type FontRow, type PlacedText } from '../helpers/pdf.ts';

/** A heading as long as a line, whose words a break must not cut (from 銀河鉄道の夜's chapter titles). */
const HEADING = '銀河ステーションから北十字とプリオシン海岸を経て鳥を捕る人に会うまでの長い道のり';
const WORDS = ['銀河ステーション', '北十字', 'プリオシン海岸', '鳥を捕る人', '道のり'];

const chapter = `
# 組版の試験

　約物の連続は「ああ。」「いい、」「うう」（注）（注）と並ぶ。「ああ」「いい」と言う。そして。「えっ」と言い、「おお」と応えた。

　あいう｜漢《かんじょう》えおかきくけこ。

## ${HEADING}

　見出しの後の行も行送りの格子の上にある。

> 　引用の一段落目は字下げして組まれる。引用の一段落目は字下げして組まれる。
>
> 　引用の二段落目。

　引用の後の行も格子の上にある。

***

　場面転換の後の行も格子の上にある。

- 箇条書きの一つ目
- 箇条書きの二つ目

　箇条書きの後の行も格子の上にある。

### 小見出しも二行取りで組まれる

　小見出しの後の行。

# 終わりの一行

${Array.from({ length: 14 }, () => `　${'あ'.repeat(75)}`).join('\n\n')}

　おわり。
`;

const books = {
  bunko: '',
  shiroku: 'print:\n  format: shiroku\n',
  horizontal: 'writingMode: horizontal\nprint:\n  format: a5\n  fontSize: 9.21\n',
} as const;
type Name = keyof typeof books;

interface Built {
  geometry: PageGeometry;
  lines: GridLine[];
  /** The words of the chapters' pages. */
  words: { page: number; word: PlacedText }[];
  fonts: FontRow[];
  /** How many lines the last page of each chapter holds. */
  chapterEnds: number[];
}

const shared = shareBrowser();
const built = {} as Record<Name, Built>;

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'grid-'));
  const novel = await readFile(new URL('../fixtures/meian/meian.md', import.meta.url), 'utf8');
  for (const [name, settings] of Object.entries(books) as [Name, string][]) {
    const file = join(root, `${name}.md`);
    await writeFile(file, novel.replace(/^filename: .*$/m, `filename: ${name}\n${settings.trimEnd()}`) + chapter);
    const result = await shared.run('build-pdf', ['--manuscript', file, '--out-dir', join(root, 'out')]);
    expect(result.code, result.stderr).toBe(0);
    const book = await loadBook(file);
    const geometry = resolveGeometry(book.config, 'screen', book.manuscript.locate);
    const pdf = join(root, 'out', `${name}.pdf`);
    const pages = await pageWords(pdf);
    const { outline } = await pdfStructure(pdf);
    const range = { from: outline[0]!.page - 1, to: pages.length - 1 };
    const words = pages
      .slice(range.from, range.to)
      .flatMap((page, index) => page.words.map((word) => ({ page: range.from + index, word })));
    const lines = gridLines(pages, geometry, range);
    const counts = linesPerPage(lines, range);
    const starts = outline.map((entry) => entry.page - 1 - range.from);
    const chapterEnds = starts.map((start, index) => {
      const pagesOf = counts.slice(start, starts[index + 1] ?? counts.length).filter((count) => count > 0);
      return pagesOf.at(-1) ?? 0;
    });
    built[name] = { geometry, lines, words, fonts: await pdfFonts(pdf), chapterEnds };
  }
}, 600_000);

/** Lines of body type (headings are larger). */
const bodyLines = ({ lines, geometry }: Built) => {
  const size = median(lines.map((line) => line.size));
  expect(size).toBeGreaterThan(geometry.fontSize * 0.8);
  return lines.filter((line) => line.size < size * 1.03);
};

describe.each(Object.keys(books) as Name[])('%s', (name) => {
  it('fills every full line with the promised characters, each advancing by the type size', () => {
    const { geometry, lines } = built[name];
    const full = fullLines(lines, geometry);
    expect(full.length).toBeGreaterThan(80);
    const counts = full.map((entry) => entry.characters);
    // Lines justified wider for 禁則 (追い出し) or a long reading hold fewer; none holds more, and
    // most hold exactly the setting. (In 横書き a word's box takes in a hung mark.)
    const exact = counts.filter((count) => count === geometry.charsPerLine).length;
    expect(exact / counts.length).toBeGreaterThan(0.75);
    expect(Math.max(...counts)).toBeLessThanOrEqual(geometry.charsPerLine + (geometry.vertical ? 0 : 1));
    const advances = full.flatMap((entry) => (entry.advance === undefined ? [] : [entry.advance]));
    expect(advances.length).toBeGreaterThan(10);
    expect(median(advances)).toBeCloseTo(geometry.fontSize, 2);
  });

  it('keeps every body line on the grid of line pitches, whether or not it carries ruby', () => {
    const { geometry } = built[name];
    const body = bodyLines(built[name]);
    const offsets = offGrid(body, geometry.pitchPt);
    // In 横書き poppler boxes a line's words by the ascent and descent of the fonts they use, which
    // moves a box's centre by up to half a point from line to line of one paragraph.
    const tolerance = geometry.vertical ? 0.03 : 0.06;
    // Poppler centres a glyph's box a fixed amount off the em box's centre: measure from it.
    const centre = median(offsets);
    const off = body.filter((_, index) => Math.abs(offsets[index]! - centre) > tolerance);
    expect(off.map((line) => `p.${line.page + 1} ${(line.across / geometry.pitchPt).toFixed(2)} ${line.text}`)).toEqual(
      [],
    );
    // Block quotes, the scene break and the list take whole pitches: between two body lines of
    // a page there is never a fraction of a line.
    const gaps = lineGaps(body, geometry.pitchPt).filter(({ gap }) => Math.abs(gap - Math.round(gap)) > tolerance);
    expect(gaps).toEqual([]);
  });

  it('prints the readings of a page on that page: none past its last line', () => {
    // Chromium paints ink that crosses the top of a page area on the page before, where the
    // readings of a page's first line (which reach into the margin) turned up past the last line.
    const { geometry, words } = built[name];
    const stray = words.filter(({ page, word }) => {
      const frame = blockFrame(geometry, page);
      const across = geometry.vertical ? (word.xMin + word.xMax) / 2 : (word.yMin + word.yMax) / 2;
      const place = (across - frame.firstLine) * frame.direction;
      return (
        place > geometry.pitchPt * (geometry.linesPerPage - 0.5) && place < geometry.pitchPt * geometry.linesPerPage
      );
    });
    expect(stray.map(({ page, word }) => `p.${page + 1} ${word.text}`)).toEqual([]);
  });

  it('ends no chapter on a page of one line', () => {
    const { chapterEnds } = built[name];
    expect(chapterEnds.length).toBeGreaterThan(8);
    expect(chapterEnds.filter((count) => count < 2)).toEqual([]);
  });

  it('names the embedded faces by their weights (no ExtraLight or Thin for the regular and bold)', () => {
    const names = new Set(built[name].fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')));
    expect(names).toContain('NotoSerifJP-Regular');
    expect(names).toContain('NotoSansJP-Bold');
    expect([...names].filter((font) => /(Thin|ExtraLight|Light|Medium|Black)-/.test(font))).toEqual([]);
  });

  it('breaks a long heading between phrases', () => {
    const heading = built[name].lines.filter((line) => line.text && HEADING.includes(line.text));
    expect(heading.map((line) => line.text).join('')).toBe(HEADING);
    expect(heading.length).toBeGreaterThan(1);
    let offset = 0;
    for (const line of heading.slice(0, -1)) {
      offset += line.text.length;
      for (const word of WORDS) {
        const start = HEADING.indexOf(word);
        expect(offset > start && offset < start + word.length, `${line.text}|…: inside ${word}`).toBe(false);
      }
    }
  });
});

describe.each(['bunko', 'shiroku'] as const)('約物 and ruby in %s', (name) => {
  it('lets a reading longer than its one-character base overhang the kana beside it', () => {
    const { geometry, lines } = built[name];
    const line = lines.find((candidate) => candidate.text.includes('あいう漢えお'))!;
    const at = (text: string) => line.glyphs.find((glyph) => glyph.text === text)!.start;
    // う, 漢, え one em each: the reading かんじょう (2 em) reaches half an em over う and え, where
    // the base alone in the middle of the reading's length put 3 em from う to え.
    expect((at('え') - at('う')) / geometry.fontSize).toBeCloseTo(2, 0);
  });

  it('sets 。「 、「 」「 ）（ in 1.5 em', () => {
    const { geometry, lines } = built[name];
    for (const pair of ['。「', '、「', '」「', '）（']) {
      const spans = pairSpans(lines, pair, geometry.fontSize);
      expect(spans.length, pair).toBeGreaterThan(0);
      // Poppler places vertical glyphs a few tenths of a point off their advances: 1.5 em within
      // 0.2, against the 2 em of a pair set whole.
      for (const span of spans) expect(Math.abs(span - 1.5), `${pair} ${span}`).toBeLessThan(0.2);
    }
  });
});
