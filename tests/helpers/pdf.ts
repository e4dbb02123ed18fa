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
 * Empty line slots at the end of a 縦組 page: how many whole lines of the 版面 are left free to
 * the left of the page's last line of text. Judged by the base text only (ruby, 傍点 and folios
 * are smaller or outside the block): the block's left edge is the fore-edge margin on odd pages
 * and the gutter margin on even ones (a right-bound book's rectos are left-hand pages).
 */
export function emptyLineSlots(
  words: readonly PlacedText[],
  page: { number: number },
  geometry: {
    fontSize: number;
    pitchPt: number;
    margin: { top: number; bottom: number; fore: number; gutter: number };
    trim: { height: number };
  },
): number | undefined {
  const pt = (mm: number) => (mm * 72) / 25.4;
  const area = { top: pt(geometry.margin.top - 1), bottom: pt(geometry.trim.height - geometry.margin.bottom + 1) };
  const base = verticalColumns(words, area, geometry.pitchPt).filter((column) =>
    column.glyphs.some((glyph) => glyph.xMax - glyph.xMin > geometry.fontSize * 0.7),
  );
  const last = base.at(-1);
  if (!last) return undefined;
  const left = pt(page.number % 2 === 1 ? geometry.margin.fore : geometry.margin.gutter);
  // The centre of the last slot is half a character in from the block's edge; a line moved by a
  // fraction of the pitch (after a heading) still counts as in its slot.
  return Math.max(0, Math.floor((last.x - (left + geometry.fontSize / 2)) / geometry.pitchPt + 0.25));
}
