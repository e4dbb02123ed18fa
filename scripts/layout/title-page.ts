/** 扉 (the title page), made from the book's metadata; the EPUB and the PDF wrap it. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import { authorsOf, contributorsOf, setMetadataText as set } from './metadata-text.ts';

/** 扉: title, subtitle, author, translator and editor, and publisher. */
export function titlePage(config: BookConfig): Element {
  const authors = authorsOf(config);
  const { translators, editors } = contributorsOf(config);
  // Set like the author's line, with the role after the names (訳, 編), as a Japanese 扉 does.
  const role = (names: string[], mark: string, className: string) =>
    names.length > 0 ? h(`p.book-author.${className}`, set(config, `${names.join('　')}　${mark}`)) : undefined;
  return h(
    'section.titlepage',
    { 'epub:type': 'titlepage' },
    [
      h('h1.book-title', set(config, config.title)),
      config.subtitle ? h('p.book-subtitle', set(config, config.subtitle)) : undefined,
      authors.length > 0 ? h('p.book-author', set(config, authors.join('　'))) : undefined,
      role(translators, '訳', 'book-translator'),
      role(editors, '編', 'book-editor'),
      config.publisher ? h('p.book-publisher', set(config, config.publisher)) : undefined,
    ].filter((child) => child !== undefined),
  );
}
