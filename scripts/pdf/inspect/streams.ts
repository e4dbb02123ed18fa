/**
 * Reading stream data. Flate goes through node:zlib, several times faster than pdf-lib's own
 * decoder on a thousand-page book; the other standard filters through pdf-lib.
 * PNG predictors (which pdf-lib does not undo) are undone here; DCT (JPEG) data is returned
 * as it is, for the caller to decode.
 */
import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  type PDFObject,
} from 'pdf-lib';

/** A stream whose data this module cannot decode (an unusual filter or predictor). */
export class UndecodableStream extends Error {}

/** The filters of a stream, in order. */
export function filtersOf(dict: PDFDict): string[] {
  const filter = dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFName) return [filter.decodeText()];
  if (filter instanceof PDFArray) return filter.asArray().map((item) => String(item).replace(/^\//, ''));
  return [];
}

/**
 * The decoded bytes of a stream. With `keepDct`, data ending in a DCTDecode filter is
 * returned still JPEG-encoded (the other filters undone).
 */
export function streamBytes(stream: PDFObject, keepDct = false): Uint8Array {
  if (stream instanceof PDFContentStream) return stream.getUnencodedContents();
  if (!(stream instanceof PDFRawStream)) throw new UndecodableStream('not a stream');
  const filters = filtersOf(stream.dict);
  if (filters.length === 0) return stream.contents;
  if (filters.length === 1 && filters[0] === 'FlateDecode') {
    const parms = stream.dict.lookup(PDFName.of('DecodeParms'));
    return undoPredictor(inflateSync(stream.contents), parms instanceof PDFDict ? parms : undefined);
  }
  if (filters.at(-1) === 'DCTDecode' || filters.at(-1) === 'DCT') {
    if (!keepDct) throw new UndecodableStream('JPEG data');
    if (filters.length === 1) return stream.contents;
  }
  if (
    filters.some(
      (name) =>
        !['FlateDecode', 'LZWDecode', 'ASCII85Decode', 'ASCIIHexDecode', 'RunLengthDecode', 'DCTDecode'].includes(name),
    )
  )
    throw new UndecodableStream(`filter ${filters.join(', ')}`);
  try {
    if (filters.at(-1) === 'DCTDecode') {
      const copy = PDFRawStream.of(stream.dict.clone(), stream.contents);
      copy.dict.set(PDFName.of('Filter'), PDFArray.withContext(stream.dict.context));
      const list = copy.dict.lookup(PDFName.of('Filter'), PDFArray);
      for (const name of filters.slice(0, -1)) list.push(PDFName.of(name));
      return decodePDFRawStream(copy).decode();
    }
    return decodePDFRawStream(stream).decode();
  } catch (cause) {
    throw new UndecodableStream(`filter ${filters.join(', ')}: ${(cause as Error).message}`);
  }
}

/** Undo PNG predictors (Predictor ≥ 10); TIFF predictor 2 is not used by the writers we meet. */
function undoPredictor(data: Uint8Array, parms: PDFDict | undefined): Uint8Array {
  const number = (key: string, fallback: number) => {
    const value = parms?.lookup(PDFName.of(key));
    return value instanceof PDFNumber ? value.asNumber() : fallback;
  };
  const predictor = number('Predictor', 1);
  if (predictor === 1) return data;
  if (predictor < 10) throw new UndecodableStream(`predictor ${predictor}`);
  const colors = number('Colors', 1);
  const bits = number('BitsPerComponent', 8);
  const columns = number('Columns', 1);
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowLength = Math.ceil((colors * bits * columns) / 8);
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  for (let row = 0; row < rows; row++) {
    const type = data[row * (rowLength + 1)]!;
    const source = row * (rowLength + 1) + 1;
    const target = row * rowLength;
    for (let i = 0; i < rowLength; i++) {
      const raw = data[source + i]!;
      const left = i >= bpp ? out[target + i - bpp]! : 0;
      const up = row > 0 ? out[target - rowLength + i]! : 0;
      const upLeft = row > 0 && i >= bpp ? out[target - rowLength + i - bpp]! : 0;
      let value: number;
      if (type === 0) value = raw;
      else if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[target + i] = value & 0xff;
    }
  }
  return out;
}
