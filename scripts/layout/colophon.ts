/** 奥付 (the colophon), made from the book's metadata; the EPUB and the PDF wrap it. */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import { japaneseDate } from './japanese-date.ts';
import { authorsOf, contributorsOf, setMetadataText as set } from './metadata-text.ts';

/** 奥付: the colophon, with the facts a Japanese colophon carries. */
export function colophonPage(config: BookConfig): Element {
  const vertical = config.writingMode === 'vertical';
  const authors = authorsOf(config);
  const rows: [string, string][] = [];
  if (authors.length > 0) rows.push(['著者', authors.join('、')]);
  const { translators, editors } = contributorsOf(config);
  if (translators.length > 0) rows.push(['訳者', translators.join('、')]);
  if (editors.length > 0) rows.push(['編者', editors.join('、')]);
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
