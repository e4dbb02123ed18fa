/**
 * The documents Chromium renders: the book cut into parts of consecutive chapters (several on a
 * long book, laid out side by side), each written as HTML into the build's work folder with its
 * pictures pointed at their files, and the front matter again with the page numbers the layout
 * gave.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Book } from '../../book.ts';
import type { PageGeometry } from '../../layout/geometry.ts';
import { pointImages } from '../../layout/images.ts';
import { bleedPictures, picturePagesDocument } from '../../layout/pictures.ts';
import { frontMatterDocument, printParts, type PrintFonts, type PrintPart } from '../../layout/print-document.ts';

/** What the parts are made from: the book, its page geometry and print fonts. */
export interface PartsInput {
  book: Book;
  geometry: PageGeometry;
  fonts: PrintFonts;
}

/** The parts of the main document and the HTML files they were written to. */
export interface WrittenParts {
  parts: PrintPart[];
  paths: string[];
}

/** Write the parts of the main document into `workDir`. */
export async function writeParts(input: PartsInput, workDir: string): Promise<WrittenParts> {
  const { book, geometry, fonts } = input;
  const parts = printParts(book, geometry, fonts, partCount(book));
  const paths = parts.map((_, index) => join(workDir, parts.length === 1 ? 'book.html' : `book-${index + 1}.html`));
  await Promise.all(parts.map((part, index) => writeDocument(paths[index]!, part.root, book)));
  if (process.env.TATEGAKI_KEEP_WORK && parts.length > 1) {
    // The whole book as one document, for comparing with a bare Chromium print (npm run bench).
    const [whole] = printParts(book, geometry, fonts, 1);
    await writeDocument(join(workDir, 'book.html'), whole!.root, book);
  }
  return { parts, paths };
}

/** Write the first part again, with the 目次's page numbers filled in. */
export async function rewriteFirstPart(
  input: PartsInput,
  written: WrittenParts,
  pageNumbers: Map<string, number>,
): Promise<void> {
  const [first] = printParts(input.book, input.geometry, input.fonts, written.parts.length, pageNumbers);
  await writeDocument(written.paths[0]!, first!.root, input.book);
}

/** Write the front matter (扉, 目次) with the page numbers the layout gave; returns its path. */
export async function writeFrontMatter(
  input: PartsInput,
  workDir: string,
  pageNumbers: Map<string, number>,
): Promise<string> {
  const path = join(workDir, 'front.html');
  await writeFile(path, toHtml(frontMatterDocument(input.book, input.geometry, input.fonts, pageNumbers)));
  return path;
}

/**
 * Write the pictures that print to the paper's edges, one a page at the sheet's size; returns
 * its path, or undefined when the book has none.
 */
export async function writePicturePages(input: PartsInput, workDir: string): Promise<string | undefined> {
  const { book, geometry } = input;
  const pictures = bleedPictures(book.chapters.map((chapter) => chapter.tree));
  if (pictures.length === 0) return undefined;
  const root = picturePagesDocument(pictures, geometry, book.config.lang);
  const path = join(workDir, 'pictures.html');
  await writeDocument(path, root, book);
  return path;
}

/** Write the 口絵 (the book's `frontispiece`), one a page over the whole sheet; returns its path, or undefined when there are none. */
export async function writePlatePages(input: PartsInput, workDir: string): Promise<string | undefined> {
  const { book, geometry } = input;
  const plates = book.assets.frontispiece.map((file) => ({ src: pathToFileURL(file.path).href, alt: '口絵' }));
  if (plates.length === 0) return undefined;
  const path = join(workDir, 'plates.html');
  await writeFile(path, toHtml(picturePagesDocument(plates, geometry, book.config.lang)));
  return path;
}

async function writeDocument(path: string, root: Root, book: Book): Promise<void> {
  pointImages(sectionsOf(root), book.assets);
  await writeFile(path, toHtml(root));
}

/**
 * How many parts Chromium renders side by side: one per processor, up to four, for a book long
 * enough that the gain outweighs a second renderer's start (and the fonts each part embeds).
 */
function partCount(book: Book): number {
  const forced = Number(process.env.TATEGAKI_PDF_PARTS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  const characters = book.manuscript.chapterFiles.reduce((sum, file) => sum + String(file.value).length, 0);
  if (characters < 150_000) return 1;
  return Math.min(4, availableParallelism(), book.chapters.length);
}

function sectionsOf(root: Root): Element[] {
  const html = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  const body = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'body');
  return (body?.children ?? []).filter((node): node is Element => node.type === 'element');
}
