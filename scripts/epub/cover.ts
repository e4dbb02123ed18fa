/**
 * The default cover: when the author gives no cover image, one is drawn from the title and
 * author, set vertically (or horizontally for a 横書き book) in the bundled Noto fonts. Text is
 * converted to outlines and rasterised by resvg, so the image is the same on every machine.
 */
import type { Element } from 'hast';
import { s } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { Resvg } from '@resvg/resvg-js';
import { fontForCharacter, type DefaultFamily } from '../fonts/fontsource.ts';

/** Kindle's recommended cover proportions (1:1.6). */
const WIDTH = 1600;
const HEIGHT = 2560;
const MARGIN = 220;

/** What the generated cover shows. */
export interface CoverText {
  title: string;
  subtitle?: string;
  authors: string[];
  vertical: boolean;
}

/** Characters that may not start a line (行頭禁則) and may not end one (行末禁則). */
const NO_START = new Set([
  ...'、。，．,.・：；:;?!？！）〕］｝〉》」』】ー～…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々',
]);
const NO_END = new Set([...'（〔［｛〈《「『【']);
const CLOSING = new Set([...'）〕］｝〉》」』】']);

/** Draw the default cover as a PNG. */
export function renderDefaultCover(text: CoverText): Uint8Array {
  const children: Element[] = [
    s('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: '#f4efe4' }),
    s('rect', {
      x: 80,
      y: 80,
      width: WIDTH - 160,
      height: HEIGHT - 160,
      fill: 'none',
      stroke: '#9b2d20',
      'stroke-width': 6,
    }),
  ];
  if (text.vertical) {
    const title = fitColumns(text.title, HEIGHT - 2 * MARGIN, WIDTH * 0.62, [150, 60]);
    const x = drawColumns(children, title, WIDTH - MARGIN - title.size, MARGIN, 'serif', 700, '#1c1c1c');
    if (text.subtitle) {
      const subtitle = fitColumns(text.subtitle, HEIGHT - 2 * MARGIN - 200, WIDTH * 0.2, [80, 40]);
      drawColumns(children, subtitle, x - subtitle.size * 0.4, MARGIN + 200, 'serif', 400, '#3a3a3a');
    }
    if (text.authors.length > 0) {
      const author = fitColumns(text.authors.join('・'), HEIGHT * 0.45, WIDTH * 0.2, [80, 40]);
      drawColumns(
        children,
        author,
        MARGIN,
        HEIGHT - MARGIN - author.perColumn * author.size,
        'sans',
        400,
        '#1c1c1c',
        'bottom',
      );
    }
  } else {
    const title = fitRows(text.title, WIDTH - 2 * MARGIN, HEIGHT * 0.4, [140, 56]);
    const y = drawRows(children, title, MARGIN + 300, 'serif', 700, '#1c1c1c');
    if (text.subtitle)
      drawRows(children, fitRows(text.subtitle, WIDTH - 2 * MARGIN, 400, [72, 36]), y + 60, 'serif', 400, '#3a3a3a');
    if (text.authors.length > 0)
      drawRows(
        children,
        fitRows(text.authors.join('・'), WIDTH - 2 * MARGIN, 300, [72, 36]),
        HEIGHT - MARGIN - 200,
        'sans',
        400,
        '#1c1c1c',
      );
  }
  const svg = toHtml(
    s(
      'svg',
      { xmlns: 'http://www.w3.org/2000/svg', width: WIDTH, height: HEIGHT, viewBox: `0 0 ${WIDTH} ${HEIGHT}` },
      children,
    ),
    { space: 'svg' },
  );
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
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

const fitRows = fitColumns;

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
function glyphPath(
  char: string,
  family: DefaultFamily,
  weight: number,
  x: number,
  y: number,
  size: number,
  vertical: boolean,
): Element | undefined {
  const font = fontForCharacter(family, weight, char);
  if (!font) return undefined;
  const run = font.layout(char, vertical ? ['vert'] : []);
  const glyph = run.glyphs[0];
  if (!glyph) return undefined;
  const scale = size / font.unitsPerEm;
  // CJK fonts put the ideographic em box from 0.12 em below the baseline to 0.88 em above it.
  const baseline = y + size * 0.88;
  const offset = vertical ? (size - glyph.advanceWidth * scale) / 2 : 0;
  const d = glyph.path.toSVG();
  if (!d) return undefined;
  return s('path', {
    d,
    transform: `translate(${(x + offset).toFixed(1)} ${baseline.toFixed(1)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})`,
  });
}

function drawColumns(
  out: Element[],
  text: Lines,
  right: number,
  top: number,
  family: DefaultFamily,
  weight: number,
  fill: string,
  align: 'top' | 'bottom' = 'top',
): number {
  let x = right;
  const paths: Element[] = [];
  for (const line of text.lines) {
    let y = align === 'bottom' ? top + (text.perColumn - line.length) * text.size : top;
    for (const char of line) {
      const path = glyphPath(char, family, weight, x, y, text.size, true);
      if (path) paths.push(path);
      y += text.size;
    }
    x -= text.size * 1.35;
  }
  out.push(s('g', { fill }, paths));
  return x;
}

function drawRows(
  out: Element[],
  text: Lines,
  top: number,
  family: DefaultFamily,
  weight: number,
  fill: string,
): number {
  let y = top;
  const paths: Element[] = [];
  for (const line of text.lines) {
    let x = MARGIN;
    for (const char of line) {
      const font = fontForCharacter(family, weight, char);
      const path = glyphPath(char, family, weight, x, y, text.size, false);
      if (path) paths.push(path);
      const advance = font?.layout(char).glyphs[0]?.advanceWidth ?? font?.unitsPerEm ?? 1000;
      x += (advance / (font?.unitsPerEm ?? 1000)) * text.size;
    }
    y += text.size * 1.35;
  }
  out.push(s('g', { fill }, paths));
  return y;
}
