/**
 * The 口絵 (colour plates) as a PDF of their own: each rendered page, the picture over the whole
 * sheet, drawn on a page with the destination's boxes (trim, bleed) and crop marks when it wants
 * them. The colours are left as they are: a shop takes カラー口絵 as a separate colour job, while the
 * interior stays one colour.
 */
import { PDFDocument } from 'pdf-lib';
import type { PageGeometry } from '../../layout/geometry.ts';
import { PT_PER_MM } from '../../layout/units.ts';
import { drawCropMarks } from './crop-marks.ts';
import type { PressOptions } from './options.ts';
import { pageBoxes } from './page-boxes.ts';

/** Press the rendered plates (one a page, at the sheet's size) into the plates' PDF. */
export async function pressPlates(
  rendered: Uint8Array,
  g: PageGeometry,
  press: Pick<PressOptions, 'marks'>,
  title: string,
): Promise<Uint8Array> {
  const source = await PDFDocument.load(rendered, { updateMetadata: false });
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.setTitle(`${title} 口絵`);
  const embedded = await pdf.embedPages(source.getPages());
  const bleed = g.bleed * PT_PER_MM;
  embedded.forEach((plate, index) => {
    // A plate is a recto: page 1 of its sheet.
    const boxes = pageBoxes(g, 1 + 2 * index, plate.height);
    const { media, trim } = boxes;
    const page = pdf.addPage([media.width, media.height]);
    page.drawPage(plate, {
      x: trim.x - bleed,
      y: trim.y - bleed,
      width: trim.width + 2 * bleed,
      height: trim.height + 2 * bleed,
    });
    page.setBleedBox(boxes.bleed.x, boxes.bleed.y, boxes.bleed.width, boxes.bleed.height);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    if (press.marks) drawCropMarks(page, media, trim, boxes.bleed);
  });
  return pdf.save({ useObjectStreams: false });
}
