/** Small PDFs made with pdf-lib in tests, each page drawn with a content stream written by hand. */
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFContext } from 'pdf-lib';

/** A dictionary as pdf-lib's `context.obj` takes it (pdf-lib does not export the type). */
type Entries = Parameters<PDFContext['stream']>[1] & object;

/** One page: its content (operators as text), resources, and boxes in points. */
export interface PageSpec {
  content: string;
  /** Builds the page's resources dictionary in the document's context. */
  resources?: (context: PDFContext) => Entries;
  size?: [number, number];
  trim?: [number, number, number, number];
  bleed?: [number, number, number, number];
}

/** A document with the given pages; content streams are Flate-compressed as Chromium writes them. */
export async function makePdf(pages: PageSpec[]): Promise<PDFDocument> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  for (const spec of pages) {
    const page = pdf.addPage(spec.size ?? [300, 400]);
    const context = pdf.context;
    const stream = PDFRawStream.of(
      context.obj({ Filter: 'FlateDecode' }) as PDFDict,
      deflateSync(Buffer.from(spec.content, 'latin1')),
    );
    page.node.set(PDFName.of('Contents'), context.register(stream));
    page.node.set(PDFName.of('Resources'), context.obj(spec.resources?.(context) ?? {}) as PDFDict);
    if (spec.trim) page.setTrimBox(...spec.trim);
    if (spec.bleed) page.setBleedBox(...spec.bleed);
  }
  return pdf;
}

/** Register a stream with a dictionary and raw (already encoded) data. */
export function stream(context: PDFContext, dict: Entries, data: Uint8Array | string, flate = false): PDFRef {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const entries: Entries = flate ? { ...dict, Filter: 'FlateDecode' } : dict;
  return context.register(PDFRawStream.of(context.obj(entries) as PDFDict, flate ? deflateSync(bytes) : bytes));
}

/** The decoded content of a page's streams, joined. */
export function pageContent(pdf: PDFDocument, index: number): string {
  const page = pdf.getPage(index);
  const contents = page.node.Contents();
  const list =
    contents && 'asArray' in contents
      ? (contents as unknown as { asArray(): unknown[] }).asArray()
      : [page.node.get(PDFName.of('Contents'))];
  return list
    .map((ref) => {
      const object = pdf.context.lookup(ref as PDFRef);
      if (!(object instanceof PDFRawStream)) return '';
      const filter = object.dict.lookup(PDFName.of('Filter'));
      return filter
        ? Buffer.from(inflateSync(object.contents)).toString('latin1')
        : Buffer.from(object.contents).toString('latin1');
    })
    .join('\n');
}
