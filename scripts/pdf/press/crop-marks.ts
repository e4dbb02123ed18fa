/**
 * Japanese crop marks (トンボ) for the print-shop profile: at each corner a double mark, one line
 * on the trim (仕上がり) and one on the bleed (塗り足し), running outwards from the bleed; at the
 * middle of each side a centre mark (センタートンボ), a cross outside the bleed.
 */
import { cmyk, type PDFPage } from 'pdf-lib';
import { PT_PER_MM } from '../../layout/units.ts';

/** Rectangles in PDF points, origin bottom-left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room for crop marks outside the bleed, in millimetres, on the print-shop profile's pages and covers. */
export const MARK_AREA = 12;

// Registration colour: the marks print on every plate.
const REGISTRATION = cmyk(1, 1, 1, 1);
const THICKNESS = 0.25;

/** Draw corner and centre marks around `trim`, outside `bleed`, within `media`. */
export function drawCropMarks(page: PDFPage, media: Box, trim: Box, bleed: Box): void {
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: THICKNESS, color: REGISTRATION });
  const edges = {
    left: media.x + 1,
    right: media.x + media.width - 1,
    bottom: media.y + 1,
    top: media.y + media.height - 1,
  };
  const trimRight = trim.x + trim.width;
  const trimTop = trim.y + trim.height;
  const bleedRight = bleed.x + bleed.width;
  const bleedTop = bleed.y + bleed.height;

  for (const [xTrim, xBleed, xEdge] of [
    [trim.x, bleed.x, edges.left],
    [trimRight, bleedRight, edges.right],
  ] as const) {
    for (const [yTrim, yBleed, yEdge] of [
      [trim.y, bleed.y, edges.bottom],
      [trimTop, bleedTop, edges.top],
    ] as const) {
      // Horizontal pair, from the bleed edge outwards.
      line(xBleed, yTrim, xEdge, yTrim);
      line(xBleed, yBleed, xEdge, yBleed);
      // Vertical pair.
      line(xTrim, yBleed, xTrim, yEdge);
      line(xBleed, yBleed, xBleed, yEdge);
    }
  }

  const centreX = trim.x + trim.width / 2;
  const centreY = trim.y + trim.height / 2;
  const arm = 10 * PT_PER_MM;
  for (const [yFrom, yTo] of [
    [bleed.y, edges.bottom],
    [bleedTop, edges.top],
  ] as const) {
    line(centreX, yFrom, centreX, yTo);
    const middle = (yFrom + yTo) / 2;
    line(centreX - arm, middle, centreX + arm, middle);
  }
  for (const [xFrom, xTo] of [
    [bleed.x, edges.left],
    [bleedRight, edges.right],
  ] as const) {
    line(xFrom, centreY, xTo, centreY);
    const middle = (xFrom + xTo) / 2;
    line(middle, centreY - arm, middle, centreY + arm);
  }
}

/**
 * Fold marks (背トンボ) of a cover: at each fold's x, a short line above and below the bleed, so
 * the binder sees where the spine begins and ends.
 */
export function drawFoldMarks(page: PDFPage, media: Box, bleed: Box, folds: readonly number[]): void {
  const ends = [
    [bleed.y, media.y + 1],
    [bleed.y + bleed.height, media.y + media.height - 1],
  ] as const;
  for (const x of folds)
    for (const [from, to] of ends)
      page.drawLine({ start: { x, y: from }, end: { x, y: to }, thickness: THICKNESS, color: REGISTRATION });
}
