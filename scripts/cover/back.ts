/**
 * The back (表4): the 書籍JANコード and the 日本図書コード for a print shop, or the area KDP prints
 * its own barcode in kept free; and the description, in columns (縦書き) or rows (横書き) in
 * the space left.
 */
import {
  rectangle,
  fill,
  pushGraphicsState,
  popGraphicsState,
  setFillingColor,
  type Color,
  type PDFPage,
} from 'pdf-lib';
import { drawEan13, EAN_MODULE_MM, EAN_SIZE, encodeEan13 } from './barcode.ts';
import type { CoverFonts, Face } from './fonts.ts';
import type { Rect } from './geometry.ts';
import { breakUnits, lineLength, textUnits, type TextWriter, type Unit } from './text.ts';
import { PT_PER_MM } from '../layout/units.ts';

/** The 書籍JANコード's place: 10 mm from the top, 12 mm from the spine (日本図書コード管理センター). */
const JAN_FROM_TOP = 10;
const JAN_FROM_SPINE = 12;
/** Printed at 100 % (module 0.33 mm), the size scanners are made for. */
const MAGNIFICATION = 1;
/** Space between the two symbols. */
const SYMBOL_GAP = 3;
/** KDP's barcode area: 2 × 1.2 in, 0.25 in from the spine and the bottom trim. */
const KDP_BARCODE = { width: 50.8, height: 30.48, inset: 6.35 };
/** Room kept clear inside the trim on the back. */
const SAFE = 10;

/** The codes the back carries. */
export interface BackCodes {
  /** 978… thirteen digits, and as printed with hyphens. */
  isbn: { digits: string; hyphenated: string };
  /** `192…` thirteen digits, with the Cコード and price it was made from. */
  price?: { digits: string; cCode: string; yen: number };
}

/** What goes on the back. */
export interface BackContent {
  codes?: BackCodes;
  /** Keep KDP's barcode area free (and draw no barcode of our own). */
  kdpArea: boolean;
  description?: string;
  vertical: boolean;
}

/** What the back's layout reports. */
export interface BackResult {
  /** Rectangles (millimetres) drawn or kept free, for tests and the summary. */
  barcodes: Rect[];
  reserved?: Rect;
  /** Characters of the description that did not fit, if any. */
  overflow?: string;
}

/** Draw the back into `panel` (millimetres); `spineSide` says which side of it the spine is on. */
export async function drawBack(
  page: PDFPage,
  writer: TextWriter,
  fonts: CoverFonts,
  panel: Rect,
  spineSide: 'left' | 'right',
  content: BackContent,
  faces: { body: Face; codes: Face },
  colours: { ink: Color; white: Color },
): Promise<BackResult> {
  const result: BackResult = { barcodes: [] };
  const top = panel.y + panel.height;
  // The text area, shrunk below the barcodes or above KDP's area.
  const area = { left: panel.x + SAFE, right: panel.x + panel.width - SAFE, top: top - SAFE, bottom: panel.y + SAFE };
  const towardsSpine = (rect: { width: number }, fromSpine: number) =>
    spineSide === 'left' ? panel.x + fromSpine : panel.x + panel.width - fromSpine - rect.width;

  if (content.codes && !content.kdpArea) {
    const module = EAN_MODULE_MM * MAGNIFICATION;
    const size = { width: EAN_SIZE.width * module, height: EAN_SIZE.height * module };
    const x = towardsSpine(size, JAN_FROM_SPINE);
    const symbols = [content.codes.isbn.digits, ...(content.codes.price ? [content.codes.price.digits] : [])];
    const block = {
      x,
      y: 0,
      width: size.width,
      height: symbols.length * size.height + (symbols.length - 1) * SYMBOL_GAP,
    };
    block.y = top - JAN_FROM_TOP - block.height;
    // A white ground under the symbols and their quiet zones: scanners need it on a coloured cover.
    page.pushOperators(
      pushGraphicsState(),
      setFillingColor(colours.white),
      rectangle(...pt(block.x - 1, block.y - 1, block.width + 2, block.height + 2)),
      fill(),
      popGraphicsState(),
    );
    symbols.forEach((digits, index) => {
      const y = top - JAN_FROM_TOP - (index + 1) * size.height - index * SYMBOL_GAP;
      page.pushOperators(
        ...drawEan13(encodeEan13(digits), x * PT_PER_MM, y * PT_PER_MM, module * PT_PER_MM, colours.ink),
      );
      result.barcodes.push({ x, y, width: size.width, height: size.height });
    });
    await drawBookCode(writer, fonts, content.codes, faces.codes, colours.ink, block, spineSide, panel);
    area.top = block.y - 8;
  }
  if (content.kdpArea) {
    const reserved = { x: 0, y: panel.y + KDP_BARCODE.inset, width: KDP_BARCODE.width, height: KDP_BARCODE.height };
    reserved.x = towardsSpine(reserved, KDP_BARCODE.inset);
    result.reserved = reserved;
    area.bottom = reserved.y + reserved.height + 6;
  }
  if (content.description) {
    result.overflow = await setDescription(
      writer,
      fonts,
      content.description,
      faces.body,
      colours.ink,
      area,
      content.vertical,
    );
  }
  return result;
}

/** The 日本図書コード in type beside the symbols, on the side away from the spine: ISBN, Cコード and price. */
async function drawBookCode(
  writer: TextWriter,
  fonts: CoverFonts,
  codes: BackCodes,
  face: Face,
  ink: Color,
  block: Rect,
  spineSide: 'left' | 'right',
  panel: Rect,
): Promise<void> {
  const lines = [`ISBN${codes.isbn.hyphenated}`];
  if (codes.price) {
    lines.push(`C${codes.price.cCode} ¥${codes.price.yen}E`);
    lines.push(`定価（本体${codes.price.yen.toLocaleString('ja-JP')}円＋税）`);
  }
  const room =
    (spineSide === 'left'
      ? panel.x + panel.width - SAFE - (block.x + block.width + 3)
      : block.x - 3 - (panel.x + SAFE)) * PT_PER_MM;
  let size = 8;
  const measure = async (s: number) =>
    Promise.all(lines.map(async (line) => textUnits(fonts, line, { face, size: s, colour: ink }, false)));
  let units = await measure(size);
  while (size > 5 && Math.max(...units.map(lineLength)) > room) units = await measure((size -= 0.5));
  const baseline = (block.y + block.height) * PT_PER_MM - size;
  for (const [index, line] of units.entries()) {
    const left =
      spineSide === 'left' ? (block.x + block.width + 3) * PT_PER_MM : (block.x - 3) * PT_PER_MM - lineLength(line);
    await writer.horizontal(line, { face, size, colour: ink }, left, baseline - index * size * 1.5);
  }
}

/**
 * Set the description in `area` (millimetres): columns from the right for a vertical book, rows
 * from the top for a horizontal one, at the largest size from 9 pt down to 6 pt that fits. What
 * still does not fit is returned, to be reported.
 */
async function setDescription(
  writer: TextWriter,
  fonts: CoverFonts,
  description: string,
  face: Face,
  ink: Color,
  area: { left: number; right: number; top: number; bottom: number },
  vertical: boolean,
): Promise<string | undefined> {
  const width = (area.right - area.left) * PT_PER_MM;
  const height = (area.top - area.bottom) * PT_PER_MM;
  if (width <= 0 || height <= 0) return description;
  const length = vertical ? height : width;
  const breadth = vertical ? width : height;
  const paragraphs = description.split(/\n+/).filter((paragraph) => paragraph.trim());
  let lines: Unit[][] = [];
  let size = 9;
  for (; size >= 6; size -= 0.5) {
    lines = [];
    for (const paragraph of paragraphs)
      lines.push(
        ...breakUnits(await textUnits(fonts, paragraph.trim(), { face, size, colour: ink }, vertical), length),
      );
    if (lines.length * size * 1.75 - size * 0.75 <= breadth) break;
  }
  size = Math.max(size, 6);
  const pitch = size * 1.75;
  const fitting = Math.max(0, Math.floor((breadth + size * 0.75) / pitch));
  const style = { face, size, colour: ink };
  for (const [index, line] of lines.slice(0, fitting).entries()) {
    if (vertical)
      await writer.vertical(line, style, area.right * PT_PER_MM - size / 2 - index * pitch, area.top * PT_PER_MM);
    else
      await writer.horizontal(line, style, area.left * PT_PER_MM, area.top * PT_PER_MM - size * 0.88 - index * pitch);
  }
  const rest = lines.slice(fitting);
  return rest.length > 0 ? rest.map((line) => line.map((unit) => unit.text).join('')).join('') : undefined;
}

function pt(x: number, y: number, width: number, height: number): [number, number, number, number] {
  return [x * PT_PER_MM, y * PT_PER_MM, width * PT_PER_MM, height * PT_PER_MM];
}
