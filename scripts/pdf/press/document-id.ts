/**
 * The PDF's file identifier (`/ID` in the trailer, ISO 32000 14.4), derived from the content:
 * the same book gives the same identifier, a changed book a new one, and no build time or random
 * number gets in (Chromium's own is random; pdf-lib writes none). PDF/X and many preflight tools
 * expect one.
 */
import { createHash } from 'node:crypto';
import { PDFHexString, type PDFDocument } from 'pdf-lib';

/** Stands in for the identifier until the bytes it is computed from exist. */
const PLACEHOLDER = 'FEEDFACE'.repeat(4);

/** Where the trailer can be: the last bytes of the file. */
const TAIL = 4096;

/** Put a placeholder identifier into the trailer; call `stampDocumentId` on the saved bytes. */
export function reserveDocumentId(pdf: PDFDocument): void {
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(PLACEHOLDER), PDFHexString.of(PLACEHOLDER)]);
}

/**
 * Replace the placeholder with the MD5 of the whole file as saved (with the placeholder in it),
 * the digest and size the PDF specification suggests. Both halves are the same: this file is
 * its own first version.
 */
export function stampDocumentId(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const marker = Buffer.from(`<${PLACEHOLDER}>`, 'latin1');
  const start = Math.max(0, buffer.length - TAIL);
  const second = buffer.lastIndexOf(marker);
  const first = second > start ? buffer.lastIndexOf(marker, second - 1) : -1;
  if (first < start) throw new Error('internal: the PDF trailer has no identifier to stamp');
  const id = Buffer.from(`<${createHash('md5').update(buffer).digest('hex').toUpperCase()}>`, 'latin1');
  id.copy(buffer, first);
  id.copy(buffer, second);
  return buffer;
}
