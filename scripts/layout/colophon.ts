/**
 * 奥付 (the colophon), made from the book's metadata; the EPUB and the PDF wrap it. The e-book's
 * and the printed book's differ in what they print: an e-book is not printed, so its date line
 * says 電子版発行 rather than the printed edition's 初版第一刷発行 (`edition`), and it shows the
 * e-book's ISBN (an `identifier` that is one) where the printed book shows its own (`isbn`).
 * A printed book also names its printer and binder (印刷・製本, `printer`). Each printed
 * edition is built with its destination's settings (config/destination-config.ts), so the KDP
 * edition's 奥付 shows `print.kdp.isbn` and the print shop's its own.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import { japaneseDate } from './japanese-date.ts';
import { authorsOf, contributorsOf, setMetadataText as set } from './metadata-text.ts';

/** Which book the 奥付 is for. */
export type ColophonEdition = 'ebook' | 'print';

/** The e-book's date line: the date and 電子版発行, whatever the printed edition's line says. */
const EBOOK_EDITION = '電子版発行';

/** 奥付: the colophon, with the facts a Japanese colophon carries. */
export function colophonPage(config: BookConfig, edition: ColophonEdition): Element {
  const lines: ElementContent[] = [
    ...dateLine(config, edition),
    ...rows(config, edition).map(([label, value]) =>
      h('p.colophon-row', [h('span.colophon-label', label), '　', h('span.colophon-value', value)]),
    ),
    ...isbnLine(config, edition),
    ...(config.rights ? [h('p.colophon-rights', config.rights)] : []),
  ];
  return h('section.colophon', { 'epub:type': 'colophon', role: 'doc-colophon' }, [
    h('p.colophon-title', set(config, config.title)),
    ...(config.subtitle ? [h('p.colophon-subtitle', set(config, config.subtitle))] : []),
    h('div.colophon-body', lines),
  ]);
}

/** 二〇二六年十一月二十三日　初版発行 (print) or …　電子版発行 (e-book). */
function dateLine(config: BookConfig, edition: ColophonEdition): Element[] {
  const words = edition === 'ebook' ? EBOOK_EDITION : (config.edition ?? '発行');
  if (config.date)
    return [h('p.colophon-date', `${japaneseDate(config.date, config.writingMode === 'vertical')}　${words}`)];
  return edition === 'print' && config.edition ? [h('p.colophon-date', config.edition)] : [];
}

/** 著者, 訳者, 編者, 発行 and, in a printed book, 印刷・製本: each a label and a value. */
function rows(config: BookConfig, edition: ColophonEdition): [string, string][] {
  const authors = authorsOf(config);
  const { translators, editors } = contributorsOf(config);
  const rows: [string, string][] = [];
  if (authors.length > 0) rows.push(['著者', authors.join('、')]);
  if (translators.length > 0) rows.push(['訳者', translators.join('、')]);
  if (editors.length > 0) rows.push(['編者', editors.join('、')]);
  if (config.publisher) rows.push(['発行', config.publisher]);
  // An e-book is not printed: its 奥付 names no printer.
  if (edition === 'print' && config.printer) rows.push(['印刷・製本', config.printer]);
  return rows;
}

/** The edition's ISBN, when it has one: never a UUID, which is for machines. */
function isbnLine(config: BookConfig, edition: ColophonEdition): Element[] {
  const isbn = edition === 'ebook' ? config.identifier : config.isbn;
  const digits = isbn?.replace(/^(urn:)?isbn:/i, '');
  if (!digits || !/^(97[89])?[\d-\s]{9,}[\dX]$/i.test(digits)) return [];
  return [h('p.colophon-identifier', `ISBN${digits}`)];
}
