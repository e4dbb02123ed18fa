/**
 * What a PDF holds in colour and transparency, read straight from its objects and content
 * streams with pdf-lib and zlib (not with the build's own preflight), for tests of press-ready
 * output.
 */
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';

/** Colour and transparency found anywhere in a file. */
export interface InkUse {
  /** Colour operators that are not gray (`rg`, `RG`, `k`, `K`), with a count. */
  colourOperators: Record<string, number>;
  /** Colour spaces named by `cs`/`CS` in content, and by images, shadings and groups. */
  colourSpaces: Set<string>;
  /** Transparency: ExtGState entries (ca, CA below 1, SMask, BM not Normal), soft-masked images, groups. */
  transparency: Set<string>;
  /** Font subtypes. */
  fontTypes: Set<string>;
  contentStreams: number;
  /** Stroking operators (`S`, `s`) in page and form content: crop marks are strokes. */
  strokes: number;
}

const name = (key: string) => PDFName.of(key);

/** Read every object of a PDF for colour and transparency. */
export async function inkUse(path: string): Promise<InkUse> {
  const pdf = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const use: InkUse = {
    colourOperators: {},
    colourSpaces: new Set(),
    transparency: new Set(),
    fontTypes: new Set(),
    contentStreams: 0,
    strokes: 0,
  };
  const contentRefs = new Set<string>();
  for (const page of pdf.getPages()) {
    const contents = page.node.get(name('Contents'));
    const array = pdf.context.lookup(contents);
    const list = array instanceof PDFArray ? array.asArray() : contents ? [contents] : [];
    for (const ref of list) contentRefs.add(ref.toString());
    const group = page.node.lookup(name('Group'));
    if (group instanceof PDFDict) use.transparency.add('page group');
  }
  const spaceName = (value: unknown) =>
    value instanceof PDFArray ? String(value.lookup(0)) : value === undefined ? undefined : String(value);
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) continue;
    const type = String(dict.lookup(name('Type')) ?? '');
    const subtype = String(dict.lookup(name('Subtype')) ?? '');
    const colourSpace = spaceName(dict.lookup(name('ColorSpace')));
    if (subtype === '/Image' && !String(dict.lookup(name('ImageMask')) ?? '').includes('true')) {
      if (colourSpace) use.colourSpaces.add(colourSpace);
      if (dict.has(name('SMask'))) use.transparency.add('image SMask');
    }
    if (dict.has(name('ShadingType')) && colourSpace) use.colourSpaces.add(colourSpace);
    if (type === '/ExtGState' || dict.has(name('ca')) || dict.has(name('CA')) || dict.has(name('BM'))) {
      for (const key of ['ca', 'CA']) {
        const value = dict.lookup(name(key));
        if (value instanceof PDFNumber && value.asNumber() < 1) use.transparency.add(`${key} ${value.asNumber()}`);
      }
      const smask = dict.lookup(name('SMask'));
      if (smask && String(smask) !== '/None' && subtype !== '/Image') use.transparency.add('ExtGState SMask');
      const blend = dict.lookup(name('BM'));
      if (blend && String(blend) !== '/Normal') use.transparency.add(`BM ${String(blend)}`);
    }
    const group = dict.lookup(name('Group'));
    if (group instanceof PDFDict) use.transparency.add('group');
    if (type === '/Font') use.fontTypes.add(subtype);
    const isContent = contentRefs.has(ref.toString()) || subtype === '/Form';
    if (isContent && object instanceof PDFRawStream) {
      use.contentStreams++;
      const filter = String(dict.lookup(name('Filter')) ?? '');
      const text = Buffer.from(
        filter.includes('FlateDecode') ? inflateSync(object.contents) : object.contents,
      ).toString('latin1');
      for (const match of text.matchAll(/(?:^|\s)(rg|RG|k|K)(?=\s|$)/g)) {
        use.colourOperators[match[1]!] = (use.colourOperators[match[1]!] ?? 0) + 1;
      }
      for (const match of text.matchAll(/\/([^\s/[\]<>()]+)\s+(?:cs|CS)(?=\s|$)/g))
        use.colourSpaces.add(`/${match[1]}`);
      use.strokes += [...text.matchAll(/(?:^|\s)[Ss](?=\s|$)/g)].length;
    }
  }
  return use;
}
