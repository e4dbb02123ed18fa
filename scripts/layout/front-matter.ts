/**
 * The pages around the text that are made from metadata: 扉 (title page) and 奥付 (colophon)
 * (the 目次 is in toc-page.ts). Each is a hast element; the EPUB and the PDF wrap them.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import { japaneseDate } from './japanese-date.ts';
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
