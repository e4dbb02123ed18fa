/**
 * The 目次 (table of contents) as hast: one list builder for the EPUB's 目次 page, its navigation
 * document, the preview and the print book, which differ only in the options they pass.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { BookConfig } from '../config/schema.ts';
import type { TocEntry } from './toc.ts';
import { kanjiDigits } from './japanese-date.ts';

/** A page-number column after each entry, as the print 目次 sets it. */
interface TocPageNumbers {
  /** The page of each entry's heading, by id; an entry not in it gets a hidden placeholder. */
  numbers?: ReadonlyMap<string, number>;
  vertical: boolean;
  /** Kanji numerals (一〇二) rather than 縦中横 digits (`print.tocNumerals: kanji`). */
  kanji: boolean;
}

/** What differs between the places a 目次 list goes. */
export interface TocListOptions {
  /** Where an entry links to. */
  href: (entry: TocEntry) => string;
  /** Class of the outermost list. */
  className?: string;
  /**
   * Each entry's text as its heading sets it (with its 縦中横), for a page, rather than as plain
   * text, for navigation.
   */
  asSet?: boolean;
  /** Leaders and page numbers after each entry (implies `asSet`). */
  pageNumbers?: TocPageNumbers;
  /**
   * Runs of chapters titled with bare numerals (一, 二, … as in 漱石's 明暗, whose 188 chapters
   * would take 188 lines) set several to a line, each still its own link.
   */
  compactNumerals?: boolean;
}

/** Fewer numeral chapters than this in a row are listed one to a line, as other entries. */
const COMPACT_RUN = 5;

/** A chapter title that is a number and nothing else: 一, 二十三, 百八十八, 12, Ⅳ. */
export function isBareNumeral(text: string): boolean {
  return /^(?:[〇一二三四五六七八九十百千]+|[0-9]+|[０-９]+|[Ⅰ-Ⅿⅰ-ⅿ]+)$/u.test(text);
}

/** Entries in order, with each long enough run of bare-numeral leaves gathered into one group. */
function gatherNumerals(entries: readonly TocEntry[]): (TocEntry | TocEntry[])[] {
  const result: (TocEntry | TocEntry[])[] = [];
  let run: TocEntry[] = [];
  const flush = () => {
    if (run.length >= COMPACT_RUN) result.push(run);
    else result.push(...run);
    run = [];
  };
  for (const entry of entries) {
    if (entry.children.length === 0 && isBareNumeral(entry.text)) {
      run.push(entry);
      continue;
    }
    flush();
    result.push(entry);
  }
  flush();
  return result;
}

/** A nested list of links for table-of-contents entries. */
export function tocList(entries: readonly TocEntry[], options: TocListOptions): Element {
  const { href, className, asSet = false, pageNumbers, compactNumerals = false } = options;
  const link = (entry: TocEntry) =>
    h(
      'a',
      { href: href(entry) },
      pageNumbers ? withPageNumber(entry, pageNumbers) : asSet ? tocText(entry) : entry.text,
    );
  const items = compactNumerals && !pageNumbers ? gatherNumerals(entries) : entries;
  return h(
    'ol',
    { className: className ? [className] : undefined },
    items.map((item) =>
      Array.isArray(item)
        ? h(
            `li.toc-level-${item[0]!.depth}.toc-numerals`,
            item.flatMap((entry, index) => (index === 0 ? [link(entry)] : ['　', link(entry)])),
          )
        : h(`li.toc-level-${item.depth}`, [
            link(item),
            ...(item.children.length > 0 ? [tocList(item.children, { ...options, className: undefined })] : []),
          ]),
    ),
  );
}

/** Options of a whole 目次 page: those of its list, and the section's id. */
export type TocPageOptions = Omit<TocListOptions, 'className' | 'asSet'> & { id?: string };

/** 目次: the table of contents page, its entries set as their headings set them. */
export function tocPage(config: BookConfig, entries: readonly TocEntry[], options: TocPageOptions): Element {
  const { id, ...list } = options;
  return h('section.toc-page', { id }, [
    h('h1.toc-title', config.tocTitle),
    tocList(entries, { ...list, className: 'toc-list', asSet: true }),
  ]);
}

/** An entry's text as its heading sets it, a copy for each place it goes. */
function tocText(entry: TocEntry): ElementContent[] {
  return entry.content ? structuredClone(entry.content) : [{ type: 'text', value: entry.text }];
}

/**
 * An entry's text, leaders and page number. Every number in the column is set one way (縦中横,
 * or kanji numerals), and its box has the same size whatever the number, so that the 目次 takes
 * the same room before and after the numbers are known.
 */
function withPageNumber(entry: TocEntry, { numbers, vertical, kanji }: TocPageNumbers): ElementContent[] {
  const number = numbers?.get(entry.id);
  return [
    h('span.toc-text', tocText(entry)),
    h('span.toc-leader'),
    h(
      'span.toc-page-number',
      { className: [...(kanji ? ['kanji'] : []), ...(number === undefined ? ['placeholder'] : [])] },
      [pageNumberLabel(number, vertical, kanji)],
    ),
  ];
}

/** A 目次 page number: 縦中横 in a vertical book (whatever its length), or kanji digits (一〇二). */
function pageNumberLabel(number: number | undefined, vertical: boolean, kanji: boolean): ElementContent {
  const digits = number === undefined ? '000' : String(number);
  if (kanji) return { type: 'text', value: kanjiDigits(digits) };
  return vertical ? h('span.tcy', digits) : { type: 'text', value: digits };
}
