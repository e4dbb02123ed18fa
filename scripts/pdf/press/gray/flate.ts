/** Writing stream data: what the gray conversion rewrites is stored Flate-compressed, through node:zlib. */
import { deflateSync } from 'node:zlib';
import { PDFName, PDFRawStream, type PDFContext, type PDFDict, type PDFRef } from 'pdf-lib';

/** Replace the object at `ref` with a Flate-compressed stream of `bytes` and the entries of `dict`. */
export function writeFlateStream(context: PDFContext, ref: PDFRef, dict: PDFDict, bytes: Uint8Array): PDFRawStream {
  const stream = PDFRawStream.of(dict, deflateSync(bytes));
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  dict.delete(PDFName.of('DecodeParms'));
  context.assign(ref, stream);
  return stream;
}

/** A new Flate-compressed stream registered in the document. */
export function registerFlateStream(context: PDFContext, dict: PDFDict, bytes: Uint8Array): PDFRef {
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  dict.delete(PDFName.of('DecodeParms'));
  return context.register(PDFRawStream.of(dict, deflateSync(bytes)));
}
