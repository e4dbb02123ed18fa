/** The book's identifier as the package declares it. */
import { createHash } from 'node:crypto';
import type { BookConfig } from '../config/schema.ts';
import { authorsOf } from '../layout/metadata-text.ts';

/**
 * The metadata's identifier, or a UUID derived from title, authors and language: the same
 * book gets the same identifier on every build, so a store sees an update, not a new book.
 */
export function bookIdentifier(config: BookConfig): string {
  if (config.identifier) {
    const isbn = config.identifier.replace(/[-\s]/g, '');
    return /^(97[89])?\d{9}[\dX]$/i.test(isbn) ? `urn:isbn:${isbn}` : config.identifier;
  }
  const hash = createHash('sha1')
    .update(JSON.stringify([config.title, config.subtitle ?? '', authorsOf(config), config.lang]))
    .digest('hex');
  // Shaped as a name-based (version 5) UUID.
  const variant = ((parseInt(hash[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}
