/** 扉 (the title page), made from the book's metadata; the EPUB and the PDF wrap it. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import { authorsOf, setMetadataText as set } from './metadata-text.ts';

/** 扉: title, subtitle, author and publisher. */
export function titlePage(config: BookConfig): Element {
  const authors = authorsOf(config);
  return h(
    'section.titlepage',
    { 'epub:type': 'titlepage' },
    [
      h('h1.book-title', set(config, config.title)),
      config.subtitle ? h('p.book-subtitle', set(config, config.subtitle)) : undefined,
      authors.length > 0 ? h('p.book-author', set(config, authors.join('　'))) : undefined,
      config.publisher ? h('p.book-publisher', set(config, config.publisher)) : undefined,
    ].filter((child) => child !== undefined),
  );
}
