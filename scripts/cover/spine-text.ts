/**
 * The spine's text: title from the top, the author after it, the publisher at the foot, each a
 * single vertical line centred on the spine, in the heading face. The sizes follow the spine's
 * width and shrink together until the three fit its length; a spine too thin for legible text
 * gets none, with a notice.
 */
import type { Color } from 'pdf-lib';
import type { CoverFonts, Face } from './fonts.ts';
import type { Rect } from './geometry.ts';
import { lineLength, textUnits, type TextWriter } from './text.ts';
import { PT_PER_MM } from '../layout/units.ts';

/** Under this type size (points) spine text is not legible; it is left out instead. */
const SMALLEST = 5;

/** What the spine says. */
export interface SpineContent {
  title: string;
  author?: string;
  publisher?: string;
}

/** How the spine text came out: set, or left out and why. */
export type SpineResult = { set: true; titleSize: number } | { set: false; reason: string };

/** Where the text may go across the spine and along it, in millimetres. */
export interface SpineRules {
  /** Room to keep clear on each side of the text, towards the folds. */
  sideMargin: number;
  /** Room to keep clear at the head and the foot. */
  endMargin: number;
}

/** Set the spine's text into the spine rectangle (millimetres); returns what happened. */
export async function setSpineText(
  writer: TextWriter,
  fonts: CoverFonts,
  spine: Rect,
  content: SpineContent,
  faces: { title: Face; other: Face },
  colour: Color,
  rules: SpineRules,
): Promise<SpineResult> {
  const across = (spine.width - 2 * rules.sideMargin) * PT_PER_MM;
  let titleSize = Math.min(across, spine.width * 0.62 * PT_PER_MM, 20);
  if (titleSize < SMALLEST) {
    return {
      set: false,
      reason: `the spine is ${spine.width.toFixed(2)} mm wide, too thin for type of ${SMALLEST} pt`,
    };
  }
  const available = (spine.height - 2 * rules.endMargin) * PT_PER_MM;
  const parts = [
    { text: content.title, face: faces.title, ratio: 1, foot: false },
    ...(content.author ? [{ text: content.author, face: faces.other, ratio: 0.75, foot: false }] : []),
    ...(content.publisher ? [{ text: content.publisher, face: faces.other, ratio: 0.65, foot: true }] : []),
  ];
  // Lengths scale with the type size: measure once at 1 pt, then pick the size that fits.
  const unitLength = await Promise.all(
    parts.map(async (part) =>
      lineLength(await textUnits(fonts, part.text, { face: part.face, size: part.ratio, colour }, true)),
    ),
  );
  const gapRatio = 1.5;
  const needed = unitLength.reduce((sum, length) => sum + length, 0) + gapRatio * (parts.length - 1);
  titleSize = Math.min(titleSize, available / needed);
  if (titleSize < SMALLEST) {
    return {
      set: false,
      reason: `the spine text needs type under ${SMALLEST} pt to fit the spine's length; give a shorter title in print.cover.spineText`,
    };
  }
  const centre = (spine.x + spine.width / 2) * PT_PER_MM;
  const top = (spine.y + spine.height - rules.endMargin) * PT_PER_MM;
  const bottom = (spine.y + rules.endMargin) * PT_PER_MM;
  let pen = top;
  for (const part of parts) {
    const style = { face: part.face, size: titleSize * part.ratio, colour };
    const units = await textUnits(fonts, part.text, style, true);
    // The publisher sits at the foot; the title and the author follow each other from the head.
    const start = part.foot ? bottom + lineLength(units) : pen;
    await writer.vertical(units, style, centre, start);
    pen = start - lineLength(units) - gapRatio * titleSize;
  }
  return { set: true, titleSize };
}
