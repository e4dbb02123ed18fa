/**
 * Where shown text lands on the page, as a preflight tool measures it: each string's advance from
 * its font's widths (a CID font's /W and /DW, a simple font's /Widths) and its height from the
 * font's ascent and descent, through the text state (size, spacing, scale, rise), the text matrix
 * and the CTM. KDP checks its margins from these boxes, so the preflight does too.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFObject } from 'pdf-lib';
import { multiply, type GraphicsState, type Matrix } from '../graphics-state.ts';
import type { Operand } from '../scan.ts';

/** A font's metrics: how its strings split into codes, each code's advance and the box's height, in 1/1000 em. */
export interface FontMetrics {
  bytesPerCode: 1 | 2;
  width(code: number): number;
  ascent: number;
  descent: number;
}

const cache = new WeakMap<object, FontMetrics>();
const name = (key: string) => PDFName.of(key);
const numberIn = (dict: PDFDict | undefined, key: string, fallback: number) => {
  const value = dict?.lookup(name(key));
  return value instanceof PDFNumber ? value.asNumber() : fallback;
};

/** The metrics of a font dictionary (cached); an unreadable font is taken as 1 em wide, 1.2 em tall. */
export function fontMetrics(font: PDFObject | undefined): FontMetrics {
  if (!(font instanceof PDFDict)) return { bytesPerCode: 1, width: () => 1000, ascent: 1000, descent: -200 };
  const known = cache.get(font);
  if (known) return known;
  const type0 = font.lookup(name('Subtype'))?.toString() === '/Type0';
  const descendants = font.lookup(name('DescendantFonts'));
  const cid = type0 && descendants instanceof PDFArray ? descendants.lookup(0) : undefined;
  const metricsFont = cid instanceof PDFDict ? cid : font;
  const descriptor = metricsFont.lookup(name('FontDescriptor'));
  const box = descriptor instanceof PDFDict ? descriptor.lookup(name('FontBBox')) : undefined;
  const bbox =
    box instanceof PDFArray ? box.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : 0)) : [];
  const desc = descriptor instanceof PDFDict ? descriptor : undefined;
  const metrics: FontMetrics = {
    bytesPerCode: type0 ? 2 : 1,
    width: type0 ? cidWidths(metricsFont) : simpleWidths(font),
    // The descriptor's ascent and descent, as poppler's boxes take them; the font box's without them.
    ascent: numberIn(desc, 'Ascent', 0) || bbox[3] || 1000,
    descent: numberIn(desc, 'Descent', 0) || bbox[1] || -200,
  };
  cache.set(font, metrics);
  return metrics;
}

/** A CID font's advances: /W (`c [w1 w2 …]` and `c1 c2 w`) over /DW. */
function cidWidths(font: PDFDict): (code: number) => number {
  const widths = new Map<number, number>();
  const array = font.lookup(name('W'));
  const items = array instanceof PDFArray ? array.asArray().map((item) => font.context.lookup(item)) : [];
  for (let i = 0; i < items.length;) {
    const first = items[i];
    const next = items[i + 1];
    if (!(first instanceof PDFNumber)) break;
    if (next instanceof PDFArray) {
      next.asArray().forEach((w, k) => widths.set(first.asNumber() + k, (w as PDFNumber).asNumber?.() ?? 1000));
      i += 2;
    } else {
      const last = (next as PDFNumber).asNumber();
      const w = (items[i + 2] as PDFNumber).asNumber();
      for (let code = first.asNumber(); code <= last; code++) widths.set(code, w);
      i += 3;
    }
  }
  const fallback = numberIn(font, 'DW', 1000);
  return (code) => widths.get(code) ?? fallback;
}

/** A simple font's advances: /Widths from /FirstChar. */
function simpleWidths(font: PDFDict): (code: number) => number {
  const first = numberIn(font, 'FirstChar', 0);
  const array = font.lookup(name('Widths'));
  const widths = array instanceof PDFArray ? array.asArray().map((item) => font.context.lookup(item)) : [];
  return (code) => {
    const value = widths[code - first];
    return value instanceof PDFNumber ? value.asNumber() : 500;
  };
}

/** The pieces a show operator shows: strings as bytes, and TJ's adjustments in 1/1000 em. */
export function shownPieces(operands: readonly Operand[]): (Uint8Array | number)[] {
  const last = operands.at(-1);
  if (last?.kind !== 'raw') return [];
  const pieces: (Uint8Array | number)[] = [];
  const text = last.text;
  for (let i = 0; i < text.length;) {
    const char = text[i]!;
    if (char === '<') {
      const end = text.indexOf('>', i);
      const hex = text.slice(i + 1, end).replace(/\s/g, '');
      const padded = hex.length % 2 ? `${hex}0` : hex;
      pieces.push(Uint8Array.from(padded.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
      i = end + 1;
    } else if (char === '(') {
      const [bytes, end] = literalString(text, i);
      pieces.push(bytes);
      i = end;
    } else if (/[-+.\d]/.test(char)) {
      const match = /^[-+]?(\d+\.?\d*|\.\d+)/.exec(text.slice(i));
      pieces.push(Number(match?.[0] ?? 0));
      i += match?.[0].length ?? 1;
    } else i++;
  }
  return pieces;
}

/** A literal string `( … )` from `start`: its bytes (escapes read, nested parentheses kept) and the index after it. */
function literalString(text: string, start: number): [Uint8Array, number] {
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
  let depth = 0;
  let i = start + 1;
  for (; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      const next = text[++i] ?? '';
      const octal = /^[0-7]{1,3}/.exec(text.slice(i))?.[0];
      if (octal) {
        bytes.push(parseInt(octal, 8) & 0xff);
        i += octal.length - 1;
      } else if (next !== '\n' && next !== '\r') bytes.push(escapes[next] ?? next.charCodeAt(0));
    } else if (char === ')' && depth === 0) break;
    else {
      if (char === '(') depth++;
      if (char === ')') depth--;
      bytes.push(char.charCodeAt(0) & 0xff);
    }
  }
  return [Uint8Array.from(bytes), i + 1];
}

/**
 * The box, in page space, of text shown from `advance` (text space units along the line from the
 * text matrix's origin); and the advance after it.
 */
export function showBox(
  pieces: readonly (Uint8Array | number)[],
  state: GraphicsState,
  metrics: FontMetrics,
  advance: number,
): { box: [number, number, number, number]; advance: number } {
  const size = state.fontSize;
  const scale = state.horizontalScale / 100;
  let x = advance;
  let low = x;
  let high = x;
  for (const piece of pieces) {
    if (typeof piece === 'number') x -= (piece / 1000) * size * scale;
    else {
      for (let i = 0; i + metrics.bytesPerCode <= piece.length; i += metrics.bytesPerCode) {
        const code = metrics.bytesPerCode === 2 ? (piece[i]! << 8) | piece[i + 1]! : piece[i]!;
        const space = metrics.bytesPerCode === 1 && code === 32 ? state.wordSpacing : 0;
        x += ((metrics.width(code) / 1000) * size + state.charSpacing + space) * scale;
      }
    }
    low = Math.min(low, x);
    high = Math.max(high, x);
  }
  const bottom = (metrics.descent / 1000) * size + state.rise;
  const top = (metrics.ascent / 1000) * size + state.rise;
  const m: Matrix = multiply(state.textMatrix, state.ctm);
  const corners = [
    [low, bottom],
    [high, bottom],
    [low, top],
    [high, top],
  ].map(([cx, cy]) => [m[0] * cx! + m[2] * cy! + m[4], m[1] * cx! + m[3] * cy! + m[5]] as const);
  const xs = corners.map(([cx]) => cx);
  const ys = corners.map(([, cy]) => cy);
  return { box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], advance: x };
}
