/**
 * The lines of a vertical book read back from its PDF: every column of body text, page by page,
 * right to left, with the glyphs that hang past the foot of the text block (ぶら下げ). Ruby and
 * 傍点 marks are left out (they are beside a line, not in it), so that a book's lines join up to
 * its text.
 */
import type { PageGeometry } from '../../scripts/layout/geometry.ts';
import { NO_LINE_END, NO_LINE_START, type PlacedText } from './pdf.ts';

const PT_PER_MM = 72 / 25.4;

/** One vertical line of body text. */
export interface BookLine {
  /** 0-based page index. */
  page: number;
  text: string;
  glyphs: PlacedText[];
  /** The line's last glyph is a mark set past the end of the line (ぶら下げ). */
  hung: boolean;
}

/** Marks that may hang. */
export const HANGING_MARKS = new Set([...'、。，．']);

/**
 * The body lines of `pages` (from pageWords) of a vertical book with `geometry`: the glyphs inside
 * the text block, and up to one character beyond its foot, grouped into columns.
 */
export function bookLines(
  pages: readonly { words: readonly PlacedText[] }[],
  geometry: PageGeometry,
  range: { from: number; to: number },
): BookLine[] {
  const em = geometry.fontSize;
  const top = geometry.margin.top * PT_PER_MM - 2;
  const foot = (geometry.trim.height - geometry.margin.bottom) * PT_PER_MM;
  const lines: BookLine[] = [];
  for (let page = range.from; page < range.to; page++) {
    const columns: { x: number; glyphs: PlacedText[] }[] = [];
    for (const word of pages[page]!.words) {
      const width = word.xMax - word.xMin;
      const height = word.yMax - word.yMin;
      // Ruby and 傍点: half-size glyphs beside the line (one reading can be several glyphs long).
      if (width < 0.7 * em && height < 0.9 * em * [...word.text].length) continue;
      const y = (word.yMin + word.yMax) / 2;
      if (y < top || y > foot + em) continue;
      const x = (word.xMin + word.xMax) / 2;
      let column = columns.find((candidate) => Math.abs(candidate.x - x) < geometry.pitchPt / 3);
      if (!column) columns.push((column = { x, glyphs: [] }));
      column.glyphs.push(word);
    }
    for (const column of columns.sort((a, b) => b.x - a.x)) {
      const glyphs = column.glyphs.sort((a, b) => a.yMin - b.yMin);
      const last = glyphs.at(-1)!;
      lines.push({
        page,
        text: glyphs.map((glyph) => glyph.text).join(''),
        glyphs,
        hung: HANGING_MARKS.has(last.text) && (last.yMin + last.yMax) / 2 > foot,
      });
    }
  }
  return lines;
}

/** 禁則 violations in a sequence of lines: a forbidden first or last character. */
export function lineViolations(lines: readonly BookLine[]): string[] {
  return lines.flatMap((line) => {
    const chars = [...line.text];
    const problems: string[] = [];
    if (NO_LINE_START.has(chars[0]!))
      problems.push(`page ${line.page + 1}: line starts with ${chars[0]}: ${line.text}`);
    if (NO_LINE_END.has(chars.at(-1)!))
      problems.push(`page ${line.page + 1}: line ends with ${chars.at(-1)}: ${line.text}`);
    return problems;
  });
}

/** Dashes and leaders that go in pairs. */
const PAIRED = /[―—─━…‥⋯]/;

/** Places where a doubled dash or leader is split between one line and the next. */
export function splitPairs(lines: readonly BookLine[]): string[] {
  const problems: string[] = [];
  for (let index = 1; index < lines.length; index++) {
    const end = [...lines[index - 1]!.text].at(-1)!;
    const start = [...lines[index]!.text][0]!;
    if (PAIRED.test(end) && end === start)
      problems.push(`page ${lines[index]!.page + 1}: ${lines[index - 1]!.text} / ${lines[index]!.text}`);
  }
  return problems;
}

/** Where the lines break, as offsets into their joined text (white space, which is not drawn, left out). */
export function breaksOf(lines: readonly BookLine[]): { text: string; breaks: number[]; hung: Set<number> } {
  let text = '';
  const breaks: number[] = [];
  const hung = new Set<number>();
  for (const line of lines) {
    text += line.text.replace(/\s/g, '');
    breaks.push(text.length);
    if (line.hung) hung.add(text.length);
  }
  return { text, breaks, hung };
}
