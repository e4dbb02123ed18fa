/**
 * Joining the renderings of a book's parts into one PDF: pages in order, and one set of named
 * destinations in which every name points at the page of the part that holds the element (a
 * part's placeholder for an element elsewhere is dropped).
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { decodeName } from '../inspect/layout-facts.ts';

/** A rendered part and the ids whose destinations it owns. */
export interface RenderedPart {
  bytes: Uint8Array;
  ids: ReadonlySet<string>;
}

/** Merge parts (in order) into the first one's document. */
export async function mergeParts(parts: readonly RenderedPart[]): Promise<PDFDocument> {
  const [first, ...rest] = parts;
  if (!first) throw new Error('no parts to merge');
  const merged = await PDFDocument.load(first.bytes, { updateMetadata: false });
  if (rest.length === 0) return merged;

  const destinations = merged.context.obj({}) as PDFDict;
  const keep = (document: PDFDocument, ids: ReadonlySet<string>, pageRefs: Map<string, PDFRef>) => {
    for (const [key, value] of namedDestinations(document)) {
      if (!ids.has(decodeName(key.asString()))) continue;
      const array = value instanceof PDFDict ? value.lookup(PDFName.of('D')) : value;
      if (!(array instanceof PDFArray)) continue;
      const page = array.get(0);
      const target = page instanceof PDFRef ? pageRefs.get(page.toString()) : undefined;
      if (!target) continue;
      const copy = merged.context.obj([
        target,
        ...array
          .asArray()
          .slice(1)
          .map((item) => document.context.lookup(item) ?? item),
      ]);
      destinations.set(key, copy);
    }
  };
  keep(merged, first.ids, new Map(merged.getPages().map((page) => [page.ref.toString(), page.ref])));
  for (const part of rest) {
    const document = await PDFDocument.load(part.bytes, { updateMetadata: false });
    const copies = await merged.copyPages(document, document.getPageIndices());
    const pageRefs = new Map<string, PDFRef>();
    document.getPages().forEach((page, index) => {
      merged.addPage(copies[index]!);
      pageRefs.set(page.ref.toString(), copies[index]!.ref);
    });
    keep(document, part.ids, pageRefs);
  }
  merged.catalog.set(PDFName.of('Dests'), merged.context.register(destinations));
  const names = merged.catalog.lookup(PDFName.of('Names'));
  if (names instanceof PDFDict) names.delete(PDFName.of('Dests'));
  return merged;
}

/** A document's named destinations from its /Dests dictionary (the form Chromium writes). */
function namedDestinations(document: PDFDocument): [PDFName, PDFObject | undefined][] {
  const dests = document.catalog.lookup(PDFName.of('Dests'));
  if (!(dests instanceof PDFDict)) return [];
  return dests.entries().map(([key, value]) => [key, document.context.lookup(value)]);
}

/** Remove the links whose destination name `isProbe` accepts (the build's own page probes). */
export function removeProbeLinks(document: PDFDocument, isProbe: (name: string) => boolean): void {
  for (const page of document.getPages()) {
    const annotations = page.node.lookup(PDFName.of('Annots'));
    if (!(annotations instanceof PDFArray)) continue;
    const kept = annotations.asArray().filter((ref) => {
      const annotation = document.context.lookup(ref);
      const dest = annotation instanceof PDFDict ? annotation.lookup(PDFName.of('Dest')) : undefined;
      return !(dest instanceof PDFName && isProbe(decodeName(dest.asString())));
    });
    if (kept.length === annotations.size()) continue;
    if (kept.length === 0) page.node.delete(PDFName.of('Annots'));
    else page.node.set(PDFName.of('Annots'), document.context.obj(kept));
  }
}
