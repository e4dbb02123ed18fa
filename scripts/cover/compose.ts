/**
 * The cover spread as a one-page PDF, with pdf-lib: the page boxes exact to the millimetre's
 * hundredth, a background over the bleed, the front, the spine's text, the back, and for a
 * print shop the crop marks and the marks at the spine's folds. Colours are CMYK: type and bars
 * in black ink only (K 100 %), as shops and KDP ask; a cover image is embedded as it is.
 */
import {
  cmyk,
  fill,
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingColor,
  type Color,
  type PDFPage,
} from 'pdf-lib';
import type { CoverColour, CoverDesign } from '../layout/cover-design.ts';
import { drawCropMarks, drawFoldMarks, type Box } from '../pdf/press/crop-marks.ts';
import { drawBack, type BackContent, type BackResult } from './back.ts';
import { CoverFonts, type Face } from './fonts.ts';
import { drawCoverDesign, drawCoverImage } from './front.ts';
import type { Rect, SpreadGeometry } from './geometry.ts';
import { setSpineText, type SpineContent, type SpineResult, type SpineRules } from './spine-text.ts';
import { TextWriter } from './text.ts';
import { PT_PER_MM } from '../layout/units.ts';

/** The default cover's colours in print. */
const PRINT_COLOURS: Record<CoverColour, Color> = {
  paper: cmyk(0.03, 0.05, 0.11, 0),
  accent: cmyk(0.2, 0.9, 0.95, 0.2),
  ink: cmyk(0, 0, 0, 1),
  inkSoft: cmyk(0, 0, 0, 0.85),
};
const WHITE = cmyk(0, 0, 0, 0);

/** Everything the spread shows. */
export interface CoverContent {
  geometry: SpreadGeometry;
  marks: boolean;
  front: { image: { bytes: Uint8Array; type: 'jpeg' | 'png' } } | { design: CoverDesign };
  /** The spine's text, or why there is none. */
  spine: { content: SpineContent; rules: SpineRules } | { omitted: string };
  back: BackContent;
  faces: { heading: Face; headingLight: Face; body: Face };
  metadata: { title: string; authors: string[]; lang: string; created: Date };
}

/** The finished cover and what happened while making it. */
export interface ComposedCover {
  bytes: Uint8Array;
  /** Resolution of the cover image as printed, in pixels per inch. */
  imageResolution?: number;
  spine: SpineResult;
  back: BackResult;
  missingGlyphs: string[];
}

/** Make the cover PDF. */
export async function composeCover(content: CoverContent): Promise<ComposedCover> {
  const g = content.geometry;
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage([g.media.width * PT_PER_MM, g.media.height * PT_PER_MM]);
  const fonts = new CoverFonts(pdf);
  const box = (rect: Rect): Box => ({
    x: rect.x * PT_PER_MM,
    y: rect.y * PT_PER_MM,
    width: rect.width * PT_PER_MM,
    height: rect.height * PT_PER_MM,
  });
  const bleed = box(g.bleed);
  page.pushOperators(
    pushGraphicsState(),
    setFillingColor(PRINT_COLOURS.paper),
    rectangle(bleed.x, bleed.y, bleed.width, bleed.height),
    fill(),
    popGraphicsState(),
  );

  let imageResolution: number | undefined;
  if ('image' in content.front) {
    const { bytes, type } = content.front.image;
    const image = type === 'png' ? await pdf.embedPng(bytes) : await pdf.embedJpg(bytes);
    imageResolution = drawCoverImage(page, image, g.frontBleed);
  } else {
    drawCoverDesign(page, content.front.design, g.front, PRINT_COLOURS);
  }

  const writer = new TextWriter(page, fonts);
  const spine: SpineResult =
    'omitted' in content.spine
      ? { set: false, reason: content.spine.omitted }
      : await setSpineText(
          writer,
          fonts,
          g.spine,
          content.spine.content,
          { title: content.faces.heading, other: content.faces.headingLight },
          PRINT_COLOURS.ink,
          content.spine.rules,
        );
  const back = await drawBack(
    page,
    writer,
    fonts,
    g.back,
    g.backSpineSide,
    content.back,
    { body: content.faces.body, codes: content.faces.headingLight },
    { ink: PRINT_COLOURS.ink, white: WHITE },
  );
  writer.finish();
  setBoxes(page, content, { media: box(g.media), bleed, trim: box(g.trim) });
  const bytes = await save(pdf, content.metadata);
  return { bytes, imageResolution, spine, back, missingGlyphs: [...fonts.missing] };
}

/** The page boxes, exact, and for a print shop the crop marks and the marks at the spine's folds. */
function setBoxes(page: PDFPage, content: CoverContent, boxes: { media: Box; bleed: Box; trim: Box }): void {
  const { media, bleed, trim } = boxes;
  page.setMediaBox(media.x, media.y, media.width, media.height);
  page.setCropBox(media.x, media.y, media.width, media.height);
  page.setBleedBox(bleed.x, bleed.y, bleed.width, bleed.height);
  page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
  if (content.marks) {
    drawCropMarks(page, media, trim, bleed);
    drawFoldMarks(
      page,
      media,
      bleed,
      content.geometry.folds.map((x) => x * PT_PER_MM),
    );
  }
}

/** The document information, and the file. */
async function save(pdf: PDFDocument, metadata: CoverContent['metadata']): Promise<Uint8Array> {
  pdf.setTitle(`${metadata.title}（カバー）`, { showInWindowTitleBar: true });
  if (metadata.authors.length > 0) pdf.setAuthor(metadata.authors.join('、'));
  pdf.setLanguage(metadata.lang);
  pdf.setCreator('tategaki-book');
  pdf.setProducer('tategaki-book (pdf-lib)');
  pdf.setCreationDate(metadata.created);
  pdf.setModificationDate(metadata.created);
  return pdf.save({ useObjectStreams: false, addDefaultPage: false });
}
