/**
 * Where a finished page's boxes are and how far its content moves, by profile: Chromium sizes a
 * page in whole CSS pixels, so the boxes are set here exactly, with the bleed on the sides the
 * destination wants it and room for crop marks around it for a print shop; the text moves
 * towards the fore-edge to leave the binding side the wider margin.
 */
import { foreEdgeIsLeft, type PageGeometry } from '../../layout/geometry.ts';
import { PT_PER_MM } from '../../layout/units.ts';
import { MARK_AREA, type Box } from './crop-marks.ts';

/** A page's boxes, in points, and how far its content moves. */
export interface PageBoxes {
  media: Box;
  bleed: Box;
  trim: Box;
  /** Whether the fore-edge is on the left of this page. */
  foreLeft: boolean;
  dx: number;
  dy: number;
}

/** The boxes of page `number` (1-based), which Chromium rendered `renderedHeight` points tall. */
export function pageBoxes(g: PageGeometry, number: number, renderedHeight: number): PageBoxes {
  const exact = { width: g.sheet.width * PT_PER_MM, height: g.sheet.height * PT_PER_MM };
  // Chromium lays every page out with equal side margins; moving the text half the difference
  // towards the fore-edge (小口) leaves the binding side (ノド) the wider margin the settings ask for.
  const foreShift = ((g.margin.gutter - g.margin.fore) / 2) * PT_PER_MM;
  const foreLeft = foreEdgeIsLeft(g, number);
  const toFore = foreLeft ? -foreShift : foreShift;
  const boxes = profileBoxes(g, exact, foreLeft);
  // Chromium put the content at the top of a page rounded to whole pixels.
  const dy = exact.height - renderedHeight;
  return { ...boxes.boxes, foreLeft, dx: toFore + boxes.dx, dy: dy + boxes.dy };
}

/** The boxes on the profile's sheet, and how far the profile itself moves the page's content. */
function profileBoxes(
  g: PageGeometry,
  exact: { width: number; height: number },
  foreLeft: boolean,
): { boxes: Pick<PageBoxes, 'media' | 'bleed' | 'trim'>; dx: number; dy: number } {
  const bleed = g.bleed * PT_PER_MM;
  const trim = { width: g.trim.width * PT_PER_MM, height: g.trim.height * PT_PER_MM };
  if (g.profile === 'print-shop') {
    const margin = MARK_AREA * PT_PER_MM;
    const boxes = {
      media: { x: 0, y: 0, width: exact.width + 2 * margin, height: exact.height + 2 * margin },
      bleed: { x: margin, y: margin, width: exact.width, height: exact.height },
      trim: { x: margin + bleed, y: margin + bleed, width: trim.width, height: trim.height },
    };
    return { boxes, dx: margin, dy: margin };
  }
  if (g.profile === 'kdp') {
    // KDP wants bleed on the top, bottom and outer edge only: the gutter-side strip is cut off.
    const media = { x: 0, y: 0, width: exact.width - bleed, height: exact.height };
    const trimBox = { x: foreLeft ? bleed : 0, y: bleed, width: trim.width, height: trim.height };
    return { boxes: { media, bleed: media, trim: trimBox }, dx: foreLeft ? 0 : -bleed, dy: 0 };
  }
  const media = { x: 0, y: 0, width: exact.width, height: exact.height };
  return { boxes: { media, bleed: media, trim: media }, dx: 0, dy: 0 };
}
