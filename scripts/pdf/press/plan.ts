/**
 * Page planning: from where Chromium put things to the final page sequence, with the blank pages
 * that bring rectos where they are due, the page numbers of the 目次, the outline, and each page's
 * folio and running head. A plain function of its inputs, so that it is tested without a browser.
 */
import { BuildError } from '../../errors.ts';
import type { PrintOptions } from '../../config/schema.ts';
import { PICTURE_PAGE_ID } from '../../layout/pictures.ts';
import { anchorId, RECTO_BREAK_PREFIX } from '../../layout/print-document.ts';
import type { TocEntry } from '../../layout/toc.ts';
import { isRecto } from '../../layout/geometry.ts';
import type { LayoutFacts } from '../inspect/layout-facts.ts';
import type { OutlineItem } from './outline.ts';
import type { PageKind, PageMark } from './page-marks.ts';

/** What planning needs to know of the book. */
export interface PlanInput {
  /** Chapter ids in reading order; each has a page anchor in the layout. */
  chapterIds: readonly string[];
  /** The table of contents, for the outline and the 目次's page numbers. */
  toc: readonly TocEntry[];
  /** The book's title, for running heads. */
  title: string;
  print: Pick<PrintOptions, 'chapterStart' | 'padTo' | 'runningHead' | 'hiddenFolio'>;
}

/** Where every page stands once Chromium has laid the book out. */
export interface PagePlan {
  /** The final pages in order: an index into the main rendering, or null for an added blank page. */
  sequence: (number | null)[];
  /** The blank pages added: before a page that must be a recto, and to pad to a multiple of `padTo`. */
  added: { recto: number; padding: number };
  /** Leading pages of the main rendering (扉, 目次) that the front-matter rendering replaces. */
  frontPages: number;
  /** Folios and running heads of every page after the front matter. */
  marks: PageMark[];
  pageNumbers: Map<string, number>;
  outline: OutlineItem[];
  /** Final pages of the pictures to the paper's edges, each with its place (0-based) among them. */
  bleedPages: Map<number, number>;
}

/**
 * Decide the final pages. Chromium treats `break-before: recto` like `page`, so the blank pages
 * that put the 目次, chapters and 改丁 on a recto (an odd page) are added here, and so is the
 * padding to a multiple of `padTo` pages, before the 奥付 so that it stays on the last page.
 * Blank pages never show a folio or a running head.
 */
export function planPages(input: PlanInput, facts: LayoutFacts): PagePlan {
  const { print } = input;
  const where = (id: string) => {
    const index = facts.destinations.get(anchorId(id));
    if (index === undefined)
      throw new BuildError(`internal: Chromium did not report where "${id}" is`, { ruleId: 'pdf-layout' });
    return index;
  };
  const chapterStarts = input.chapterIds.map((id) => where(id));
  const colophon = where('colophon');
  const rectoStarts = new Set([where('toc'), chapterStarts[0]!]);
  if (print.chapterStart === 'recto') chapterStarts.forEach((start) => rectoStarts.add(start));
  for (const [id, index] of facts.destinations) if (id.startsWith(RECTO_BREAK_PREFIX)) rectoStarts.add(index);

  const { sequence, added } = pageSequence(facts.pageCount, rectoStarts, colophon, print.padTo);
  const finalIndex = new Map(sequence.flatMap((main, index) => (main === null ? [] : [[main, index] as const])));
  const frontPages = chapterStarts[0]!;
  const openings = new Set(chapterStarts);
  const pictures = picturePages(facts, finalIndex);

  const pageNumbers = new Map<string, number>();
  const outlineOf = (list: readonly TocEntry[]): OutlineItem[] =>
    list.flatMap((entry) => {
      const main = facts.destinations.get(entry.id);
      const index = main === undefined ? undefined : finalIndex.get(main);
      if (index === undefined) return [];
      pageNumbers.set(entry.id, index + 1);
      return [{ title: entry.text, pageIndex: index, children: outlineOf(entry.children) }];
    });
  const outline = outlineOf(input.toc);
  // The running head of a recto names the section the page is in: the last top-level heading
  // begun on or before it (a chapter title, or a 中見出し of a one-file book).
  const sections = outline.map((item) => ({ page: item.pageIndex, title: item.title })).sort((a, b) => a.page - b.page);

  const marks: PageMark[] = [];
  sequence.forEach((main, index) => {
    if (main !== null && main < frontPages) return;
    const number = index + 1;
    const kind: PageKind =
      main === null || facts.blankPages.has(main)
        ? 'blank'
        : main >= colophon
          ? 'colophon'
          : pictures.all.has(main)
            ? 'picture'
            : openings.has(main)
              ? 'opening'
              : 'body';
    const showFolio = kind === 'body' || kind === 'opening';
    const section = sections.filter((candidate) => candidate.page <= index).at(-1)?.title ?? input.title;
    const mode = print.runningHead;
    const runningHead =
      kind !== 'body' || mode === 'none'
        ? undefined
        : mode === 'book'
          ? input.title
          : mode === 'chapter'
            ? section
            : isRecto(number)
              ? section
              : input.title;
    marks.push({
      index,
      kind,
      runningHead,
      folio: showFolio ? String(number) : undefined,
      hiddenFolio: print.hiddenFolio !== false && !showFolio ? String(number) : undefined,
    });
  });

  return { sequence, added, frontPages, marks, pageNumbers, outline, bleedPages: pictures.bleed };
}

/**
 * The pages full-page pictures took (their anchors, `picture-N` and `bleed-N`, say which), as
 * pages of the main rendering; and the final page of each picture to the edges, by its number.
 */
function picturePages(
  facts: LayoutFacts,
  finalIndex: ReadonlyMap<number, number>,
): { all: Set<number>; bleed: Map<number, number> } {
  const all = new Set<number>();
  const bleed = new Map<number, number>();
  const bleedPrefix = anchorId(PICTURE_PAGE_ID.bleed);
  for (const [id, main] of facts.destinations) {
    if (id.startsWith(bleedPrefix)) {
      const final = finalIndex.get(main);
      if (final !== undefined) bleed.set(final, Number(id.slice(bleedPrefix.length)) - 1);
      all.add(main);
    } else if (id.startsWith(anchorId(PICTURE_PAGE_ID.page))) all.add(main);
  }
  return { all, bleed };
}

/**
 * The final pages as pages of the main rendering, `null` for a blank one: a blank before each
 * page that must open on a recto and falls on a verso, and the padding to `padTo` before the 奥付.
 */
function pageSequence(
  pageCount: number,
  rectoStarts: ReadonlySet<number>,
  colophon: number,
  padTo: number | undefined,
): { sequence: (number | null)[]; added: { recto: number; padding: number } } {
  const sequence: (number | null)[] = [];
  for (let index = 0; index < pageCount; index++) {
    if (rectoStarts.has(index) && sequence.length % 2 === 1) sequence.push(null);
    sequence.push(index);
  }
  const added = { recto: sequence.length - pageCount, padding: 0 };
  if (padTo) {
    added.padding = (padTo - (sequence.length % padTo)) % padTo;
    sequence.splice(sequence.indexOf(colophon), 0, ...Array<null>(added.padding).fill(null));
  }
  return { sequence, added };
}
