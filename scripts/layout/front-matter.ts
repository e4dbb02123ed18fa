/**
 * The pages around the text that are made from metadata: 扉 (title page), 目次 (table of
 * contents) and 奥付 (colophon). Each is a hast element; the EPUB and the PDF wrap them.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import { japaneseDate } from './japanese-date.ts';
import type { TocEntry } from './toc.ts';

/** The list of authors, whether the metadata gives one or many. */
export function authorsOf(config: BookConfig): string[] {
  return config.author === undefined ? [] : typeof config.author === 'string' ? [config.author] : config.author;
}

/** 扉: title, subtitle, author and publisher. */
export function titlePage(config: BookConfig): Element {
  const authors = authorsOf(config);
  return h(
    'section.titlepage',
    { 'epub:type': 'titlepage' },
    [
      h('h1.book-title', config.title),
      config.subtitle ? h('p.book-subtitle', config.subtitle) : undefined,
      authors.length > 0 ? h('p.book-author', authors.join('　')) : undefined,
      config.publisher ? h('p.book-publisher', config.publisher) : undefined,
    ].filter((child) => child !== undefined),
  );
}

/** 目次: the table of contents page; `hrefOf` says where an entry links to. */
export function tocPage(
  config: BookConfig,
  entries: readonly TocEntry[],
  hrefOf: (entry: TocEntry) => string,
): Element {
  return h('section.toc-page', [h('h1.toc-title', config.tocTitle), tocList(entries, hrefOf, 'toc-list')]);
}

/** A nested list of links for table-of-contents entries. */
export function tocList(
  entries: readonly TocEntry[],
  hrefOf: (entry: TocEntry) => string,
  className?: string,
): Element {
  return h(
    'ol',
    { className: className ? [className] : undefined },
    entries.map((entry) =>
      h(`li.toc-level-${entry.depth}`, [
        h('a', { href: hrefOf(entry) }, entry.text),
        ...(entry.children.length > 0 ? [tocList(entry.children, hrefOf)] : []),
      ]),
    ),
  );
}

/** 奥付: the colophon, with the facts a Japanese colophon carries. */
export function colophonPage(config: BookConfig): Element {
  const vertical = config.writingMode === 'vertical';
  const authors = authorsOf(config);
  const rows: [string, string][] = [];
  if (authors.length > 0) rows.push(['著者', authors.join('、')]);
  if (config.publisher) rows.push(['発行', config.publisher]);
  const lines: ElementContent[] = [];
  if (config.date) {
    lines.push(h('p.colophon-date', `${japaneseDate(config.date, vertical)}　${config.edition ?? '発行'}`));
  } else if (config.edition) {
    lines.push(h('p.colophon-date', config.edition));
  }
  for (const [label, value] of rows) {
    lines.push(h('p.colophon-row', [h('span.colophon-label', label), '　', h('span.colophon-value', value)]));
  }
  if (config.identifier) lines.push(h('p.colophon-identifier', config.identifier));
  if (config.rights) lines.push(h('p.colophon-rights', config.rights));
  return h('section.colophon', { 'epub:type': 'colophon', role: 'doc-colophon' }, [
    h('p.colophon-title', config.title),
    ...(config.subtitle ? [h('p.colophon-subtitle', config.subtitle)] : []),
    h('div.colophon-body', lines),
  ]);
}
