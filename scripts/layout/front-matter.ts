/**
 * The pages around the text that are made from metadata: 扉 (title page), 目次 (table of
 * contents) and 奥付 (colophon). Each is a hast element; the EPUB and the PDF wrap them.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import { japaneseDate } from './japanese-date.ts';
import type { TocEntry } from './toc.ts';
import { uprightPhrasing } from './upright.ts';

/** The list of authors, whether the metadata gives one or many. */
export function authorsOf(config: BookConfig): string[] {
  return config.author === undefined ? [] : typeof config.author === 'string' ? [config.author] : config.author;
}

/** Metadata text as the book sets it: upright 縦中横 in a vertical book, as in the chapters. */
const set = (config: BookConfig, text: string) =>
  uprightPhrasing(text, config.markdown, config.writingMode === 'vertical');

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

/** 目次: the table of contents page; `hrefOf` says where an entry links to. */
export function tocPage(
  config: BookConfig,
  entries: readonly TocEntry[],
  hrefOf: (entry: TocEntry) => string,
): Element {
  return h('section.toc-page', [h('h1.toc-title', config.tocTitle), tocList(entries, hrefOf, 'toc-list', true)]);
}

/**
 * A nested list of links for table-of-contents entries; `asSet` gives each entry's text as its
 * heading sets it (with its 縦中横), for a page, rather than as plain text, for navigation.
 */
export function tocList(
  entries: readonly TocEntry[],
  hrefOf: (entry: TocEntry) => string,
  className?: string,
  asSet = false,
): Element {
  return h(
    'ol',
    { className: className ? [className] : undefined },
    entries.map((entry) =>
      h(`li.toc-level-${entry.depth}`, [
        h('a', { href: hrefOf(entry) }, asSet ? tocText(entry) : entry.text),
        ...(entry.children.length > 0 ? [tocList(entry.children, hrefOf, undefined, asSet)] : []),
      ]),
    ),
  );
}

/** An entry's text as its heading sets it, a copy for each place it goes. */
export function tocText(entry: TocEntry): ElementContent[] {
  return entry.content ? structuredClone(entry.content) : [{ type: 'text', value: entry.text }];
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
    h('p.colophon-title', set(config, config.title)),
    ...(config.subtitle ? [h('p.colophon-subtitle', set(config, config.subtitle))] : []),
    h('div.colophon-body', lines),
  ]);
}
