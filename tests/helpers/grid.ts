/**
 * A print book's body lines read back from its PDF, in either writing mode, and the measures a
 * typesetter takes of them with a ruler: characters per full line and 字送り, the span of adjacent
 * punctuation, each line's place on the grid of line pitches, and the lines each page holds.
 * Everything is measured from glyph boxes (`pdftotext -bbox`, see pdf.ts).
 */
import type { PageGeometry } from '../../scripts/layout/geometry.ts';
import type { PlacedText } from './pdf.ts';

const PT_PER_MM = 72 / 25.4;

/** A glyph on the line's two axes: `start`/`end` along the line, `across` its centre across the lines. */
interface LineGlyph {
  text: string;
  start: number;
  end: number;
  across: number;
  /** Its extent across the lines (the em of a body glyph in 縦書き; ascent + descent in 横書き). */
  size: number;
}

/** One line of body text on a page. */
export interface GridLine {
  /** 0-based page index. */
  page: number;
  text: string;
  glyphs: LineGlyph[];
  /** Where the line's centre is across the lines, in points from the centre of the 版面's first line. */
  across: number;
  /** The median size of its glyphs across the line (larger in a heading). */
  size: number;
}

/** The 版面 of a page in PDF points from the top-left: where lines start and end, and where the first line is. */
export interface BlockFrame {
  /** Along the lines: the head (first character's edge) and the foot. */
  head: number;
  foot: number;
  /** Across the lines: the centre of the 版面's first line, and the direction of the next (-1: right to left). */
  firstLine: number;
  direction: 1 | -1;
}

/** The 版面 of page `index` (0-based) as the geometry places it on a trimmed (screen) page. */
export function blockFrame(geometry: PageGeometry, index: number): BlockFrame {
  const recto = (index + 1) % 2 === 1;
  const pt = (mm: number) => mm * PT_PER_MM;
  if (geometry.vertical) {
    // A vertical book is bound on the right: a recto's gutter is on its right.
    const right = recto ? geometry.margin.gutter : geometry.margin.fore;
    return {
      head: pt(geometry.margin.top),
      foot: pt(geometry.trim.height - geometry.margin.bottom),
      firstLine: pt(geometry.trim.width - right) - geometry.fontSize / 2,
      direction: -1,
    };
  }
  const left = recto ? geometry.margin.gutter : geometry.margin.fore;
  return {
    head: pt(left),
    foot: pt(left) + pt(geometry.block.width),
    firstLine: pt(geometry.margin.top) + geometry.fontSize / 2,
    direction: 1,
  };
}

/** A word's box on the line's axes. */
function toLineGlyph(word: PlacedText, vertical: boolean): LineGlyph {
  return vertical
    ? {
        text: word.text,
        start: word.yMin,
        end: word.yMax,
        across: (word.xMin + word.xMax) / 2,
        size: word.xMax - word.xMin,
      }
    : {
        text: word.text,
        start: word.xMin,
        end: word.xMax,
        across: (word.yMin + word.yMax) / 2,
        size: word.yMax - word.yMin,
      };
}

/**
 * The body lines of pages [from, to): glyphs inside the 版面 and up to one character past its foot
 * (ぶら下げ), ruby and 傍点 left out (half-size glyphs beside a line), grouped into lines in
 * reading order. In 横書き poppler's boxes span ascent and descent: ruby is told by that height.
 */
export function gridLines(
  pages: readonly { words: readonly PlacedText[] }[],
  geometry: PageGeometry,
  range: { from: number; to: number },
): GridLine[] {
  const em = geometry.fontSize;
  const vertical = geometry.vertical;
  const lines: GridLine[] = [];
  for (let page = range.from; page < range.to; page++) {
    const frame = blockFrame(geometry, page);
    const groups: { across: number; glyphs: LineGlyph[] }[] = [];
    for (const word of pages[page]!.words) {
      const glyph = toLineGlyph(word, vertical);
      const body = vertical ? em * 0.7 : em * 1.0;
      if (glyph.size < body && glyph.end - glyph.start < 0.9 * em * [...glyph.text].length) continue;
      const middle = (glyph.start + glyph.end) / 2;
      if (middle < frame.head - 2 || middle > frame.foot + em) continue;
      // Lines before the first one or past the last of the 版面 are running heads or folios.
      const place = (glyph.across - frame.firstLine) * frame.direction;
      if (place < -geometry.pitchPt / 2 || place > geometry.pitchPt * (geometry.linesPerPage - 0.5)) continue;
      let group = groups.find((candidate) => Math.abs(candidate.across - glyph.across) < geometry.pitchPt / 3);
      if (!group) groups.push((group = { across: glyph.across, glyphs: [] }));
      group.glyphs.push(glyph);
    }
    groups.sort((a, b) => (a.across - b.across) * frame.direction);
    for (const group of groups) {
      const glyphs = group.glyphs.sort((a, b) => a.start - b.start);
      const across = median(glyphs.map((glyph) => glyph.across));
      lines.push({
        page,
        text: glyphs.map((glyph) => glyph.text).join(''),
        glyphs,
        across: (across - frame.firstLine) * frame.direction,
        size: median(glyphs.map((glyph) => glyph.size)),
      });
    }
  }
  return lines;
}

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Kanji and kana: characters set on the full em, which no spacing rule touches. */
const ORDINARY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]$/u;

/** Marks that may hang past the foot. */
const HANGING = new Set([...'、。，．']);

/**
 * The full lines: lines that start at the head of the 版面 (no indent) and end at its foot, with
 * the number of characters each holds inside the 版面 (a hung mark not counted) and, for a line
 * of kanji and kana only, its 字送り: the line's length over its characters. (A single glyph's
 * box is no ruler: poppler places vertical glyphs by their own vertical origins, a few tenths of a
 * point apart, and in 横書き it reports words, not glyphs.)
 */
export function fullLines(
  lines: readonly GridLine[],
  geometry: PageGeometry,
): { line: GridLine; characters: number; advance?: number }[] {
  const em = geometry.fontSize;
  return lines.flatMap((line) => {
    const frame = blockFrame(geometry, line.page);
    const first = line.glyphs[0]!;
    const inside = line.glyphs.filter((glyph) => !(HANGING.has(glyph.text) && glyph.start > frame.foot - em * 0.3));
    const last = inside.at(-1);
    if (!last || Math.abs(first.start - frame.head) > em * 0.3 || last.end < frame.foot - em * 0.6) return [];
    const characters = inside.reduce((sum, glyph) => sum + [...glyph.text].length, 0);
    return [{ line, characters, advance: advanceOf(inside, geometry.vertical) }];
  });
}

/** Full-width punctuation set on the full em, except next to another mark or at the ends of a line. */
const FULL_WIDTH_MARKS = /^[、。「」『』（）]$/u;

/**
 * A line's 字送り: from its first glyph to its last kanji or kana, over the characters between,
 * for a line that starts with a kanji or kana and holds nothing but them and punctuation that
 * is not next to another mark (which JLReq sets on half an em). In 縦書き each glyph is a box of
 * its own; in 横書き poppler reports the line as one word, as long as its advances.
 */
function advanceOf(glyphs: readonly LineGlyph[], vertical: boolean): number | undefined {
  const chars = glyphs.flatMap((glyph) => [...glyph.text]);
  if (!ORDINARY.test(chars[0]!)) return undefined;
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index]!;
    if (ORDINARY.test(char)) continue;
    if (!FULL_WIDTH_MARKS.test(char)) return undefined;
    if (!ORDINARY.test(chars[index - 1] ?? '') || !ORDINARY.test(chars[index + 1] ?? '')) return undefined;
  }
  if (!vertical) {
    if (glyphs.length !== 1) return undefined;
    return (glyphs[0]!.end - glyphs[0]!.start) / chars.length;
  }
  const first = glyphs[0]!;
  const last = glyphs.findLastIndex((glyph) => ORDINARY.test(glyph.text));
  return last > 0 ? (glyphs[last]!.start - first.start) / last : undefined;
}

/**
 * Every adjacent pair of punctuation `pair` (such as 。「) inside a line between two kanji or kana,
 * with its span in ems: from the start of the character before it to the start of the one after,
 * less that character's em and the space justification added to the line's three gaps there (what
 * each step from a kanji or kana to the next exceeds the em by). Kanji and kana boxes are a steady
 * ruler; a mark's own box is not: a mark set half-width keeps a full-width box in poppler's report.
 */
export function pairSpans(lines: readonly GridLine[], pair: string, em: number): number[] {
  const [first, second] = [...pair];
  const spans: number[] = [];
  for (const { glyphs } of lines) {
    const steps = glyphs.flatMap((glyph, index) => {
      const next = glyphs[index + 1];
      return next && ORDINARY.test(glyph.text) && ORDINARY.test(next.text) ? [next.start - glyph.start - em] : [];
    });
    const spread = steps.length > 0 ? Math.max(0, median(steps)) : 0;
    for (let index = 1; index + 2 < glyphs.length; index++) {
      if (glyphs[index]!.text !== first || glyphs[index + 1]!.text !== second) continue;
      const [before, after] = [glyphs[index - 1]!, glyphs[index + 2]!];
      if (ORDINARY.test(before.text) && ORDINARY.test(after.text))
        spans.push((after.start - before.start - 3 * spread) / em - 1);
    }
  }
  return spans;
}

/** Each line's distance from the grid of whole line pitches counted from the 版面's first line, in pitches. */
export function offGrid(lines: readonly GridLine[], pitch: number): number[] {
  return lines.map((line) => {
    const slots = line.across / pitch;
    return slots - Math.round(slots);
  });
}

/** The gaps between consecutive lines of each page, in line pitches. */
export function lineGaps(lines: readonly GridLine[], pitch: number): { page: number; gap: number }[] {
  const gaps: { page: number; gap: number }[] = [];
  for (let index = 1; index < lines.length; index++) {
    const [a, b] = [lines[index - 1]!, lines[index]!];
    if (a.page === b.page) gaps.push({ page: b.page, gap: (b.across - a.across) / pitch });
  }
  return gaps;
}

/** How many body lines each page of the range holds. */
export function linesPerPage(lines: readonly GridLine[], range: { from: number; to: number }): number[] {
  const counts = Array.from({ length: range.to - range.from }, () => 0);
  for (const line of lines) counts[line.page - range.from]!++;
  return counts;
}
