/**
 * Where everything of a cover spread goes. The spread is seen from outside, laid flat: a 縦書き
 * book is bound on the right, so its front (表1) is on the left, the spine (背) in the middle and
 * the back (表4) on the right; a 横書き book is the mirror image. Sizes in millimetres here,
 * origin at the bottom-left of the page (as in PDF).
 */

/** A rectangle in millimetres, origin bottom-left. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the spread's geometry depends on. */
export interface SpreadInput {
  trim: { width: number; height: number };
  spine: number;
  bleed: number;
  /** Room outside the bleed for crop marks (print shops), or 0. */
  markArea: number;
  vertical: boolean;
}

/** The spread's boxes and panels. */
export interface SpreadGeometry {
  /** The whole page (MediaBox). */
  media: Rect;
  /** Finished cover, front + spine + back (TrimBox). */
  trim: Rect;
  /** Trim plus bleed on every outer edge (BleedBox). */
  bleed: Rect;
  front: Rect;
  spine: Rect;
  back: Rect;
  /** The front panel with its bleed (top, bottom, outer edge): what a cover image fills. */
  frontBleed: Rect;
  /** Which side of its panel the spine is on, for the front and the back. */
  frontSpineSide: 'left' | 'right';
  backSpineSide: 'left' | 'right';
  /** The x of the two spine folds. */
  folds: [number, number];
}

/** Lay out a spread: trim width × 2 + spine (+ bleed on every outer edge) by trim height (+ bleed). */
export function spreadGeometry(input: SpreadInput): SpreadGeometry {
  const { trim, spine, bleed, markArea, vertical } = input;
  const width = 2 * trim.width + spine;
  const outer = markArea + bleed;
  const trimRect: Rect = { x: outer, y: outer, width, height: trim.height };
  const left: Rect = { x: outer, y: outer, width: trim.width, height: trim.height };
  const spineRect: Rect = { x: outer + trim.width, y: outer, width: spine, height: trim.height };
  const right: Rect = { x: outer + trim.width + spine, y: outer, width: trim.width, height: trim.height };
  const front = vertical ? left : right;
  const back = vertical ? right : left;
  const frontBleed: Rect = vertical
    ? { x: markArea, y: markArea, width: trim.width + bleed, height: trim.height + 2 * bleed }
    : { x: right.x, y: markArea, width: trim.width + bleed, height: trim.height + 2 * bleed };
  return {
    media: { x: 0, y: 0, width: width + 2 * outer, height: trim.height + 2 * outer },
    trim: trimRect,
    bleed: { x: markArea, y: markArea, width: width + 2 * bleed, height: trim.height + 2 * bleed },
    front,
    spine: spineRect,
    back,
    frontBleed,
    frontSpineSide: vertical ? 'right' : 'left',
    backSpineSide: vertical ? 'left' : 'right',
    folds: [spineRect.x, spineRect.x + spine],
  };
}
