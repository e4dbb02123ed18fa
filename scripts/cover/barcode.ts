/**
 * EAN-13 symbols as vectors, for the 書籍JANコード. bwip-js (a port of Barcode Writer in Pure
 * PostScript) encodes the digits into bars and places the human-readable digits; the sizes are
 * GS1's nominal ones at a magnification: module 0.33 mm, bars 22.85 mm, guard bars 1.65 mm
 * longer, quiet zones of 11 and 7 modules, 37.29 × 25.93 mm in all at 100 %. Digits are drawn
 * as outlines of bwip-js's OCR-B, the face the standard names; bars are filled rectangles in
 * 100 % black.
 */
import bwipjs from 'bwip-js';
import {
  appendQuadraticCurve,
  appendBezierCurve,
  closePath,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingColor,
  type Color,
  type PDFOperator,
} from 'pdf-lib';

/** Nominal module (narrowest bar) width in millimetres at 100 %. */
export const EAN_MODULE_MM = 0.33;
/** The whole symbol in modules: 11 + 95 + 7 wide; 78.58 high with the digits (25.93 mm at 100 %). */
export const EAN_SIZE = { width: 113, height: 25.93 / EAN_MODULE_MM };
const QUIET_LEFT = 11;
const BAR_HEIGHT = 22.85 / EAN_MODULE_MM;
const GUARD_EXTRA = 5;
/** Digits: OCR-B at this size (modules), baseline this far above the symbol's foot. */
const DIGIT_SIZE = 11;
const DIGIT_BASELINE = 0.9;

/** One bar in modules from the symbol's bottom-left corner (quiet zone included). */
interface Bar {
  x: number;
  width: number;
  bottom: number;
  top: number;
}

/** The bars and digits of an EAN-13, in modules. */
export interface Ean13 {
  bars: Bar[];
  digits: { char: string; x: number }[];
}

/** Encode thirteen digits (the check digit must be right: bwip-js checks it). */
export function encodeEan13(digits: string): Ean13 {
  if (!/^\d{13}$/.test(digits)) throw new Error(`an EAN-13 has thirteen digits, not "${digits}"`);
  const [symbol] = bwipjs.raw({ bcid: 'ean13', text: digits, includetext: true });
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js returned no linear symbol for an EAN-13');
  // bwip-js's types omit `txt` (the human-readable characters and their places), which raw() returns too.
  const { sbs, bbs, txt } = symbol as typeof symbol & { txt?: [string, number, number, string, number][] };
  const text = txt ?? [];
  const bars: Bar[] = [];
  const base = EAN_SIZE.height - BAR_HEIGHT;
  let x = QUIET_LEFT;
  sbs.forEach((width, index) => {
    if (index % 2 === 0) {
      // bwip-js lowers the guard bars' bottoms below the others'.
      const guard = (bbs[index / 2] ?? 0) < 0;
      bars.push({ x, width, bottom: guard ? base - GUARD_EXTRA : base, top: EAN_SIZE.height });
    }
    x += width;
  });
  return { bars, digits: text.map(([char, position]) => ({ char, x: QUIET_LEFT + position })) };
}

/** Operators drawing an encoded EAN-13 with its bottom-left corner at (x, y) points, `module` points per module. */
export function drawEan13(symbol: Ean13, x: number, y: number, module: number, colour: Color): PDFOperator[] {
  const operators: PDFOperator[] = [pushGraphicsState(), setFillingColor(colour)];
  for (const bar of symbol.bars)
    operators.push(
      rectangle(x + bar.x * module, y + bar.bottom * module, bar.width * module, (bar.top - bar.bottom) * module),
    );
  operators.push(fill());
  const font = bwipjs.FontLib.lookup('OCR-B');
  // Outlines are asked for at 100 units and scaled down, for smooth curves.
  const unit = (DIGIT_SIZE * module) / 100;
  for (const digit of symbol.digits) {
    const path = bwipjs.FontLib.getpaths(font, digit.char.charCodeAt(0), 100, 100);
    const ox = x + digit.x * module;
    const oy = y + DIGIT_BASELINE * module;
    const at = (px: number, py: number): [number, number] => [ox + px * unit, oy + py * unit];
    for (const [index, step] of path.entries()) {
      if (step.type === 'M') {
        if (index > 0) operators.push(closePath());
        operators.push(moveTo(...at(step.x, step.y)));
      } else if (step.type === 'L') operators.push(lineTo(...at(step.x, step.y)));
      else if (step.type === 'Q') operators.push(appendQuadraticCurve(...at(step.cx, step.cy), ...at(step.x, step.y)));
      else
        operators.push(appendBezierCurve(...at(step.cx1, step.cy1), ...at(step.cx2, step.cy2), ...at(step.x, step.y)));
    }
    if (path.length > 0) operators.push(closePath(), fill());
  }
  operators.push(popGraphicsState());
  return operators;
}
