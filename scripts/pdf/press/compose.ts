/**
 * Post-processing of Chromium's PDF with pdf-lib: blank pages are added where a recto is due,
 * the front matter is swapped for the rendering with real page numbers, every page's text is
 * moved towards its fore-edge (widening the ノド margin), page boxes are set exactly (Chromium rounds page sizes to whole CSS
 * pixels) for the print profile, folios, running heads and crop marks are drawn, and bookmarks,
 * metadata and reading direction are written.
 */
import {
  popGraphicsState,
  pushGraphicsState,
  translate,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRef,
  ReadingDirection,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { BuildError } from '../../errors.ts';
import type { FontStack } from '../../fonts/stack.ts';
import { foreEdgeIsLeft, type PageGeometry } from '../../layout/geometry.ts';
import { reserveDocumentId, stampDocumentId } from './document-id.ts';
import { drawCropMarks, type Box } from './crop-marks.ts';
import { drawPageMarks, MarkFonts, type MarkLayout, type PageMark } from './page-marks.ts';
import { writeOutline, type OutlineItem } from './outline.ts';
import { convertToGray, type GrayReport } from './gray/convert.ts';
import { applyPdfX1a, withPdfX1aHeader } from './pdfx.ts';
import { KDP_MIN_TEXT_PT } from '../inspect/destinations.ts';
import type { PressOptions } from './options.ts';
import { PT_PER_MM } from '../../layout/units.ts';

/** Room for crop marks outside the bleed in the print-shop profile. */
const MARK_AREA = 12;

/** Document information for the PDF's metadata. */
export interface PdfMetadata {
  title: string;
  authors: string[];
  subject?: string;
  keywords: string[];
  lang: string;
  created: Date;
}

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
  const { geometry: g, sequence, frontPages } = options;
  const rendered = main.getPage(0).getSize();
  sequence.forEach((source, index) => {
    if (source === null) main.insertPage(index, [rendered.width, rendered.height]);
  });
  const total = main.getPageCount();
  const frontPositions = sequence.flatMap((source, index) => (source !== null && source < frontPages ? [index] : []));

  const marks = new Map(options.marks.map((mark) => [mark.index, mark]));
  const fonts = new MarkFonts(main, options.markFonts);
  const layout: MarkLayout = {
    folioSize: g.fontSize * 0.85,
    // KDP takes no text under 7 pt; running heads are otherwise three quarters of the body size.
    headSize: Math.max(g.profile === 'kdp' ? KDP_MIN_TEXT_PT : 0, g.fontSize * 0.75),
    fore: g.margin.fore * PT_PER_MM,
    top: g.margin.top * PT_PER_MM,
    bottom: g.margin.bottom * PT_PER_MM,
    hiddenFolio: options.press.hiddenFolio,
  };
  const exact = { width: g.sheet.width * PT_PER_MM, height: g.sheet.height * PT_PER_MM };
  const bleed = g.bleed * PT_PER_MM;
  const trim = { width: g.trim.width * PT_PER_MM, height: g.trim.height * PT_PER_MM };
  // Chromium lays every page out with equal side margins; moving the text half the difference
  // towards the fore-edge (小口) leaves the binding side (ノド) the wider margin the settings ask for.
  const foreShift = ((g.margin.gutter - g.margin.fore) / 2) * PT_PER_MM;
  const shifts = new Map<string, { dx: number; dy: number }>();

  const finish = async (page: PDFPage, index: number) => {
    const number = index + 1;
    const foreLeft = foreEdgeIsLeft(g, number);
    const toFore = foreLeft ? -foreShift : foreShift;
    // Chromium put the content at the top of a page rounded to whole pixels.
    const dy = exact.height - page.getHeight();
    let dx = 0;
    let media: Box;
    let trimBox: Box;
    let bleedBox: Box;
    if (g.profile === 'print-shop') {
      const margin = MARK_AREA * PT_PER_MM;
      dx = margin;
      media = { x: 0, y: 0, width: exact.width + 2 * margin, height: exact.height + 2 * margin };
      bleedBox = { x: margin, y: margin, width: exact.width, height: exact.height };
      trimBox = { x: margin + bleed, y: margin + bleed, width: trim.width, height: trim.height };
    } else if (g.profile === 'kdp') {
      // KDP wants bleed on the top, bottom and outer edge only: the gutter-side strip is cut off.
      dx = foreLeft ? 0 : -bleed;
      media = { x: 0, y: 0, width: exact.width - bleed, height: exact.height };
      bleedBox = media;
      trimBox = { x: foreLeft ? bleed : 0, y: bleed, width: trim.width, height: trim.height };
    } else {
      media = { x: 0, y: 0, width: exact.width, height: exact.height };
      bleedBox = media;
      trimBox = media;
    }
    const offsetY = dy + (g.profile === 'print-shop' ? MARK_AREA * PT_PER_MM : 0);
    // The text moves towards the fore-edge; folios, running heads and crop marks are drawn in place.
    shiftContent(page, toFore + dx, offsetY);
    shiftAnnotations(page, toFore + dx, offsetY);
    shifts.set(page.ref.toString(), { dx: toFore + dx, dy: offsetY });
    const mark = marks.get(index);
    if (mark) await drawPageMarks(page, mark, trimBox, foreLeft, layout, fonts);
    page.setMediaBox(media.x, media.y, media.width, media.height);
    page.setCropBox(media.x, media.y, media.width, media.height);
    page.setBleedBox(bleedBox.x, bleedBox.y, bleedBox.width, bleedBox.height);
    page.setTrimBox(trimBox.x, trimBox.y, trimBox.width, trimBox.height);
    if (options.press.marks) drawCropMarks(page, media, trimBox, bleedBox);
  };

  const isFront = new Set(frontPositions);
  for (const [index, page] of main.getPages().entries()) if (!isFront.has(index)) await finish(page, index);
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
  for (const index of frontPositions) await finish(main.getPage(index), index);
  shiftDestinations(main, shifts);

  const { press } = options;
  if (!press.links) for (const page of main.getPages()) page.node.delete(PDFName.of('Annots'));
  if (press.outline) writeOutline(main, options.outline);
  writeMetadata(main, options.metadata, g.vertical);
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
  return { bytes, pages: total, type3Fonts, missingGlyphs: [...fonts.missing], gray };
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

/** Streams that open and close a shift, shared by every page with the same offsets. */
const wrappers = new WeakMap<PDFDocument, Map<string, [PDFRef, PDFRef]>>();

/**
 * Wrap the page's existing content in `q … cm … Q`. pdf-lib's translateContent would also wrap
 * the stream it draws into, moving everything drawn afterwards (folios, marks) as well, and would
 * make two compressed streams per page; pages with the same shift share them here.
 */
function shiftContent(page: PDFPage, dx: number, dy: number): void {
  if (dx === 0 && dy === 0) return;
  const context = page.doc.context;
  let byOffset = wrappers.get(page.doc);
  if (!byOffset) wrappers.set(page.doc, (byOffset = new Map()));
  const key = `${dx} ${dy}`;
  let pair = byOffset.get(key);
  if (!pair) {
    pair = [
      context.register(PDFContentStream.of(context.obj({}), [pushGraphicsState(), translate(dx, dy)], false)),
      context.register(PDFContentStream.of(context.obj({}), [popGraphicsState()], false)),
    ];
    byOffset.set(key, pair);
  }
  page.node.normalize();
  page.node.wrapContentStreams(pair[0], pair[1]);
}

/** Move link rectangles along with the content they sit on. */
function shiftAnnotations(page: PDFPage, dx: number, dy: number): void {
  const annotations = page.node.lookup(PDFName.of('Annots'));
  if (!(annotations instanceof PDFArray)) return;
  for (let i = 0; i < annotations.size(); i++) {
    const annotation = annotations.lookup(i);
    if (!(annotation instanceof PDFDict)) continue;
    for (const key of ['Rect', 'QuadPoints']) {
      const values = annotation.lookup(PDFName.of(key));
      if (!(values instanceof PDFArray)) continue;
      for (let k = 0; k < values.size(); k++) {
        const value = values.lookup(k);
        if (value instanceof PDFNumber) values.set(k, PDFNumber.of(value.asNumber() + (k % 2 === 0 ? dx : dy)));
      }
    }
  }
}

/** Keep named destinations (`/XYZ left top`) on the spot their element moved to. */
function shiftDestinations(pdf: PDFDocument, shifts: Map<string, { dx: number; dy: number }>): void {
  const dests = pdf.catalog.lookup(PDFName.of('Dests'));
  if (!(dests instanceof PDFDict)) return;
  for (const [, value] of dests.entries()) {
    const dest = pdf.context.lookup(value);
    if (!(dest instanceof PDFArray) || dest.size() < 4) continue;
    const page = dest.get(0);
    const shift = page instanceof PDFRef ? shifts.get(page.toString()) : undefined;
    if (!shift || dest.lookup(1)?.toString() !== '/XYZ') continue;
    const left = dest.lookup(2);
    const top = dest.lookup(3);
    if (left instanceof PDFNumber) dest.set(2, PDFNumber.of(left.asNumber() + shift.dx));
    if (top instanceof PDFNumber) dest.set(3, PDFNumber.of(top.asNumber() + shift.dy));
  }
}

function writeMetadata(pdf: PDFDocument, metadata: PdfMetadata, vertical: boolean): void {
  pdf.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.authors.length > 0) pdf.setAuthor(metadata.authors.join('、'));
  if (metadata.subject) pdf.setSubject(metadata.subject);
  if (metadata.keywords.length > 0) pdf.setKeywords(metadata.keywords);
  pdf.setLanguage(metadata.lang);
  pdf.setCreator('tategaki-book');
  pdf.setProducer('tategaki-book (Chromium, pdf-lib)');
  pdf.setCreationDate(metadata.created);
  pdf.setModificationDate(metadata.created);
  const preferences = pdf.catalog.getOrCreateViewerPreferences();
  preferences.setDisplayDocTitle(true);
  // Pages of a 縦書き book turn right to left, spreads show the odd page on the left.
  if (vertical) preferences.setReadingDirection(ReadingDirection.R2L);
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
