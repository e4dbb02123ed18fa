/**
 * A long generated book (dialogue and narration with ruby, 縦中横, 傍点, ―― and ……) built twice,
 * with ぶら下げ and without, and read back from the PDFs' glyph positions: marks hang where a line
 * was pushed, 禁則 holds, no doubled dash or leader is split, no line changed its break except
 * where a mark now hangs (and the rest of that paragraph, which flows on from it), and the 目次
 * sets every page number the same way.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBook } from '../../scripts/bench/generate-book.ts';
import { loadBook } from '../../scripts/book.ts';
import { resolveGeometry, type PageGeometry } from '../../scripts/layout/geometry.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { bookLines, breaksOf, HANGING_MARKS, lineViolations, splitPairs, type BookLine } from '../helpers/lines.ts';
import { pageWords, pdfStructure, type PlacedText } from '../helpers/pdf.ts';

interface Built {
  lines: BookLine[];
  pages: { words: PlacedText[] }[];
  stderr: string;
}

const shared = shareBrowser();
let geometry: PageGeometry;
let blocks: string[];
const built: Record<'on' | 'off', Built> = {} as Record<'on' | 'off', Built>;

async function build(manuscript: string, out: string): Promise<Built> {
  const result = await shared.run('build-pdf', ['--manuscript', manuscript, '--out-dir', out, '--force']);
  expect(result.code, result.stderr).toBe(0);
  const path = join(out, `${manuscript.split('/').at(-1)}.pdf`);
  const pages = await pageWords(path);
  const { outline } = await pdfStructure(path);
  // The chapters: from the first chapter's page to the 奥付, the last page.
  const lines = bookLines(pages, geometry, { from: outline[0]!.page - 1, to: pages.length - 1 });
  return { lines, pages, stderr: result.stderr };
}

/** The text of every paragraph and heading, as a reader sees it (no readings), without white space. */
function blockTexts(trees: readonly Root[]): string[] {
  const texts: string[] = [];
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (/^(p|h[1-6])$/.test(child.tagName)) {
        const copy = structuredClone(child);
        const strip = (element: Element) => {
          element.children = element.children.filter(
            (inner) => inner.type !== 'element' || (inner.tagName !== 'rt' && inner.tagName !== 'rp'),
          );
          for (const inner of element.children) if (inner.type === 'element') strip(inner);
        };
        strip(copy);
        texts.push(toString(copy).replace(/\s/g, ''));
      } else visit(child);
    }
  };
  for (const tree of trees) visit(tree);
  return texts;
}

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'long-book-'));
  const on = join(root, 'hanging');
  const off = join(root, 'no-hanging');
  await generateBook(on, { chapters: 6, characters: 60_000, seed: 16 });
  await cp(on, off, { recursive: true });
  await writeFile(join(off, 'book.yaml'), `${await readFile(join(on, 'book.yaml'), 'utf8')}print:\n  hanging: false\n`);
  const book = await loadBook(on);
  geometry = resolveGeometry(book.config, 'screen', book.manuscript.locate);
  blocks = blockTexts(book.chapters.map((chapter) => chapter.tree));
  built.on = await build(on, join(root, 'out'));
  built.off = await build(off, join(root, 'out'));
}, 900_000);

describe('a long book in print', () => {
  it('sets every character of the text in the lines, with and without ぶら下げ', () => {
    const text = blocks.join('');
    expect(text.length).toBeGreaterThan(55_000);
    expect(breaksOf(built.on.lines).text).toBe(text);
    expect(breaksOf(built.off.lines).text).toBe(text);
  });

  it('hangs marks past the foot of the line where Chromium would push a character down, and says how many', () => {
    const hung = built.on.lines.filter((line) => line.hung);
    expect(hung.length).toBeGreaterThan(20);
    expect(built.off.lines.filter((line) => line.hung)).toEqual([]);
    // A hanging mark is one character past the foot of the 版面, never further.
    const foot = (geometry.trim.height - geometry.margin.bottom) * (72 / 25.4);
    for (const line of hung) {
      const mark = line.glyphs.at(-1)!;
      expect(mark.yMin).toBeGreaterThan(foot - geometry.fontSize);
      expect(mark.yMax).toBeLessThan(foot + geometry.fontSize * 1.6);
      // The page is printed at its size: Chromium did not shrink it to fit the hanging mark.
      for (const glyph of line.glyphs.filter((word) => /^[\p{Script=Hiragana}\p{Script=Han}]$/u.test(word.text)))
        expect(glyph.xMax - glyph.xMin).toBeCloseTo(geometry.fontSize, 1);
    }
    expect(built.on.stderr).toMatch(new RegExp(`ぶら下げ: ${hung.length} of \\d+ pushed line`));
  });

  it('keeps 禁則 on every line, hanging or not', () => {
    expect(lineViolations(built.on.lines)).toEqual([]);
    expect(lineViolations(built.off.lines)).toEqual([]);
  });

  it('never splits ―― or …… between two lines', () => {
    const text = blocks.join('');
    expect(text.match(/――/g)?.length).toBeGreaterThan(20);
    expect(text.match(/……/g)?.length).toBeGreaterThan(20);
    expect(splitPairs(built.on.lines)).toEqual([]);
    expect(splitPairs(built.off.lines)).toEqual([]);
  });

  it('changes no line break but where a mark now hangs, and the rest of that paragraph', () => {
    const on = breaksOf(built.on.lines);
    const off = breaksOf(built.off.lines);
    let start = 0;
    let paragraphsWithHanging = 0;
    for (const block of blocks) {
      const end = start + block.length;
      const inside = (breaks: number[]) => breaks.filter((at) => at > start && at <= end);
      const breaksOn = inside(on.breaks);
      const breaksOff = inside(off.breaks);
      const firstHung = breaksOn.find((at) => on.hung.has(at));
      if (firstHung === undefined) {
        expect(breaksOn, block).toEqual(breaksOff);
      } else {
        paragraphsWithHanging++;
        // Up to the hung line, the lines are the same; without ぶら下げ, that line ended one to
        // five characters earlier (the characters pushed down with the mark).
        const before = (breaks: number[]) => breaks.filter((at) => at < firstHung - 5);
        expect(before(breaksOn), block).toEqual(before(breaksOff));
        const pushed = breaksOff.find((at) => at >= firstHung - 5 && at <= firstHung - 2);
        expect(pushed, block).toBeDefined();
        expect(HANGING_MARKS.has(on.text[firstHung - 1]!)).toBe(true);
      }
      start = end;
    }
    expect(paragraphsWithHanging).toBeGreaterThan(20);
  });

  it('sets every 目次 page number upright, one em wide, three-digit ones too', () => {
    const toc = built.on.pages[2]!.words.filter((word) => /^\d+$/.test(word.text));
    expect(toc.some((word) => word.text.length === 3)).toBe(true);
    for (const number of toc) expect(number.xMax - number.xMin, number.text).toBeLessThan(geometry.fontSize * 1.1);
  });
});
