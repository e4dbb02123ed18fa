/** Reading back what Chromium laid out: where each anchor landed, which pages are empty. */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFObject,
} from 'pdf-lib';

/** The layout facts post-processing needs. */
export interface LayoutFacts {
  pageCount: number;
  /** Named destination (an element id that a link points at) → 0-based page index. */
  destinations: Map<string, number>;
  /** 0-based indexes of pages on which nothing is drawn. */
  blankPages: Set<number>;
}

/** Read named destinations and blank pages from a PDF Chromium printed. */
export function inspectLayout(pdf: PDFDocument): LayoutFacts {
  const pages = pdf.getPages();
  const indexOf = new Map(pages.map((page, index) => [page.ref.toString(), index]));
  const destinations = new Map<string, number>();
  const record = (name: string, value: PDFObject | undefined) => {
    const target =
      value instanceof PDFArray
        ? value.get(0)
        : value instanceof PDFDict
          ? (value.lookup(PDFName.of('D')) as PDFArray | undefined)?.get(0)
          : undefined;
    if (target instanceof PDFRef) {
      const index = indexOf.get(target.toString());
      if (index !== undefined) destinations.set(name, index);
    }
  };
  const context = pdf.context;
  const dests = pdf.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) record(decodeName(key.asString()), context.lookup(value));
  }
  // Newer writers use a name tree under /Names /Dests instead.
  const names = pdf.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('Dests')) : undefined;
  if (tree instanceof PDFDict) walkNameTree(tree, record);

  const blankPages = new Set<number>();
  pages.forEach((page, index) => {
    if (!drawsAnything(page.node.Contents(), pdf)) blankPages.add(index);
  });
  return { pageCount: pages.length, destinations, blankPages };
}

function walkNameTree(node: PDFDict, record: (name: string, value: PDFObject | undefined) => void): void {
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : String(key);
      record(name, names.lookup(i + 1));
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) {
    for (let i = 0; i < kids.size(); i++) {
      const kid = kids.lookup(i);
      if (kid instanceof PDFDict) walkNameTree(kid, record);
    }
  }
}

const PAINTING = /(?:^|[\s\]>)])(?:Tj|TJ|'|"|Do|f\*?|F|B\*?|b\*?|S|s|sh|BI)(?=[\s[<(/]|$)/m;

/** Compressed content this long or longer always paints something: only short streams are read. */
const SURELY_DRAWS = 256;

/** Whether a page's content streams paint anything (text, images, paths). */
function drawsAnything(contents: PDFObject | undefined, pdf: PDFDocument): boolean {
  if (contents === undefined) return false;
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((item) => pdf.context.lookup(item)) : [contents];
  return streams.some((stream) => {
    if (!(stream instanceof PDFRawStream) || stream.contents.length >= SURELY_DRAWS) return true;
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    return PAINTING.test(text);
  });
}

/** PDF names escape bytes as #xx; ids are UTF-8. */
export function decodeName(raw: string): string {
  const body = raw.startsWith('/') ? raw.slice(1) : raw;
  const bytes = body.replace(/#([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
