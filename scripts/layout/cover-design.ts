/**
 * The default cover's design, drawn from the title and author when the author gives no cover
 * image: shapes and glyph outlines in the bundled Noto fonts, set vertically (or horizontally for
 * a 横書き book). The EPUB renders it to a PNG (epub/cover.ts); the printed cover draws the same
 * shapes as vectors at print size (cover/front.ts). Units are abstract: the design is 1600 wide
 * and as tall as the requested proportions make it.
 */
import type { PathCommand } from 'fontkit';
import { fontForCharacter, type DefaultFamily } from '../fonts/fontsource.ts';
import { NO_END, NO_START } from './kinsoku.ts';

/** The design's colours by role; each renderer picks the colour values (sRGB on screen, CMYK in print). */
export type CoverColour = 'paper' | 'accent' | 'ink' | 'inkSoft';

/** One glyph outline in font units, placed with its baseline origin at (x, baseline) and scaled (y grows downwards). */
export interface GlyphShape {
  commands: readonly PathCommand[];
  x: number;
  baseline: number;
  scale: number;
}

/** The default cover as shapes: a background, a frame, and groups of glyphs in one colour each. */
export interface CoverDesign {
  width: number;
  height: number;
  background: CoverColour;
  frame: { inset: number; strokeWidth: number; colour: CoverColour };
  groups: { colour: CoverColour; glyphs: GlyphShape[] }[];
}

/** What the generated cover shows. */
export interface CoverText {
  title: string;
  subtitle?: string;
  authors: string[];
  vertical: boolean;
}

/** The design's width in its own units. */
const WIDTH = 1600;
/** Kindle's recommended cover proportions (1:1.6). */
const EBOOK_COVER_RATIO = 1.6;
const MARGIN = 220;

const CLOSING = new Set([...'）〕］｝〉》」』】']);

/** Design the default cover for a page `ratio` times as tall as it is wide. */
export function designDefaultCover(text: CoverText, ratio = EBOOK_COVER_RATIO): CoverDesign {
  const height = Math.round(WIDTH * ratio);
  const groups: CoverDesign['groups'] = [];
  if (text.vertical) {
    const title = fitColumns(text.title, height - 2 * MARGIN, WIDTH * 0.62, [150, 60]);
    const x = drawColumns(groups, title, WIDTH - MARGIN - title.size, MARGIN, 'serif', 700, 'ink');
    if (text.subtitle) {
      const subtitle = fitColumns(text.subtitle, height - 2 * MARGIN - 200, WIDTH * 0.2, [80, 40]);
      drawColumns(groups, subtitle, x - subtitle.size * 0.4, MARGIN + 200, 'serif', 400, 'inkSoft');
    }
    if (text.authors.length > 0) {
      const author = fitColumns(text.authors.join('・'), height * 0.45, WIDTH * 0.2, [80, 40]);
      drawColumns(
        groups,
        author,
        MARGIN,
        height - MARGIN - author.perColumn * author.size,
        'sans',
        400,
        'ink',
        'bottom',
      );
    }
  } else {
    const title = fitColumns(text.title, WIDTH - 2 * MARGIN, height * 0.4, [140, 56]);
    const y = drawRows(groups, title, MARGIN + 300, 'serif', 700, 'ink');
    if (text.subtitle)
      drawRows(groups, fitColumns(text.subtitle, WIDTH - 2 * MARGIN, 400, [72, 36]), y + 60, 'serif', 400, 'inkSoft');
    if (text.authors.length > 0)
      drawRows(
        groups,
        fitColumns(text.authors.join('・'), WIDTH - 2 * MARGIN, 300, [72, 36]),
        height - MARGIN - 200,
        'sans',
        400,
        'ink',
      );
  }
  return { width: WIDTH, height, background: 'paper', frame: { inset: 80, strokeWidth: 6, colour: 'accent' }, groups };
}

interface Lines {
  lines: string[][];
  size: number;
  perColumn: number;
}

/** The largest type size at which `text` fits in `length` × `breadth`, broken into lines. */
function fitColumns(text: string, length: number, breadth: number, [largest, smallest]: [number, number]): Lines {
  const chars = [...text];
  for (let size = largest; size > smallest; size -= 4) {
    const perColumn = Math.floor(length / size);
    const lines = breakLines(chars, perColumn);
    if (lines.length * size * 1.35 <= breadth) return { lines, size, perColumn };
  }
  const perColumn = Math.floor(length / smallest);
  return { lines: breakLines(chars, perColumn), size: smallest, perColumn };
}

/** Break characters into lines of at most `max`, keeping 禁則 and preferring breaks after closing brackets. */
function breakLines(chars: string[], max: number): string[][] {
  const lines: string[][] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + max, chars.length);
    if (end < chars.length) {
      for (let i = end - 1; i > start + max / 2; i--) {
        if (CLOSING.has(chars[i]!)) {
          end = i + 1;
          break;
        }
      }
      while (end < chars.length && NO_START.has(chars[end]!) && end - start <= max) end++;
      while (end - 1 > start && NO_END.has(chars[end - 1]!)) end--;
    }
    lines.push(chars.slice(start, end));
    start = end;
  }
  return lines;
}

/** Outline of one character, placed with its em box's top-left corner at (x, y). */
function glyphShape(
  char: string,
  family: DefaultFamily,
  weight: number,
  x: number,
  y: number,
  size: number,
  vertical: boolean,
): GlyphShape | undefined {
  const font = fontForCharacter(family, weight, char);
  if (!font) return undefined;
  const run = font.layout(char, vertical ? ['vert'] : []);
  const glyph = run.glyphs[0];
  if (!glyph || glyph.path.commands.length === 0) return undefined;
  const scale = size / font.unitsPerEm;
  // CJK fonts put the ideographic em box from 0.12 em below the baseline to 0.88 em above it.
  const offset = vertical ? (size - glyph.advanceWidth * scale) / 2 : 0;
  return { commands: glyph.path.commands, x: x + offset, baseline: y + size * 0.88, scale };
}

function drawColumns(
  out: CoverDesign['groups'],
  text: Lines,
  right: number,
  top: number,
  family: DefaultFamily,
  weight: number,
  colour: CoverColour,
  align: 'top' | 'bottom' = 'top',
): number {
  let x = right;
  const glyphs: GlyphShape[] = [];
  for (const line of text.lines) {
    let y = align === 'bottom' ? top + (text.perColumn - line.length) * text.size : top;
    for (const char of line) {
      const shape = glyphShape(char, family, weight, x, y, text.size, true);
      if (shape) glyphs.push(shape);
      y += text.size;
    }
    x -= text.size * 1.35;
  }
  out.push({ colour, glyphs });
  return x;
}

function drawRows(
  out: CoverDesign['groups'],
  text: Lines,
  top: number,
  family: DefaultFamily,
  weight: number,
  colour: CoverColour,
): number {
  let y = top;
  const glyphs: GlyphShape[] = [];
  for (const line of text.lines) {
    let x = MARGIN;
    for (const char of line) {
      const font = fontForCharacter(family, weight, char);
      const shape = glyphShape(char, family, weight, x, y, text.size, false);
      if (shape) glyphs.push(shape);
      const advance = font?.layout(char).glyphs[0]?.advanceWidth ?? font?.unitsPerEm ?? 1000;
      x += (advance / (font?.unitsPerEm ?? 1000)) * text.size;
    }
    y += text.size * 1.35;
  }
  out.push({ colour, glyphs });
  return y;
}
