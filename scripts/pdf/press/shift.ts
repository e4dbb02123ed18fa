/**
 * Moving what Chromium laid out on a page, without moving what the press draws on it afterwards:
 * the page's content, its link rectangles and the named destinations that point into it.
 */
import {
  popGraphicsState,
  pushGraphicsState,
  translate,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFDocument,
  type PDFPage,
} from 'pdf-lib';

/** How far a page's content moved, in points. */
export interface Shift {
  dx: number;
  dy: number;
}

/** Streams that open and close a shift, shared by every page with the same offsets. */
const wrappers = new WeakMap<PDFDocument, Map<string, [PDFRef, PDFRef]>>();

/**
 * Wrap the page's existing content in `q … cm … Q`. pdf-lib's translateContent would also wrap
 * the stream it draws into, moving everything drawn afterwards (folios, marks) as well, and would
 * make two compressed streams per page; pages with the same shift share them here.
 */
export function shiftContent(page: PDFPage, dx: number, dy: number): void {
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
export function shiftAnnotations(page: PDFPage, dx: number, dy: number): void {
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
export function shiftDestinations(pdf: PDFDocument, shifts: ReadonlyMap<string, Shift>): void {
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
