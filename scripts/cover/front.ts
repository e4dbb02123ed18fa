/**
 * The front (表1): the book's cover image scaled to fill the panel and its bleed, or the default
 * cover the EPUB uses, drawn as vectors at print size (its lettering is outlines, as shops like
 * a cover's display type).
 */
import {
  appendBezierCurve,
  appendQuadraticCurve,
  clip,
  closePath,
  concatTransformationMatrix,
  endPath,
  fill,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingColor,
  setLineWidth,
  setStrokingColor,
  stroke,
  type Color,
  type PDFImage,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { CoverColour, CoverDesign } from '../layout/cover-design.ts';
import type { Rect } from './geometry.ts';
import { PT_PER_MM } from '../layout/units.ts';

/** A rectangle in points. */
function points(rect: Rect): Rect {
  return {
    x: rect.x * PT_PER_MM,
    y: rect.y * PT_PER_MM,
    width: rect.width * PT_PER_MM,
    height: rect.height * PT_PER_MM,
  };
}

/**
 * Fill `area` (millimetres) with the image, cropped to it and centred, and return the resolution
 * it prints at, in pixels per inch.
 */
export function drawCoverImage(page: PDFPage, image: PDFImage, area: Rect): number {
  const box = points(area);
  const scale = Math.max(box.width / image.width, box.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  page.pushOperators(pushGraphicsState(), rectangle(box.x, box.y, box.width, box.height), clip(), endPath());
  page.drawImage(image, { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height });
  page.pushOperators(popGraphicsState());
  return 72 / scale;
}

/** Draw the default cover's design into the front panel `panel` (millimetres); the caller paints the background. */
export function drawCoverDesign(
  page: PDFPage,
  design: CoverDesign,
  panel: Rect,
  colours: Record<CoverColour, Color>,
): void {
  const box = points(panel);
  const k = box.width / design.width;
  const top = box.y + box.height;
  const { frame } = design;
  const operators: PDFOperator[] = [
    pushGraphicsState(),
    setStrokingColor(colours[frame.colour]),
    setLineWidth(frame.strokeWidth * k),
    rectangle(
      box.x + frame.inset * k,
      box.y + frame.inset * k,
      box.width - 2 * frame.inset * k,
      box.height - 2 * frame.inset * k,
    ),
    stroke(),
  ];
  for (const group of design.groups) {
    operators.push(setFillingColor(colours[group.colour]));
    for (const glyph of group.glyphs) {
      // Font units (y up) → the design (y down, flipped by the glyph's own transform) → points.
      const s = glyph.scale * k;
      operators.push(
        pushGraphicsState(),
        concatTransformationMatrix(s, 0, 0, s, box.x + glyph.x * k, top - glyph.baseline * k),
      );
      for (const { command, args } of glyph.commands) {
        if (command === 'moveTo') operators.push(moveTo(args[0]!, args[1]!));
        else if (command === 'lineTo') operators.push(lineTo(args[0]!, args[1]!));
        else if (command === 'quadraticCurveTo')
          operators.push(appendQuadraticCurve(args[0]!, args[1]!, args[2]!, args[3]!));
        else if (command === 'bezierCurveTo')
          operators.push(appendBezierCurve(args[0]!, args[1]!, args[2]!, args[3]!, args[4]!, args[5]!));
        else operators.push(closePath());
      }
      operators.push(fill(), popGraphicsState());
    }
  }
  operators.push(popGraphicsState());
  page.pushOperators(...operators);
}
