/**
 * Facts about a PDF file that its destination's rules are checked against: the header and
 * file structure, document information, output intents, and for every page its boxes,
 * annotations, fonts and what it paints. Reading is separate from judging (checks.ts), so
 * that the rules are tested on plain data.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { numberArray } from '../resources.ts';
import { walkPage, type PaintFacts, type Rect } from './walk.ts';

/** A font a page uses. */
interface FontFact {
  name: string;
  subtype: string;
  embedded: boolean;
}

/** One page: 1-based number, boxes (absent when the page has none of its own), annotations, fonts, paint. */
export interface PageFacts extends PaintFacts {
  number: number;
  media: Rect;
  trim?: Rect;
  bleed?: Rect;
  annotations: { subtype: string; rect?: Rect }[];
  fonts: FontFact[];
}

/** An output intent of the document. */
interface OutputIntentFact {
  subtype: string;
  identifier?: string;
  registry?: string;
  hasProfile: boolean;
}

/** Everything the checks look at. */
export interface DocumentFacts {
  /** PDF version from the header (or the catalog's /Version when later). */
  version: string;
  objectStreams: boolean;
  encrypted: boolean;
  javascript: boolean;
  /** The trailer's file identifier is present. */
  fileId: boolean;
  info: Record<string, string | undefined>;
  outputIntents: OutputIntentFact[];
  /** Number of top-level bookmarks. */
  outline: number;
  pages: PageFacts[];
}

const name = (key: string) => PDFName.of(key);

/** Read the facts of a PDF file; without `paint`, what pages paint is not read (a screen PDF needs none of it). */
export async function readPdfFacts(bytes: Uint8Array, options: { paint?: boolean } = {}): Promise<DocumentFacts> {
  const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const headerVersion = /%PDF-(\d\.\d)/.exec(head)?.[1] ?? '?';
  const catalogVersion = pdf.catalog.lookup(name('Version'))?.toString().replace(/^\//, '');
  const version = catalogVersion && catalogVersion > headerVersion ? catalogVersion : headerVersion;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return {
    version,
    objectStreams: /\/Type\s*\/(ObjStm|XRef)\b/.test(text),
    encrypted: pdf.isEncrypted,
    javascript: hasJavaScript(pdf),
    fileId: pdf.context.trailerInfo.ID !== undefined,
    info: documentInfo(pdf),
    outputIntents: outputIntents(pdf),
    outline: topLevelBookmarks(pdf),
    pages: pdf.getPages().map((page, index) => pageFacts(pdf, page, index, options.paint !== false)),
  };
}

/** Whether any object or the name tree holds JavaScript. */
function hasJavaScript(pdf: PDFDocument): boolean {
  let javascript = false;
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object;
    if (dict instanceof PDFDict && (dict.lookup(name('S'))?.toString() === '/JavaScript' || dict.has(name('JS'))))
      javascript = true;
  }
  const names = pdf.catalog.lookup(name('Names'));
  if (names instanceof PDFDict && names.has(name('JavaScript'))) javascript = true;
  return javascript;
}

/** The document information dictionary, as text. */
function documentInfo(pdf: PDFDocument): Record<string, string | undefined> {
  const infoObject = pdf.context.lookup(pdf.context.trailerInfo.Info);
  const info: Record<string, string | undefined> = {};
  if (infoObject instanceof PDFDict) {
    for (const [key, value] of infoObject.entries())
      info[key.decodeText()] = textOf(pdf.context.lookup(value) ?? value);
  }
  return info;
}

function outputIntents(pdf: PDFDocument): OutputIntentFact[] {
  const intents = pdf.catalog.lookup(name('OutputIntents'));
  if (!(intents instanceof PDFArray)) return [];
  return intents.asArray().flatMap((item) => {
    const intent = pdf.context.lookup(item);
    if (!(intent instanceof PDFDict)) return [];
    return [
      {
        subtype: intent.lookup(name('S'))?.toString().replace(/^\//, '') ?? '',
        identifier: textOf(intent.lookup(name('OutputConditionIdentifier'))),
        registry: textOf(intent.lookup(name('RegistryName'))),
        hasProfile: intent.has(name('DestOutputProfile')),
      },
    ];
  });
}

function topLevelBookmarks(pdf: PDFDocument): number {
  const outlines = pdf.catalog.lookup(name('Outlines'));
  let outline = 0;
  if (outlines instanceof PDFDict) {
    let item = outlines.lookup(name('First'));
    const seen = new Set<PDFObject>();
    while (item instanceof PDFDict && !seen.has(item)) {
      seen.add(item);
      outline++;
      item = item.lookup(name('Next'));
    }
  }
  return outline;
}

/** One page's boxes, annotations, fonts, and (with `paint`) what it paints inside its trim. */
function pageFacts(pdf: PDFDocument, page: PDFPage, index: number, paint: boolean): PageFacts {
  const node = page.node;
  const box = (key: string): Rect | undefined => {
    const values = numberArray(node.lookup(name(key)));
    return values.length === 4 ? normalise(values as [number, number, number, number]) : undefined;
  };
  const media = box('MediaBox') ?? rectOf(page.getMediaBox());
  const trim = box('TrimBox');
  const bleed = box('BleedBox');
  const resources = node.Resources();
  const contents = node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [node.get(name('Contents'))!] : [];
  const painted: PaintFacts = paint
    ? walkPage(pdf.context, resources, streams, trim ?? media)
    : { colorSpaces: new Set(), transparency: new Set(), images: [], inked: true };
  const annots = node.lookup(name('Annots'));
  const annotations =
    annots instanceof PDFArray
      ? annots.asArray().flatMap((item) => {
          const annotation = pdf.context.lookup(item);
          if (!(annotation instanceof PDFDict)) return [];
          const values = numberArray(annotation.lookup(name('Rect')));
          return [
            {
              subtype: annotation.lookup(name('Subtype'))?.toString().replace(/^\//, '') ?? '',
              rect: values.length === 4 ? normalise(values as [number, number, number, number]) : undefined,
            },
          ];
        })
      : [];
  return { number: index + 1, media, trim, bleed, annotations, fonts: fontsOf(pdf, resources), ...painted };
}

/** Fonts already described, across pages (a book's pages share a few dozen fonts). */
const described = new WeakMap<PDFDict, FontFact>();

/** Fonts in a page's resources and in those of the forms it draws, each once. */
function fontsOf(pdf: PDFDocument, resources: PDFDict | undefined): FontFact[] {
  const found = new Map<PDFObject, FontFact>();
  const visited = new Set<PDFObject>();
  const visit = (dict: PDFDict | undefined) => {
    if (!dict || visited.has(dict)) return;
    visited.add(dict);
    const fonts = dict.lookup(name('Font'));
    if (fonts instanceof PDFDict) {
      for (const [, ref] of fonts.entries()) {
        const font = pdf.context.lookup(ref);
        if (!(font instanceof PDFDict) || found.has(font)) continue;
        let fact = described.get(font);
        if (!fact) described.set(font, (fact = describeFont(pdf, font)));
        found.set(font, fact);
        const procs = font.lookup(name('Resources'));
        if (procs instanceof PDFDict) visit(procs);
      }
    }
    const xobjects = dict.lookup(name('XObject'));
    if (xobjects instanceof PDFDict) {
      for (const [, ref] of xobjects.entries()) {
        const xobject = pdf.context.lookup(ref);
        if (xobject instanceof PDFRawStream && xobject.dict.lookup(name('Subtype'))?.toString() === '/Form') {
          const own = xobject.dict.lookup(name('Resources'));
          if (own instanceof PDFDict) visit(own);
        }
      }
    }
  };
  visit(resources);
  return [...found.values()];
}

function describeFont(pdf: PDFDocument, font: PDFDict): FontFact {
  const subtype = font.lookup(name('Subtype'))?.toString().replace(/^\//, '') ?? '?';
  const fontName = font.lookup(name('BaseFont'))?.toString().replace(/^\//, '') ?? '(unnamed)';
  if (subtype === 'Type3') return { name: fontName, subtype, embedded: true };
  let descriptorOwner = font;
  if (subtype === 'Type0') {
    const descendants = font.lookup(name('DescendantFonts'));
    const first = descendants instanceof PDFArray ? pdf.context.lookup(descendants.get(0)) : undefined;
    if (first instanceof PDFDict) descriptorOwner = first;
  }
  const descriptor = descriptorOwner.lookup(name('FontDescriptor'));
  const embedded =
    descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(name(key)));
  const descendantType =
    descriptorOwner === font ? '' : ` (${descriptorOwner.lookup(name('Subtype'))?.toString().replace(/^\//, '')})`;
  return { name: fontName, subtype: `${subtype}${descendantType}`, embedded };
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  if (value instanceof PDFRef || value === undefined) return undefined;
  return value.toString();
}

const normalise = ([a, b, c, d]: [number, number, number, number]): Rect => [
  Math.min(a, c),
  Math.min(b, d),
  Math.max(a, c),
  Math.max(b, d),
];
const rectOf = (box: { x: number; y: number; width: number; height: number }): Rect => [
  box.x,
  box.y,
  box.x + box.width,
  box.y + box.height,
];
