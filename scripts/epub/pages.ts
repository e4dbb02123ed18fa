/**
 * The content documents of the EPUB, in reading order: 表紙, 口絵, 扉, 目次, the chapters (cut at page
 * breaks and at the size limit) and 奥付.
 */
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import type { Book, Chapter } from '../book.ts';
import { chapterSection } from '../layout/chapter-section.ts';
import { colophonPage } from '../layout/colophon.ts';
import { titlePage } from '../layout/title-page.ts';
import { splitChapter, type SizeCut } from '../layout/split.ts';
import { tocEntries, type TocEntry } from '../layout/toc.ts';
import { tocList, tocPage } from '../layout/toc-page.ts';
import { toXhtml } from '../layout/xhtml.ts';

/** The 電書協 guide's limit for one content document, with room for the page wrapper. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 - 2048;

/** One XHTML content document. */
export interface EpubPage {
  /** Manifest id, also the file name without `.xhtml`. */
  id: string;
  filename: string;
  title: string;
  /** Class on `<body>`, as the 電書協 guide names page kinds (p-cover, p-text, …). */
  bodyClass: string;
  /** `epub:type` on `<body>`. */
  bodyType?: string;
  /** Class on `<html>` when it is not the book's (`hltr` for the cover, as the 電書協 guide sets image pages). */
  htmlClass?: string;
  /** The manifest item's `properties` (`svg` for the cover page). */
  properties?: string;
  nodes: ElementContent[];
  /** The chapter file the page was made from, for error places. */
  source?: VFile;
}

/** The documents and navigation of a book. */
export interface EpubLayout {
  pages: EpubPage[];
  /** Body of the navigation document (toc and landmarks `<nav>`s), as XHTML. */
  navBody: string;
  /** Flat table of contents for the EPUB 2 NCX. */
  ncxPoints: { text: string; href: string }[];
  /** Chapters cut because they were too long for one document, and where. */
  cuts: ChapterCut[];
}

/** A cut the size limit forced in a chapter. */
export interface ChapterCut extends SizeCut {
  chapter: Chapter;
}

const page = (
  id: string,
  title: string,
  bodyClass: string,
  bodyType: string | undefined,
  nodes: ElementContent[],
  source?: VFile,
): EpubPage => ({
  id,
  filename: `${id}.xhtml`,
  title,
  bodyClass,
  bodyType,
  nodes,
  source,
});

/** The cover image's text alternative. */
export function coverAlt(title: string): string {
  return `表紙：${title}`;
}

/** Lay a book out as EPUB content documents. `coverSrc` is the cover image as the packager reads it. */
export function layoutEpub(book: Book, coverSrc: string): EpubLayout {
  const { config } = book;
  const pages: EpubPage[] = [
    // An `<img>` for the packager to find the image by; wrapped in the guide's SVG when packaged.
    {
      ...page('p-cover', '表紙', 'p-cover', 'cover', [h('img', { src: coverSrc, alt: coverAlt(config.title) })]),
      htmlClass: 'hltr',
      properties: 'svg',
    },
    // 口絵: colour plates before the 扉, a page each.
    ...book.assets.frontispiece.map((file, index) =>
      page(`p-kuchie-${index + 1}`, '口絵', 'p-image', 'frontmatter', [
        h('figure.picture.picture-page', [h('img', { src: pathToFileURL(file.path).href, alt: '口絵' })]),
      ]),
    ),
    page('p-titlepage', config.title, 'p-titlepage', 'frontmatter', [titlePage(config)]),
  ];
  const tocIndex = pages.push(page('p-toc', config.tocTitle, 'p-toc', 'frontmatter', [])) - 1;

  const chapterPages: EpubPage[] = [];
  const cuts: ChapterCut[] = [];
  for (const [index, chapter] of book.chapters.entries()) {
    const number = String(index + 1).padStart(3, '0');
    const parts = splitChapter(chapter.tree.children, MAX_DOCUMENT_BYTES, (cut) => cuts.push({ ...cut, chapter }));
    for (const [part, nodes] of parts.entries()) {
      const id = part === 0 ? `p-${number}` : `p-${number}-${part + 1}`;
      const wrapper = chapterSection(chapter, nodes, { part });
      chapterPages.push(page(id, chapter.title ?? config.title, 'p-text', 'bodymatter', [wrapper], chapter.file));
    }
  }
  pages.push(...chapterPages);
  pages.push(page('p-colophon', '奥付', 'p-colophon', 'backmatter', [colophonPage(config, 'ebook')]));

  // One walk of every document finds its ids and its in-book links; the 目次 is walked again once made.
  const found = pages.map((page) => idsAndLinks(page.nodes));
  const fileOf = idIndex(pages, found);
  // A heading that opens its document is reached by the document's name: Kobo's iOS and e-ink
  // readers show a link to a later `file#id` whose target has nine characters or more as a
  // pop-up note instead of going there (its EPUB guidelines, Footnotes/Endnotes).
  const opening = openingIds(pages);
  const hrefOf = (entry: TocEntry) =>
    opening.has(entry.id) ? (fileOf.get(entry.id) ?? '') : `${fileOf.get(entry.id) ?? ''}#${entry.id}`;
  const entries = tocEntries(book.chapters, config.tocDepth);
  pages[tocIndex]!.nodes = [tocPage(config, entries, { href: hrefOf, compactNumerals: true })];
  found[tocIndex] = idsAndLinks(pages[tocIndex]!.nodes);
  rewriteCrossDocumentLinks(pages, found, idIndex(pages, found));

  const firstText = chapterPages[0]?.filename ?? 'p-colophon.xhtml';
  const navEntries: TocEntry[] = [
    { text: '表紙', id: '', chapterId: '', depth: 1, children: [] },
    ...entries,
    { text: '奥付', id: '', chapterId: '', depth: 1, children: [] },
  ];
  const navHref = (entry: TocEntry) =>
    entry.id ? hrefOf(entry) : entry.text === '表紙' ? 'p-cover.xhtml' : 'p-colophon.xhtml';
  const navBody = toXhtml([
    h('nav#toc', { 'epub:type': 'toc', role: 'doc-toc' }, [
      h('h1', config.tocTitle),
      tocList(navEntries, { href: navHref }),
    ]),
    h('nav#landmarks.landmarks', { 'epub:type': 'landmarks' }, [
      h('h2', 'ガイド'),
      h('ol', [
        h('li', [h('a', { 'epub:type': 'cover', href: 'p-cover.xhtml' }, '表紙')]),
        h('li', [h('a', { 'epub:type': 'toc', href: 'p-toc.xhtml' }, config.tocTitle)]),
        h('li', [h('a', { 'epub:type': 'bodymatter', href: firstText }, '本文')]),
      ]),
    ]),
  ]);
  const ncxPoints = flatten(navEntries).map((entry) => ({ text: entry.text, href: navHref(entry) }));
  return { pages, navBody, ncxPoints, cuts };
}

function flatten(entries: readonly TocEntry[]): TocEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children)]);
}

/** Ids of the headings each chapter document opens with (its section's first element). */
function openingIds(pages: readonly EpubPage[]): Set<string> {
  const ids = new Set<string>();
  for (const { nodes, source } of pages) {
    const section = nodes[0];
    if (!source || section?.type !== 'element') continue;
    const first = section.children.find((child) => child.type === 'element');
    if (first && /^h[1-6]$/.test(first.tagName) && typeof first.properties.id === 'string')
      ids.add(first.properties.id);
  }
  return ids;
}

/** What a document holds that links within the book depend on: its element ids, and its `#…` links. */
interface IdsAndLinks {
  ids: string[];
  links: Element[];
}

function idsAndLinks(nodes: readonly ElementContent[]): IdsAndLinks {
  const found: IdsAndLinks = { ids: [], links: [] };
  const walk = (children: readonly ElementContent[]) => {
    for (const node of children) {
      if (node.type !== 'element') continue;
      const { id, href } = node.properties;
      if (typeof id === 'string') found.ids.push(id);
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) found.links.push(node);
      walk(node.children);
    }
  };
  walk(nodes);
  return found;
}

/** Which document each element id ended up in (a later document's wins). */
function idIndex(pages: readonly EpubPage[], found: readonly IdsAndLinks[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const [at, { filename }] of pages.entries()) for (const id of found[at]!.ids) index.set(id, filename);
  return index;
}

/** A `#id` link whose target is now in another document gets that document's name. */
function rewriteCrossDocumentLinks(
  pages: readonly EpubPage[],
  found: readonly IdsAndLinks[],
  fileOf: Map<string, string>,
): void {
  for (const [at, { filename, source }] of pages.entries()) {
    for (const node of found[at]!.links) {
      const href = node.properties.href as string;
      const target = decodeURIComponent(href.slice(1));
      const file = fileOf.get(target);
      if (file === undefined) {
        // A dangling fragment is an EPUBCheck error; the link text stays, the link goes.
        const message = source?.message(`link to "${href}" points at nothing in the book; kept as plain text`, {
          place: node.position,
          ruleId: 'broken-link',
          source: 'epub',
        });
        if (message)
          message.note = 'link to an id that is in the book (a heading, or an element with id="…"), or remove the link';
        delete node.properties.href;
      } else if (file !== filename) {
        node.properties.href = `${file}${href}`;
      }
    }
  }
}
