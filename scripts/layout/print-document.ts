/**
 * The print book as one HTML document, paged by CSS `@page`, and a second small document with
 * the finished front matter (the 目次 with real page numbers), made once the layout is known.
 */
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { visit } from '../markdown/visit.ts';
import type { Book } from '../book.ts';
import type { PrintOptions } from '../config/schema.ts';
import {
  fontFamilyName,
  fontStylesheet,
  fontWeights,
  GOTHIC_STACK,
  MINCHO_STACK,
  type BundledFamily,
} from '../fonts/fontsource.ts';
import { bundledRubyFaces, ownRubyFace, RUBY_SHIFT, rubyFamilyName } from '../fonts/ruby-faces.ts';
import type { PageGeometry } from './geometry.ts';
import { splitTallCode } from './code-blocks.ts';
import { chapterSection } from './chapter-section.ts';
import { markOneLineEnding } from './chapter-end.ts';
import { overhangRuby } from './ruby-overhang.ts';
import { colophonPage } from './colophon.ts';
import { titlePage } from './title-page.ts';
import {
  GOTHIC_CLASSES,
  GOTHIC_TAGS,
  MISSING_GLYPH_CLASS,
  replaceMissingGlyphs,
  type PrintStacks,
} from './missing-glyphs.ts';
import { layoutPictures } from './pictures.ts';
import { splitLongParagraphs } from './split.ts';
import { tocEntries } from './toc.ts';
import { tocPage } from './toc-page.ts';

const templateUrl = (path: string) => new URL(`../../templates/${path}`, import.meta.url).href;

/** Fonts the print document uses: the bundled faces, or the book's own (a file URL or a family name). */
export interface PrintFonts {
  body: { family: string; url?: string };
  heading: { family: string; url?: string };
  /** What each face can draw: characters neither has are printed as 〓 (see missing-glyphs.ts). */
  stacks?: PrintStacks;
}

/** Ids given to 改丁 markers, so that post-processing can find their pages. */
export const RECTO_BREAK_PREFIX = 'recto-break-';

/** Paragraphs longer than this are cut for Chromium's sake (see splitLongParagraphs). */
const MAX_PARAGRAPH_CHARS = 8000;

/** Id of the empty marker at the start of a section whose first page the build needs. */
export const anchorId = (id: string) => `${ANCHOR_PREFIX}${id}`;

/** Prefix of those markers' ids. */
export const ANCHOR_PREFIX = 'page-of-';

/** One of the documents the print book is rendered from, and the ids that belong to it. */
export interface PrintPart {
  root: Root;
  /** Ids of the elements this part holds (link targets elsewhere are only placeholders here). */
  ids: Set<string>;
}

/**
 * The main document — 扉, 目次 (page numbers left blank unless `pageNumbers` gives them), chapters,
 * 奥付 — cut into `parts`
 * documents of consecutive chapters of about equal length, which Chromium renders side by side
 * (each chapter starts a page, so the cut changes no page).
 *
 * Chromium only reports the pages of elements that links point at, so each part carries
 * invisible links ("probes") to every place whose page the build needs to know. They point at
 * empty markers rather than at the sections: Chromium reports an element's top-left corner,
 * which for a section set vertically is on its last page, not its first. A link to an element in
 * another part gets a placeholder target, so that Chromium keeps the link; post-processing points
 * it at the real page.
 */
export function printParts(
  book: Book,
  geometry: PageGeometry,
  fonts: PrintFonts,
  parts: number,
  pageNumbers?: Map<string, number>,
): PrintPart[] {
  const anchor = (id: string) => h('div.page-anchor', { id: anchorId(id) });
  let rectoBreaks = 0;
  const pictureCounts = { page: 0, bleed: 0 };
  const chapters = book.chapters.map((chapter) => {
    const content = structuredClone(chapter.tree.children) as ElementContent[];
    splitLongParagraphs(content, MAX_PARAGRAPH_CHARS);
    splitTallCode(content, geometry);
    // Pictures: sized for print, full-page ones given anchors the press finds their pages by.
    layoutPictures(content, geometry, book.assets.images, pictureCounts, anchor);
    const section = chapterSection(chapter, content, { before: [anchor(chapter.id)] });
    markOneLineEnding(section, geometry.charsPerLine);
    overhangRuby(section);
    visit(section, 'element', (node: Element) => {
      const className = node.properties.className;
      if (
        node.tagName === 'div' &&
        Array.isArray(className) &&
        className.includes('pagebreak') &&
        className.includes('recto')
      ) {
        node.properties.id = `${RECTO_BREAK_PREFIX}${++rectoBreaks}`;
      }
    });
    return { section, length: toString(section).length };
  });

  const groups = balancedGroups(
    chapters.map((chapter) => chapter.length),
    parts,
  );
  const bodies = groups.map((range, index) => {
    const body: Element[] = [];
    if (index === 0) {
      const toc = printToc(book, pageNumbers);
      toc.children.unshift(anchor('toc'));
      body.push(titlePage(book.config), toc);
    }
    body.push(...chapters.slice(range[0], range[1]).map((chapter) => chapter.section));
    if (index === groups.length - 1) {
      const colophon = colophonPage(book.config, 'print');
      colophon.properties.id = 'colophon';
      colophon.children.unshift(anchor('colophon'));
      body.push(colophon);
    }
    const ids = new Set<string>();
    const wanted = new Set<string>();
    visit({ type: 'root', children: body }, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#'))
        wanted.add(decodeURIComponent(href.slice(1)));
    });
    return { body, ids, wanted };
  });
  // Every id some link in the book points at, wherever the link is.
  const linked = new Set(bodies.flatMap((part) => [...part.wanted]));
  return bodies.map(({ body, ids, wanted }) => {
    const probes = [...ids].filter(
      (id) => id.startsWith(ANCHOR_PREFIX) || id.startsWith(RECTO_BREAK_PREFIX) || linked.has(id),
    );
    const placeholders = [...wanted].filter((id) => !ids.has(id));
    const nav = h('nav.page-probes', { ariaHidden: 'true' }, [
      ...probes.map((id) => h('a', { href: `#${id}` })),
      ...placeholders.map((id) => h('span', { id })),
    ]);
    // The probes sit in the first page of the part, out of the flow; they draw nothing, and
    // post-processing removes their links.
    body[0]!.children.push(nav);
    return { root: documentRoot(book, geometry, fonts, body), ids };
  });
}

/** Cut lengths into `parts` consecutive groups of about equal total, as [start, end) ranges. */
function balancedGroups(lengths: readonly number[], parts: number): [number, number][] {
  const count = Math.max(1, Math.min(parts, lengths.length));
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const groups: [number, number][] = [];
  let start = 0;
  let sum = 0;
  for (let index = 0; index < lengths.length; index++) {
    sum += lengths[index]!;
    const remainingGroups = count - groups.length - 1;
    const remainingItems = lengths.length - index - 1;
    if (remainingGroups > 0 && (sum >= (total * (groups.length + 1)) / count || remainingItems === remainingGroups)) {
      groups.push([start, index + 1]);
      start = index + 1;
    }
  }
  groups.push([start, lengths.length]);
  return groups;
}

/** The front matter again (扉 and 目次), now with the page numbers the layout gave. */
export function frontMatterDocument(
  book: Book,
  geometry: PageGeometry,
  fonts: PrintFonts,
  pageNumbers: Map<string, number>,
): Root {
  return documentRoot(book, geometry, fonts, [titlePage(book.config), printToc(book, pageNumbers)]);
}

/** The 目次 with leaders; numbers are hidden placeholders until they are known. */
function printToc(book: Book, numbers: Map<string, number> | undefined): Element {
  return tocPage(book.config, tocEntries(book.chapters, book.config.tocDepth), {
    id: 'toc',
    href: (entry) => `#${entry.id}`,
    pageNumbers: {
      numbers,
      vertical: book.config.writingMode === 'vertical',
      kanji: book.config.print.tocNumerals === 'kanji',
    },
  });
}

function documentRoot(book: Book, geometry: PageGeometry, fonts: PrintFonts, body: ElementContent[]): Root {
  const vertical = geometry.vertical;
  // Every bundled face at every weight it has: Chromium loads only the files whose Unicode
  // ranges the text uses.
  const families = [...new Set([...MINCHO_STACK, ...GOTHIC_STACK])];
  const stylesheets = [
    ...families.flatMap((family) =>
      fontWeights(family).map((weight) => pathToFileURL(fontStylesheet(family, weight)).href),
    ),
    templateUrl('print/print.css'),
    templateUrl('print/pictures.css'),
    templateUrl('common/notation.css'),
  ];
  const root: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h(
        'html',
        { lang: book.config.lang, className: [vertical ? 'vrtl' : 'hltr', 'print', `columns-${geometry.columns}`] },
        [
          h('head', [
            h('meta', { charSet: 'utf-8' }),
            h('title', book.config.title),
            ...stylesheets.map((href) => h('link', { rel: 'stylesheet', href })),
            h('style', geometryCss(geometry, fonts, book.config.print)),
          ]),
          h('body', body),
        ],
      ),
    ],
  };
  if (fonts.stacks) replaceMissingGlyphs(root, fonts.stacks);
  return root;
}

/** CSS written from numbers and the font settings: page size, margins, the 版面. */
function geometryCss(
  g: PageGeometry,
  fonts: PrintFonts,
  { chapterStart, hanging }: Pick<PrintOptions, 'chapterStart' | 'hanging'>,
): string {
  const mm = (value: number) => `${value.toFixed(3)}mm`;
  const pt = (value: number) => `${value.toFixed(3)}pt`;
  // Sides are rendered symmetric; post-processing moves each page's text towards its fore-edge.
  const side = (g.margin.fore + g.margin.gutter) / 2;
  const across = g.vertical ? g.halfLeading : 0;
  const along = g.vertical ? 0 : g.halfLeading;
  // A hanging mark is drawn past the end of the line (the foot of the 版面 in 縦書き, its right
  // edge in 横書き). The page area reaches one character further so that Chromium, which shrinks
  // a page whose content overflows it, sees nothing overflow; the body keeps the 版面's length.
  const hang = hanging ? (g.fontSize * 25.4) / 72 : 0;
  const [end, right] = g.vertical ? [hang, 0] : [0, hang];
  const blockBlock = g.vertical ? g.block.width : g.block.height;
  const blockInline = g.vertical ? g.block.height : g.block.width;
  // Chromium moves the first line of a page inwards when an annotation reaches past the
  // half-leading (there is no line before it to lend the space), and then the page's last line no
  // longer fits. Readings no longer do (rubyCss), 傍点 still may: room for half a ruby at the
  // block-end side keeps every line of the 版面; it is less than a line, so no extra line fits there.
  const slack = (Math.min(g.fontSize, g.pitchPt) * 0.5 * 25.4) / 72;
  // The readings of a page's first line reach past the line into the margin (rubyCss keeps the
  // line where it is). Chromium also paints ink that crosses the edge of the page area on the page
  // before; a strip of padding inside the page area, repeated on every page, keeps it on its own.
  const room = (g.fontSize * 0.5 * 25.4) / 72;
  const [roomTop, roomRight] = g.vertical ? [0, room] : [room, 0];
  const fontFaces = [fonts.body, fonts.heading]
    .filter((font) => font.url)
    .map((font) => `@font-face { font-family: ${cssString(font.family)}; src: url(${cssString(font.url!)}); }`);
  // Only the book's fonts and the bundled ones, never a generic family: a generic family is
  // whatever the machine has installed.
  const stack = (first: string, bundled: readonly BundledFamily[]) =>
    [...new Set([first, ...bundled.map(fontFamilyName)])].map(cssString).join(', ');
  const body = stack(fonts.body.family, MINCHO_STACK);
  const heading = stack(fonts.heading.family, GOTHIC_STACK);
  const gothic = [...GOTHIC_TAGS, ...GOTHIC_CLASSES.map((name) => `.${name}`)].join(', ');
  return [
    ...fontFaces,
    `@page { size: ${mm(g.sheet.width)} ${mm(g.sheet.height)}; margin: ${mm(g.bleed + g.margin.top - along - roomTop)} ${mm(g.bleed + side - across - right - roomRight)} ${mm(g.bleed + g.margin.bottom - along - end - (g.vertical ? 0 : slack))} ${mm(g.bleed + side - across - (g.vertical ? slack : 0))}; }`,
    `:root { --font-size: ${pt(g.fontSize)}; --line-height: ${g.lineHeight}; --pitch: ${pt(g.pitchPt)}; ` +
      `--block-block: ${mm(blockBlock)}; --block-inline: ${mm(blockInline)}; --columns: ${g.columns}; ` +
      `--column-gap: ${pt(g.columnGap * g.fontSize)}; --chapter-break: ${chapterStart}; }`,
    `body { padding-block-start: ${mm(room)}; box-decoration-break: clone; -webkit-box-decoration-break: clone; }`,
    `html { font-family: ${body}; }`,
    `${gothic} { font-family: ${heading}; }`,
    `.${MISSING_GLYPH_CLASS} { font-family: ${body}; font-weight: normal; }`,
    ...rubyCss(fonts, gothic, stack),
  ].join('\n');
}

/**
 * Readings set in faces whose ascent and descent are small (scripts/fonts/ruby-faces.ts), so that
 * a line with ruby takes no more room than one without and the 版面 never moves; the glyphs are
 * moved back out to where JLReq puts them.
 */
function rubyCss(
  fonts: PrintFonts,
  gothic: string,
  stack: (first: string, bundled: readonly BundledFamily[]) => string,
): string[] {
  const own = [fonts.body, fonts.heading]
    .filter((font) => font.url)
    .map((font) => ownRubyFace(cssString(rubyFamilyName(font.family)), cssString(font.url!)));
  const faces = (font: PrintFonts['body'], bundled: BundledFamily) =>
    [...(font.url ? [rubyFamilyName(font.family)] : []), rubyFamilyName(fontFamilyName(bundled))]
      .map(cssString)
      .join(', ');
  const rubyStack = (font: PrintFonts['body'], bundled: readonly BundledFamily[]) =>
    `${faces(font, bundled[0]!)}, ${stack(font.family, bundled)}`;
  return [
    bundledRubyFaces(MINCHO_STACK[0]!),
    bundledRubyFaces(GOTHIC_STACK[0]!),
    ...own,
    `rt { font-family: ${rubyStack(fonts.body, MINCHO_STACK)}; position: relative; inset-block-start: -${RUBY_SHIFT}em; }`,
    `${gothic.replaceAll(', ', ' rt, ')} rt { font-family: ${rubyStack(fonts.heading, GOTHIC_STACK)}; }`,
  ];
}

/** A CSS string literal; user-supplied names never end the string or the rule. */
function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}
