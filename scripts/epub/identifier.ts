/**
 * The book's identifier as the package declares it. Stores and reading apps tell one book from
 * another by it: a book whose identifier changes is a new book to them. It is the metadata's
 * `identifier` (an e-book ISBN or a URN); without one, a stand-in is derived — from the book's
 * file name only. Title, subtitle, authors, publisher and date are exactly what an author
 * corrects (a typo in a name, a subtitle added), so none of them may enter it; the file name
 * (`filename`, or the manuscript folder's or file's name) is what the outputs are called and
 * stays put while the text is worked on. It is not unique among all books, though — two authors'
 * folders may both be `novel` — so a book without an identifier gets a warning with a random
 * UUID to paste into its metadata, which then holds for good.
 */
import { createHash, randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { BookConfig } from '../config/schema.ts';
import type { Place, Warning } from '../errors.ts';

/** The namespace of our derived name-based UUIDs (a random UUID, fixed once). */
const NAMESPACE = '9d3b6b0e-52d4-4f3a-9a57-1f8f4a1f3c21';

/** What the identifier needs of a book: its metadata, its file name, where to point a warning. */
export interface IdentifierSource {
  config: BookConfig;
  /** The metadata file (book.yaml, or the one-file book). */
  metadataFile: string;
  /** The manuscript folder. */
  root: string;
  locate(keys: string[]): Place;
}

/** The package identifier, and a warning when the metadata has none. */
export function bookIdentifier(source: IdentifierSource): { identifier: string; warning?: Warning } {
  const { config } = source;
  if (config.identifier) {
    const isbn = config.identifier.replace(/[-\s]/g, '');
    return { identifier: /^(97[89])?\d{9}[\dX]$/i.test(isbn) ? `urn:isbn:${isbn}` : config.identifier };
  }
  const name = bookName(source);
  const identifier = `urn:uuid:${nameUuid(name)}`;
  const printIsbn = config.isbn ? ' (isbn is the printed book’s; an e-book has an ISBN of its own, or none)' : '';
  return {
    identifier,
    warning: {
      message: `no identifier: the EPUB carries ${identifier}, made from the file name "${name}", which other books may share${printIsbn}`,
      ...source.locate(['title']),
      hint: `give the book an identifier of its own, kept for good (stores see a new identifier as a new book); add this line to the metadata:\n    identifier: urn:uuid:${randomUUID()}`,
      ruleId: 'identifier-missing',
    },
  };
}

/** The name the outputs are called by: `filename`, or the manuscript's own name. */
function bookName({ config, metadataFile, root }: IdentifierSource): string {
  if (config.filename) return config.filename;
  return metadataFile.endsWith('.md') ? basename(metadataFile, extname(metadataFile)) : basename(root);
}

/** A name-based (version 5, RFC 9562) UUID in our namespace. */
function nameUuid(name: string): string {
  const namespace = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
