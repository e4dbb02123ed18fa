/**
 * Post-processing of Chromium's PDF with pdf-lib: blank pages are added where a recto is due,
 * the front matter is swapped for the rendering with real page numbers, every page's text is
 * moved towards its fore-edge (widening the ノド margin), page boxes are set exactly (Chromium
 * rounds page sizes to whole CSS pixels) for the print profile, folios, running heads and crop
 * marks are drawn, and bookmarks, metadata and reading direction are written; a one-colour book
 * is made gray, a PDF/X-1a gets its keys, and the file its identifier.
 */
import {
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFEmbeddedPage,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { BuildError } from '../../errors.ts';
import type { FontStack } from '../../fonts/stack.ts';
import type { PageGeometry } from '../../layout/geometry.ts';
import { PT_PER_MM } from '../../layout/units.ts';
import { drawCropMarks } from './crop-marks.ts';
import { kdpMarkPlaces } from './kdp-margins.ts';
import { reserveDocumentId, stampDocumentId } from './document-id.ts';
import { nameFontsByWeight } from './font-names.ts';
import { convertToGray, type GrayReport } from './gray/convert.ts';
import { writeMetadata, type PdfMetadata } from './metadata.ts';
import type { PressOptions } from './options.ts';
import { writeOutline, type OutlineItem } from './outline.ts';
import { pageBoxes } from './page-boxes.ts';
import { drawPageMarks, MarkFonts, type MarkLayout, type PageMark } from './page-marks.ts';
import { applyPdfX1a, withPdfX1aHeader } from './pdfx.ts';
import { shiftAnnotations, shiftContent, shiftDestinations, type Shift } from './shift.ts';

/** What composition needs besides the two renderings. */
export interface ComposeOptions {
  geometry: PageGeometry;
  /** The final pages in order: an index into the main rendering, or null for a blank page. */
  sequence: readonly (number | null)[];
  /** Leading pages of the main rendering replaced by the front-matter rendering (扉, 目次 with page numbers). */
  frontPages: number;
  /** Folios and running heads, by final page. */
  marks: readonly PageMark[];
  /** The body face's fonts, which draw the marks. */
  markFonts: FontStack;
  outline: OutlineItem[];
  metadata: PdfMetadata;
  /** What the destination asks for: colour, PDF/X, marks, links and bookmarks. */
  press: PressOptions;
  /** Whether 、。 hang past the end of a line (ぶら下げ): the margin below a vertical 版面 keeps room for them. */
  hanging: boolean;
  /**
   * The pictures to the paper's edges (`:::bleed`), rendered one a page at the sheet's size, and
   * the final page each goes on (by its place in that rendering).
   */
  bleedPictures?: { bytes: Promise<Uint8Array>; pages: ReadonlyMap<number, number> };
}

/** The finished PDF and facts about it. */
export interface ComposedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Fonts embedded as Type 3 (print shops reject them); 0 when all is well. */
  type3Fonts: number;
  /** Characters of running heads that no font could draw. */
  missingGlyphs: string[];
  /** What the one-colour conversion did, and how long it took (ms), when it ran. */
  gray?: GrayReport & { ms: number };
}

/**
 * Combine the main rendering (already parsed, and changed in place) with the front-matter
 * rendering into the final PDF. The front matter may still be rendering: the other pages are
 * finished first.
 */
export async function composePdf(
  main: PDFDocument,
  frontBytes: Promise<Uint8Array>,
  options: ComposeOptions,
): Promise<ComposedPdf> {
  const { sequence, frontPages } = options;
  const rendered = main.getPage(0).getSize();
  sequence.forEach((source, index) => {
    if (source === null) main.insertPage(index, [rendered.width, rendered.height]);
  });
  const total = main.getPageCount();
  const frontPositions = sequence.flatMap((source, index) => (source !== null && source < frontPages ? [index] : []));
  const pages = new PageFinisher(main, options);
  if (options.bleedPictures) await pages.embedBleedPictures(options.bleedPictures);
  const isFront = new Set(frontPositions);
  for (const [index, page] of main.getPages().entries()) if (!isFront.has(index)) await pages.finish(page, index);
  const front = await PDFDocument.load(await frontBytes, { updateMetadata: false });
  if (total !== sequence.length || front.getPageCount() !== frontPages) {
    throw new BuildError(
      `internal: the front matter came out as ${front.getPageCount()} pages instead of ${frontPages}`,
      {
        hint: 'please report this with the manuscript that causes it',
        ruleId: 'pdf-front-matter',
      },
    );
  }
  await replaceFrontPages(main, front, frontPositions);
  nameFontsByWeight(main);
  for (const index of frontPositions) await pages.finish(main.getPage(index), index);
  shiftDestinations(main, pages.shifts);
  const finished = await finishDocument(main, options);
  return { ...finished, pages: total, missingGlyphs: [...pages.fonts.missing] };
}

/** Each page finished in place: content moved, folio and running head drawn, boxes set, crop marks drawn. */
class PageFinisher {
  /** How far each page's content moved, by its reference. */
  readonly shifts = new Map<string, Shift>();
  readonly fonts: MarkFonts;
  private readonly marks: Map<number, PageMark>;
  private readonly layout: MarkLayout;
  private bleedPictures = new Map<number, PDFEmbeddedPage>();

  constructor(
    private readonly main: PDFDocument,
    private readonly options: ComposeOptions,
  ) {
    const g = options.geometry;
    this.fonts = new MarkFonts(main, options.markFonts);
    this.marks = new Map(options.marks.map((mark) => [mark.index, mark]));
    this.layout = {
      folioSize: g.fontSize * 0.85,
      headSize: g.fontSize * 0.75,
      fore: g.margin.fore * PT_PER_MM,
      top: g.margin.top * PT_PER_MM,
      bottom: g.margin.bottom * PT_PER_MM,
      hiddenFolio: options.press.hiddenFolio,
      // KDP's: no text under 7 pt, every mark inside its margins.
      ...(g.profile === 'kdp' ? kdpMarkPlaces(g, { hanging: options.hanging }) : {}),
    };
  }

  /** Embed the rendered pictures to the edges, for the pages they go on. */
  async embedBleedPictures(pictures: NonNullable<ComposeOptions['bleedPictures']>): Promise<void> {
    const source = await PDFDocument.load(await pictures.bytes, { updateMetadata: false });
    const wanted = [...pictures.pages];
    const embedded = await this.main.embedPages(wanted.map(([, picture]) => source.getPage(picture)));
    for (const page of embedded) {
      // pdf-lib writes an embedded page at save time, as a stream of its own kind: written now,
      // as the raw stream every rendered form is, the one-colour conversion finds and converts it.
      await page.embed();
      const form = this.main.context.lookup(page.ref);
      if (form instanceof PDFStream && !(form instanceof PDFRawStream))
        this.main.context.assign(page.ref, PDFRawStream.of(form.dict, form.getContents()));
    }
    this.bleedPictures = new Map(wanted.map(([page], k) => [page, embedded[k]!]));
  }

  /** Finish the page at `index` of the final sequence. */
  async finish(page: PDFPage, index: number): Promise<void> {
    const boxes = pageBoxes(this.options.geometry, index + 1, page.getHeight());
    const { media, bleed, trim } = boxes;
    // The text moves towards the fore-edge; folios, running heads and crop marks are drawn in place.
    shiftContent(page, boxes.dx, boxes.dy);
    shiftAnnotations(page, boxes.dx, boxes.dy);
    this.shifts.set(page.ref.toString(), { dx: boxes.dx, dy: boxes.dy });
    const picture = this.bleedPictures.get(index);
    // The picture's page has the sheet's size: its trim lies on the page's trim, its bleed beyond.
    const bleedPt = this.options.geometry.bleed * PT_PER_MM;
    if (picture)
      page.drawPage(picture, {
        x: trim.x - bleedPt,
        y: trim.y - bleedPt,
        width: trim.width + 2 * bleedPt,
        height: trim.height + 2 * bleedPt,
      });
    const mark = this.marks.get(index);
    if (mark) await drawPageMarks(page, mark, trim, boxes.foreLeft, this.layout, this.fonts);
    page.setMediaBox(media.x, media.y, media.width, media.height);
    page.setCropBox(media.x, media.y, media.width, media.height);
    page.setBleedBox(bleed.x, bleed.y, bleed.width, bleed.height);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    if (this.options.press.marks) drawCropMarks(page, media, trim, bleed);
  }
}

/**
 * What the destination asks of the whole document: links and bookmarks or none, metadata, one
 * colour, PDF/X-1a; then the file, saved without object streams and given its identifier.
 */
async function finishDocument(
  main: PDFDocument,
  options: ComposeOptions,
): Promise<Pick<ComposedPdf, 'bytes' | 'type3Fonts' | 'gray'>> {
  const { press } = options;
  if (!press.links) for (const page of main.getPages()) page.node.delete(PDFName.of('Annots'));
  if (press.outline) writeOutline(main, options.outline);
  writeMetadata(main, options.metadata, options.geometry.vertical);
  const type3Fonts = countType3Fonts(main);
  let gray: ComposedPdf['gray'];
  if (press.color === 'mono') {
    const started = performance.now();
    const report = convertToGray(main);
    gray = { ...report, ms: performance.now() - started };
    if (report.problems.length > 0) throw grayError(report);
  }
  if (press.pdfx) applyPdfX1a(main, { title: options.metadata.title, created: options.metadata.created });
  reserveDocumentId(main);
  const saved = await main.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  // The identifier is a hash of the finished file, header included.
  const bytes = stampDocumentId(press.pdfx ? withPdfX1aHeader(saved) : saved);
  return { bytes, type3Fonts, gray };
}

/** What a one-colour book cannot have, page by page. */
function grayError(report: GrayReport): BuildError {
  const byMessage = new Map<string, number[]>();
  for (const problem of report.problems)
    byMessage.set(problem.message, [...(byMessage.get(problem.message) ?? []), problem.page]);
  const lines = [...byMessage].map(
    ([message, pages]) => `${message} (page${pages.length > 1 ? 's' : ''} ${pages.join(', ')})`,
  );
  return new BuildError(`the one-colour (print.color: mono) PDF cannot be made: ${lines.join('; ')}`, {
    hint: 'give such pictures as opaque PNG or JPEG (transparency in SVG cannot be flattened without rasterising), or set print.color: color',
    ruleId: 'pdf-mono',
  });
}

/** Swap the front pages (at `positions`) for the finished ones, keeping their links. */
async function replaceFrontPages(main: PDFDocument, front: PDFDocument, positions: readonly number[]): Promise<void> {
  if (positions.length === 0) return;
  const copies = await main.copyPages(
    front,
    positions.map((_, index) => index),
  );
  copies.forEach((copy, k) => {
    const index = positions[k]!;
    const old = main.getPage(index);
    // The 目次's links point at named destinations, which stay valid; the layout is the same.
    const annotations = old.node.get(PDFName.of('Annots'));
    if (annotations) copy.node.set(PDFName.of('Annots'), annotations);
    else copy.node.delete(PDFName.of('Annots'));
    const contents = old.node.get(PDFName.of('Contents'));
    main.removePage(index);
    main.insertPage(index, copy);
    // pdf-lib keeps every object it has ever seen; drop the replaced page's own ones.
    main.context.delete(old.ref);
    if (contents instanceof PDFRef) main.context.delete(contents);
  });
}

/** Count Type 3 fonts anywhere in the document's page and form resources. */
function countType3Fonts(pdf: PDFDocument): number {
  const seen = new Set<string>();
  let type3 = 0;
  const visitResources = (resources: PDFObject | undefined) => {
    const dict = resources instanceof PDFRef ? pdf.context.lookup(resources) : resources;
    if (!(dict instanceof PDFDict)) return;
    const fonts = dict.lookup(PDFName.of('Font'));
    if (fonts instanceof PDFDict) {
      for (const [, ref] of fonts.entries()) {
        const key = ref.toString();
        if (seen.has(key)) continue;
        seen.add(key);
        const font = pdf.context.lookup(ref);
        if (font instanceof PDFDict && font.lookup(PDFName.of('Subtype'))?.toString() === '/Type3') type3++;
      }
    }
    const xobjects = dict.lookup(PDFName.of('XObject'));
    if (xobjects instanceof PDFDict) {
      for (const [, ref] of xobjects.entries()) {
        const key = `x${ref.toString()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const xobject = pdf.context.lookup(ref);
        const streamDict = xobject && 'dict' in xobject ? (xobject as { dict: PDFDict }).dict : undefined;
        visitResources(streamDict?.get(PDFName.of('Resources')));
      }
    }
  };
  for (const page of pdf.getPages()) visitResources(page.node.get(PDFName.of('Resources')));
  return type3;
}
