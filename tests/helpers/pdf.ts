/** Reading a built PDF in tests with poppler-utils and pdf-lib. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { elements, parseXml } from './xml.ts';

const run = promisify(execFile);

/** A rectangle in PDF points as pdfinfo prints it (origin bottom-left). */
export interface PdfBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Page boxes of every page, from `pdfinfo -box`. */
export async function pageBoxes(
  path: string,
): Promise<Record<'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox', PdfBox>[]> {
  const { stdout } = await run('pdfinfo', ['-box', '-f', '1', '-l', '100000', path]);
  const pages: Record<string, PdfBox>[] = [];
  for (const match of stdout.matchAll(
    /^Page\s+(\d+)\s+(MediaBox|CropBox|BleedBox|TrimBox):\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)/gm,
  )) {
    const index = Number(match[1]) - 1;
    pages[index] ??= {};
    pages[index]![match[2]!] = {
      x1: Number(match[3]),
      y1: Number(match[4]),
      x2: Number(match[5]),
      y2: Number(match[6]),
    };
  }
  return pages as Record<'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox', PdfBox>[];
}

/** One row of `pdffonts`. */
export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/** The fonts of a PDF, from `pdffonts`. */
export async function pdfFonts(path: string): Promise<FontRow[]> {
  const { stdout } = await run('pdffonts', [path]);
  return stdout
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const columns = line.trim().split(/\s+/);
      // name, type (one or two words), encoding, emb, sub, uni, object id, generation
      const [emb, sub] = columns.slice(-5, -3);
      return {
        name: columns[0]!,
        type: columns.slice(1, -6).join(' '),
        embedded: emb === 'yes',
        subset: sub === 'yes',
      };
    });
}

/** A glyph (or word) and where it is on its page, in points from the top-left. */
export interface PlacedText {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every page's words with their boxes, from `pdftotext -bbox`. */
export async function pageWords(path: string): Promise<{ width: number; height: number; words: PlacedText[] }[]> {
  const { stdout } = await run('pdftotext', ['-bbox', path, '-'], { maxBuffer: 256 * 1024 * 1024 });
  const doc = parseXml(stdout.replace(/<!DOCTYPE[^>]*>/, ''), 'pdftotext output');
  return elements(doc, 'page').map((page) => ({
    width: Number(page.getAttribute('width')),
    height: Number(page.getAttribute('height')),
    words: elements(page, 'word').map((word) => ({
      text: word.textContent ?? '',
      xMin: Number(word.getAttribute('xMin')),
      yMin: Number(word.getAttribute('yMin')),
      xMax: Number(word.getAttribute('xMax')),
      yMax: Number(word.getAttribute('yMax')),
    })),
  }));
}

/** Bookmarks as a tree of titles with the 1-based page each opens. */
export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** Read a PDF's outline, reading direction and language with pdf-lib. */
export async function pdfStructure(
  path: string,
): Promise<{ outline: Bookmark[]; direction?: string; lang?: string; pageCount: number }> {
  const pdf = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const pageNumber = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const text = (value: unknown) =>
    value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : String(value);
  const read = (first: unknown): Bookmark[] => {
    const items: Bookmark[] = [];
    let node = first instanceof PDFDict ? first : undefined;
    while (node) {
      const dest = node.lookup(PDFName.of('Dest'));
      const page = dest instanceof PDFArray ? (pageNumber.get(dest.get(0).toString()) ?? 0) : 0;
      items.push({
        title: text(node.lookup(PDFName.of('Title'))),
        page,
        children: read(node.lookup(PDFName.of('First'))),
      });
      const next = node.lookup(PDFName.of('Next'));
      node = next instanceof PDFDict ? next : undefined;
    }
    return items;
  };
  const outlines = pdf.catalog.lookup(PDFName.of('Outlines'));
  const preferences = pdf.catalog.lookup(PDFName.of('ViewerPreferences'));
  return {
    outline: outlines instanceof PDFDict ? read(outlines.lookup(PDFName.of('First'))) : [],
    direction: preferences instanceof PDFDict ? preferences.lookup(PDFName.of('Direction'))?.toString() : undefined,
    lang: pdf.catalog.lookup(PDFName.of('Lang')) ? text(pdf.catalog.lookup(PDFName.of('Lang'))) : undefined,
    pageCount: pdf.getPageCount(),
  };
}

/** Characters that may not begin a line in Japanese (行頭禁則). */
export const NO_LINE_START = new Set([
  ...'、。，．,.：；？！!?）〕］｝〉》」』】〙〗〟’”ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎ々・…‥',
]);
/** Characters that may not end a line (行末禁則). */
export const NO_LINE_END = new Set([...'（〔［｛〈《「『【〘〖〝‘“']);

/** A vertical line of text: glyphs in one column, top to bottom. */
export interface Column {
  x: number;
  glyphs: PlacedText[];
}

/**
 * Group a page's glyphs into vertical lines (columns) by their horizontal centre, keeping only
 * glyphs inside `area` (the text block), each column sorted top to bottom.
 */
export function verticalColumns(
  words: readonly PlacedText[],
  area: { top: number; bottom: number },
  pitch: number,
): Column[] {
  const columns: Column[] = [];
  for (const word of words) {
    // poppler's boxes span the font's ascent and descent, taller than the em: judge by the centre.
    const y = (word.yMin + word.yMax) / 2;
    if (y < area.top || y > area.bottom) continue;
    const x = (word.xMin + word.xMax) / 2;
    let column = columns.find((candidate) => Math.abs(candidate.x - x) < pitch / 3);
    if (!column) {
      column = { x, glyphs: [] };
      columns.push(column);
    }
    column.glyphs.push(word);
  }
  for (const column of columns) column.glyphs.sort((a, b) => a.yMin - b.yMin);
  return columns.sort((a, b) => b.x - a.x);
}

/** A page's text in vertical reading order: columns right to left, each top to bottom. */
export function verticalText(words: readonly PlacedText[]): string {
  const columns: { x: number; width: number; glyphs: PlacedText[] }[] = [];
  for (const word of words) {
    const x = (word.xMin + word.xMax) / 2;
    const width = Math.min(word.xMax - word.xMin, word.yMax - word.yMin);
    const column = columns.find((candidate) => Math.abs(candidate.x - x) < Math.max(candidate.width, width) * 0.4);
    if (column) column.glyphs.push(word);
    else columns.push({ x, width, glyphs: [word] });
  }
  return columns
    .sort((a, b) => b.x - a.x)
    .map((column) =>
      column.glyphs
        .sort((a, b) => a.yMin - b.yMin)
        .map((glyph) => glyph.text)
        .join(''),
    )
    .join('\n');
}

/** 禁則 violations in columns: a forbidden first or last character, with the column's text. */
export function kinsokuViolations(columns: readonly Column[]): string[] {
  const problems: string[] = [];
  for (const column of columns) {
    const text = column.glyphs.map((glyph) => glyph.text).join('');
    const first = [...text][0];
    const last = [...text].at(-1);
    if (first && NO_LINE_START.has(first)) problems.push(`line starts with ${first}: ${text}`);
    if (last && NO_LINE_END.has(last)) problems.push(`line ends with ${last}: ${text}`);
  }
  return problems;
}

/**
 * The empty line slots at the end of each page of a 縦組 book: how many whole lines of the 版面
 * are left free to the left of the page's last line of text. Judged by the base text only (ruby,
 * 傍点, folios and running heads are smaller or outside the block) and measured against the
 * fullest pages of the book, odd and even pages apart (their margins differ). A page whose text is
 * a fraction of a line off the grid (after a heading) has no empty slot for that. `undefined` for
 * a page without text.
 */
export function emptyLineSlots(
  pages: readonly { words: readonly PlacedText[] }[],
  geometry: { fontSize: number; pitchPt: number; margin: { top: number; bottom: number }; trim: { height: number } },
): { empty: (number | undefined)[]; nextIsHeading: boolean[] } {
  const pt = (mm: number) => (mm * 72) / 25.4;
  const area = { top: pt(geometry.margin.top - 1), bottom: pt(geometry.trim.height - geometry.margin.bottom + 1) };
  const columns = pages.map((page) =>
    verticalColumns(page.words, area, geometry.pitchPt).filter((column) =>
      column.glyphs.some((glyph) => glyph.xMax - glyph.xMin > geometry.fontSize * 0.7),
    ),
  );
  const last = columns.map((list) => list.at(-1)?.x);
  // The fullest pages of each parity show where the block ends (the 2nd percentile, so that one
  // odd page cannot move it): a book that loses a line on most pages still has some full ones.
  const full = [0, 1].map((parity) => {
    const xs = last.filter((x, index): x is number => x !== undefined && index % 2 === parity).sort((a, b) => a - b);
    return xs[Math.floor(xs.length * 0.02)] ?? 0;
  });
  const empty = last.map((x, index) =>
    x === undefined ? undefined : Math.max(0, Math.floor((x - full[index % 2]!) / geometry.pitchPt + 0.2)),
  );
  // A heading is set larger than the text: its glyphs are wider than the body's.
  const nextIsHeading = columns.map(
    (_, index) =>
      columns[index + 1]?.[0]?.glyphs.some((glyph) => glyph.xMax - glyph.xMin > geometry.fontSize * 1.1) ?? false,
  );
  return { empty, nextIsHeading };
}
