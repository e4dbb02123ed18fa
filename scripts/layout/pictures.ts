/**
 * Pictures in the print book (挿絵), sized the way a Japanese book sets them (JLReq 4.3, 図版の配置):
 *
 * - A picture in the flow is as large as its file says (its pixels at the resolution it records,
 *   96 to the inch when it records none), never larger than the column and the page allow, and
 *   takes whole line pitches across the lines (行取り), with at least one character's space
 *   between it and the text on either side, so that the lines around it stay on the grid. It
 *   floats: when it does not fit the rest of the page, the text goes on filling the page and the
 *   picture opens the next one (Chromium pushes a float that does not fit to the next page; the
 *   print stylesheet makes every picture such a float).
 * - A picture that would leave a single line beside it on its page takes the page instead: JLReq
 *   says one line of text beside a picture must be avoided.
 * - A full-page picture (`:::full-page`, 青空文庫 `挿絵`) takes a page of its own and fills the
 *   版面; one to the paper's edges (`:::bleed`) takes a page that the build fills with the picture
 *   over the trim and the bleed (see picturePagesDocument).
 *
 * Captions are set under the picture, smaller than the text, in the Gothic face, as JLReq
 * describes them (and across the page in a vertical book, as it says captions usually are).
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { visit } from '../markdown/visit.ts';
import type { Place } from '../errors.ts';
import type { ImageFacts } from '../manuscript/image-facts.ts';
import type { ImageFile } from '../manuscript/images.ts';
import { PICTURE_CLASS, PLACEMENT_CLASS, type PicturePlacement } from '../markdown/pictures/index.ts';
import type { PageGeometry } from './geometry.ts';
import { MM_PER_PT } from './units.ts';

/** Ids (under the page-anchor prefix) of the pages full-page pictures take: `picture-N` in the 版面, `bleed-N` to the edges. */
export const PICTURE_PAGE_ID = { page: 'picture-', bleed: 'bleed-' } as const;

/** Pixels per inch of a file that records no resolution: CSS pixels, as the EPUB shows it. */
const CSS_PPI = 96;
/** Caption type size in ems of the body, its line height, and the space above it in ems of the body. */
const CAPTION = { size: 0.8, line: 1.4, gap: 0.5 } as const;

/** Where a picture goes in print, and the size it is printed at, in points. */
export interface PictureBox {
  placement: PicturePlacement;
  width: number;
  height: number;
  /** Line pitches it takes across the lines (the whole page for a full-page picture). */
  lines: number;
}

/** A picture's size in points at the resolution its file records. */
function naturalSize(facts: ImageFacts): { width: number; height: number } {
  const inch = 72 / (facts.ppi ?? CSS_PPI);
  return { width: facts.width * inch, height: facts.height * inch };
}

/** The 版面 (one column of it) in points: its length along the lines, its extent across them, and the page's lines. */
function blockOf(g: PageGeometry): { along: number; across: number; lines: number } {
  return { along: g.charsPerLine * g.fontSize, across: g.linesPerPage * g.pitchPt, lines: g.linesPerPage };
}

/** Room the caption takes along the column, in points, when its lines are `width` long. */
function captionRoom(caption: string, width: number, g: PageGeometry): number {
  if (caption.length === 0) return 0;
  const size = g.fontSize * CAPTION.size;
  const perLine = Math.max(1, Math.floor(width / size));
  return Math.ceil(caption.length / perLine) * size * CAPTION.line + g.fontSize * CAPTION.gap;
}

/**
 * Where and how large a picture is printed. `facts` missing (a file whose size cannot be read)
 * leaves the picture to the stylesheet's limits, in the flow, on as many lines as the page has less two.
 */
export function pictureBox(
  facts: ImageFacts | undefined,
  placement: PicturePlacement,
  caption: string,
  g: PageGeometry,
): PictureBox {
  const block = blockOf(g);
  // In a vertical book a picture's width lies across the lines; in a horizontal one its height.
  const [acrossOf, alongOf] = g.vertical
    ? [(box: { width: number; height: number }) => box.width, (box: { width: number; height: number }) => box.height]
    : [(box: { width: number; height: number }) => box.height, (box: { width: number; height: number }) => box.width];
  const natural = facts ? naturalSize(facts) : { width: block.along, height: block.along };
  const fit = (across: number, along: number, enlarge: boolean) => {
    const scale = Math.min(across / acrossOf(natural), along / alongOf(natural), enlarge ? Infinity : 1);
    return { width: natural.width * scale, height: natural.height * scale };
  };
  const whole = (): PictureBox => {
    // A caption across a horizontal book's page takes lines from the picture; down a vertical
    // book's column it takes length from it.
    const first = fit(block.across, block.along, true);
    const room = captionRoom(caption, g.vertical ? first.width : first.width, g);
    const size = g.vertical ? fit(block.across, block.along - room, true) : fit(block.across - room, block.along, true);
    return { placement: placement === 'bleed' ? 'bleed' : 'page', ...size, lines: block.lines };
  };
  if (placement !== 'flow') return whole();
  // At least a character's space between the picture and the text on either side (JLReq: the
  // smallest space around a picture is the type size or the line gap).
  const gaps = 2 * g.fontSize;
  const first = fit(block.across - gaps, block.along, false);
  const room = captionRoom(caption, first.width, g);
  const size = g.vertical
    ? fit(block.across - gaps, block.along - room, false)
    : fit(block.across - gaps - room, block.along, false);
  const lines = Math.ceil((acrossOf(size) + (g.vertical ? 0 : room) + gaps) / g.pitchPt - 1e-6);
  // One line of text alone beside a picture is to be avoided: the picture takes the page.
  if (lines >= block.lines - 1) return whole();
  return { placement, ...size, lines };
}

const classesOf = (element: Element): string[] =>
  Array.isArray(element.properties.className) ? element.properties.className.map(String) : [];

/** Whether an element is a picture's figure, and its placement as written. */
function placementOf(element: Element): PicturePlacement | undefined {
  if (element.tagName !== 'figure') return undefined;
  const classes = classesOf(element);
  if (!classes.includes(PICTURE_CLASS)) return undefined;
  return classes.includes(PLACEMENT_CLASS.bleed) ? 'bleed' : classes.includes(PLACEMENT_CLASS.page) ? 'page' : 'flow';
}

/** The picture's image element and its caption's text. */
function pictureParts(figure: Element): { image?: Element; caption: string } {
  const image = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'img');
  const caption = figure.children.find(
    (child): child is Element => child.type === 'element' && child.tagName === 'figcaption',
  );
  return { image, caption: caption ? toString(caption) : '' };
}

/** Counts of the full-page pictures laid out so far in the book, which number their page anchors. */
export interface PictureCounts {
  page: number;
  bleed: number;
}

/**
 * Size every picture under `nodes` for print (a style the print stylesheet reads) and give each
 * full-page one an anchor (`makeAnchor(id)`) through which the press finds its page. `images`
 * holds the files the book resolved, by reference.
 */
export function layoutPictures(
  nodes: ElementContent[],
  g: PageGeometry,
  images: ReadonlyMap<string, ImageFile>,
  counts: PictureCounts,
  makeAnchor: (id: string) => Element,
): void {
  visit({ type: 'root', children: nodes } as Root, 'element', (figure: Element) => {
    const placement = placementOf(figure);
    if (!placement) return;
    const { image, caption } = pictureParts(figure);
    const file = images.get(String(image?.properties.src ?? ''));
    const box = pictureBox(file?.facts, placement, caption, g);
    const pt = (value: number) => `${value.toFixed(2)}pt`;
    figure.properties.style = `--picture-width: ${pt(box.width)}; --picture-height: ${pt(box.height)}; --picture-lines: ${box.lines}`;
    if (box.placement === 'flow') return 'skip';
    figure.properties.className = [PICTURE_CLASS, PLACEMENT_CLASS[box.placement]];
    const id = `${PICTURE_PAGE_ID[box.placement]}${++counts[box.placement]}`;
    figure.children.unshift(makeAnchor(id));
    return 'skip';
  });
}

/** A full-page picture to the edges of the paper, or a 口絵, as the pictures document prints it. */
export interface EdgePicture {
  /** The image's reference as the book resolved it. */
  src: string;
  alt: string;
}

/** Every `:::bleed` picture of `trees`, in reading order: the pages of the pictures document. */
export function bleedPictures(trees: readonly Root[]): EdgePicture[] {
  const found: EdgePicture[] = [];
  for (const tree of trees) {
    visit(tree, 'element', (figure: Element) => {
      if (placementOf(figure) !== 'bleed') return;
      const { image } = pictureParts(figure);
      if (image) found.push({ src: String(image.properties.src ?? ''), alt: String(image.properties.alt ?? '') });
      return 'skip';
    });
  }
  return found;
}

/**
 * The pictures that print to the paper's edges, one a page, each covering the whole page as
 * Chromium renders it (the trim and the bleed on every side), cropped at its middle where its
 * shape differs from the page's. The press puts these pages in place of the pages the pictures
 * took in the book. A picture cannot reach the edges in the book's own layout: Chromium paints
 * what passes the page area into the margins of the neighbouring pages too.
 */
export function picturePagesDocument(pictures: readonly EdgePicture[], g: PageGeometry, lang: string): Root {
  const mm = (value: number) => `${value.toFixed(3)}mm`;
  const css = [
    `@page { size: ${mm(g.sheet.width)} ${mm(g.sheet.height)}; margin: 0; }`,
    'html, body { margin: 0; padding: 0; }',
    `.edge-page { width: ${mm(g.sheet.width)}; height: ${mm(g.sheet.height)}; overflow: hidden; break-after: page; }`,
    '.edge-page img { display: block; width: 100%; height: 100%; object-fit: cover; }',
  ].join('\n');
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('style', css)]),
        h(
          'body',
          pictures.map((picture) => h('div.edge-page', [h('img', { src: picture.src, alt: picture.alt })])),
        ),
      ]),
    ],
  };
}

/** A full-page picture whose file has fewer pixels than its printed size needs. */
export interface SmallPicture {
  /** The image's reference as written. */
  src: string;
  place: Place;
  /** Its pixels, and the pixels its printed size needs at the resolution asked. */
  pixels: { width: number; height: number };
  needed: { width: number; height: number };
  /** Its printed size in millimetres, and its resolution there. */
  printed: { width: number; height: number };
  ppi: number;
}

/**
 * The pictures that take a page (full-page, to the edges, or a picture in the flow large enough to
 * take its page) whose files have too few pixels for `ppi` at the size they print at: a small
 * picture blown up to a page prints soft. Pictures in the flow print at their own size and
 * resolution; the preflight reports those.
 */
export function smallPictures(
  chapters: readonly { file: { path: string }; tree: Root }[],
  g: PageGeometry,
  images: ReadonlyMap<string, ImageFile>,
  ppi: number,
): SmallPicture[] {
  const found: SmallPicture[] = [];
  for (const chapter of chapters) {
    visit(chapter.tree, 'element', (figure: Element) => {
      const placement = placementOf(figure);
      if (!placement) return;
      const { image, caption } = pictureParts(figure);
      const src = String(image?.properties.src ?? '');
      const facts = images.get(src)?.facts;
      if (!facts) return 'skip';
      const box = pictureBox(facts, placement, caption, g);
      if (box.placement === 'flow') return 'skip';
      // A picture to the edges covers the sheet, cropped: the larger of the two scales.
      const sheet = { width: g.sheet.width / MM_PER_PT, height: g.sheet.height / MM_PER_PT };
      const cover = Math.max(sheet.width / facts.width, sheet.height / facts.height);
      const printed = box.placement === 'bleed' ? { width: facts.width * cover, height: facts.height * cover } : box;
      const actual = (facts.width / printed.width) * 72;
      if (actual + 0.5 >= ppi) return 'skip';
      const start = figure.position?.start;
      found.push({
        src,
        place: { file: chapter.file.path, line: start?.line, column: start?.column },
        pixels: { width: facts.width, height: facts.height },
        needed: { width: Math.ceil((printed.width / 72) * ppi), height: Math.ceil((printed.height / 72) * ppi) },
        printed: { width: printed.width * MM_PER_PT, height: printed.height * MM_PER_PT },
        ppi: actual,
      });
      return 'skip';
    });
  }
  return found;
}
