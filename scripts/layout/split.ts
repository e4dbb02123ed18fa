/**
 * Cutting a chapter into the documents an EPUB carries: at every page break the author wrote,
 * and wherever a document would grow beyond the size reading systems handle (the 電書協 guide:
 * 256 KB). A reader sees a cut as a page break, so a chapter too long is cut where a reader
 * would not mind: before a lower heading, else after a scene break, else between two
 * paragraphs, and never inside a note or a quotation — each of those is one node at the top of
 * the chapter, and cuts fall between such nodes, in the second half of a document's room so
 * that no document is tiny. Only a single block too big for a document by itself is cut inside:
 * a paragraph after a sentence, its continuation marked so that it is not indented again.
 */
import type { Element, ElementContent, RootContent } from 'hast';
import type { Position } from 'unist';
import { toString } from 'hast-util-to-string';
import { xhtmlFits } from './size-bound.ts';
import { toXhtml } from './xhtml.ts';
import { HEADING_TAGS } from '../markdown/raw-html/schema.ts';

/** Where a cut for size fell, from the politest to the last resort. */
export type CutKind = 'heading' | 'scene break' | 'paragraph' | 'block' | 'inside a block';

/** A cut the size limit forced, to tell the author about. */
export interface SizeCut {
  kind: CutKind;
  /** Where the text after the cut starts in the source, when known. */
  position?: Position;
}

/** Split before a `div.pagebreak` marker, then by size; `onCut` hears of every cut made for size. */
export function splitChapter(
  nodes: readonly RootContent[],
  maxBytes: number,
  onCut: (cut: SizeCut) => void = () => undefined,
): ElementContent[][] {
  const sections: ElementContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'doctype') continue;
    if (isPageBreak(node)) {
      if (sections.at(-1)!.some((child) => child.type !== 'text' || child.value.trim() !== '')) sections.push([]);
      continue;
    }
    sections.at(-1)!.push(node);
  }
  return sections.flatMap((section) => splitPolitely(section, maxBytes, onCut)).filter((part) => part.length > 0);
}

const HEADINGS = new Set(HEADING_TAGS);
const RANKS: Record<Exclude<CutKind, 'inside a block'>, number> = {
  heading: 4,
  'scene break': 3,
  paragraph: 2,
  block: 1,
};

const isElement = (node: ElementContent | undefined, test: (node: Element) => boolean): boolean =>
  node?.type === 'element' && test(node);
const isHeading = (node: ElementContent | undefined) => isElement(node, (element) => HEADINGS.has(element.tagName));
const isSceneBreak = (node: ElementContent | undefined) =>
  isElement(node, (element) => classList(element).includes('scene-break'));
const isParagraph = (node: ElementContent | undefined) =>
  isElement(node, (element) => element.tagName === 'p' && !classList(element).includes('scene-break'));

/** What kind of cut falls between two top-level nodes; undefined where none may (after a heading). */
function cutBetween(before: ElementContent | undefined, after: ElementContent | undefined): CutKind | undefined {
  if (isHeading(before)) return undefined;
  if (isHeading(after)) return 'heading';
  if (isSceneBreak(before)) return 'scene break';
  if (isParagraph(before) && isParagraph(after)) return 'paragraph';
  return 'block';
}

/** Cut a run of top-level nodes into documents of at most `maxBytes`, at the politest places. */
function splitPolitely(
  nodes: readonly ElementContent[],
  maxBytes: number,
  onCut: (cut: SizeCut) => void,
): ElementContent[][] {
  // Nodes that fit in one document whatever their markup are one document, as measuring them would find.
  if (xhtmlFits(nodes, maxBytes)) return [[...nodes]];
  const sizes = nodes.map(size);
  const parts: ElementContent[][] = [];
  let start = 0;
  while (start < nodes.length) {
    let end = start;
    let used = 0;
    while (end < nodes.length && used + sizes[end]! <= maxBytes) used += sizes[end++]!;
    if (end === nodes.length) {
      parts.push(nodes.slice(start));
      break;
    }
    if (end === start) {
      // One block too big for a document: it is cut inside, into documents of its own.
      const pieces = splitBySize(splitNode(nodes[start]!, maxBytes), maxBytes);
      pieces.forEach((piece, index) => {
        if (index > 0) onCut({ kind: 'inside a block', position: piece[0]?.position ?? nodes[start]!.position });
      });
      parts.push(...pieces);
      start++;
      if (start < nodes.length) onCut({ kind: 'block', position: nodes[start]!.position });
      continue;
    }
    // The best place among the boundaries in the second half of the room (or anywhere, if the
    // second half has none), the last of the best kind.
    let best: { at: number; kind: CutKind; rank: number } | undefined;
    for (const half of [true, false]) {
      let filled = 0;
      for (let at = start + 1; at <= end; at++) {
        filled += sizes[at - 1]!;
        if (half && filled < maxBytes / 2) continue;
        const kind = cutBetween(nodes[at - 1], nodes[at]);
        if (kind === undefined || kind === 'inside a block') continue;
        const rank = RANKS[kind];
        if (!best || rank >= best.rank) best = { at, kind, rank };
      }
      if (best) break;
    }
    const at = best?.at ?? end;
    parts.push(nodes.slice(start, at));
    onCut({ kind: best?.kind ?? 'block', position: nodes[at]?.position });
    start = at;
  }
  return parts;
}

/**
 * Cut every paragraph longer than `maxChars` characters into continued paragraphs, wherever it
 * is. Chromium lays out one paragraph in time that grows much faster than its length (a
 * 320,000-character paragraph takes half a minute), so the print book cuts monster paragraphs
 * after a sentence; the cut shows as a short line, nothing is lost.
 */
export function splitLongParagraphs(nodes: ElementContent[], maxChars: number): void {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (node.type !== 'element') continue;
    if (node.tagName === 'p' && toString(node).length > maxChars) {
      const pieces = splitNode(node, maxChars * 3);
      nodes.splice(index, 1, ...pieces);
      index += pieces.length - 1;
    } else {
      splitLongParagraphs(node.children, maxChars);
    }
  }
}

/** Whether a node is a page break marker (改ページ / 改丁). */
function isPageBreak(node: RootContent): node is Element {
  return node.type === 'element' && node.tagName === 'div' && classList(node).includes('pagebreak');
}

function classList(node: Element): string[] {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

const size = (node: ElementContent) => Buffer.byteLength(toXhtml([node]), 'utf8');

/** Group nodes into runs of at most `maxBytes`, splitting any node that is too big alone. */
function splitBySize(nodes: readonly ElementContent[], maxBytes: number): ElementContent[][] {
  const parts: ElementContent[][] = [[]];
  let used = 0;
  for (const node of nodes) {
    const bytes = size(node);
    const pieces = bytes > maxBytes ? splitNode(node, maxBytes) : [node];
    for (const piece of pieces) {
      const pieceBytes = pieces.length === 1 ? bytes : size(piece);
      if (used + pieceBytes > maxBytes && parts.at(-1)!.length > 0) {
        parts.push([]);
        used = 0;
      }
      parts.at(-1)!.push(piece);
      used += pieceBytes;
    }
  }
  return parts;
}

/** Cut one oversized node into several of the same kind. */
function splitNode(node: ElementContent, maxBytes: number): ElementContent[] {
  if (node.type === 'text') return splitText(node.value, maxBytes).map((value) => ({ type: 'text', value }));
  if (node.type !== 'element') return [node];
  // The budget leaves room for the wrapper element repeated around every piece.
  const shell = size({ ...node, children: [] });
  const groups = splitBySize(node.children, Math.max(1024, maxBytes - shell));
  let itemsBefore = 0;
  return groups.map((children, index) => {
    const piece: Element = { ...node, properties: { ...node.properties }, children };
    if (index > 0) {
      delete piece.properties.id;
      if (node.tagName === 'ol') piece.properties.start = Number(node.properties.start ?? 1) + itemsBefore;
      if (node.tagName === 'p') piece.properties.className = [...classList(node), 'continued'];
    }
    itemsBefore += children.filter((child) => child.type === 'element' && child.tagName === 'li').length;
    return piece;
  });
}

/** Cut text into pieces under `maxBytes`, after a sentence end where there is one. */
function splitText(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  // XHTML escaping can grow text; budget a margin for it.
  const budget = Math.floor(maxBytes * 0.9);
  let rest = text;
  while (Buffer.byteLength(rest, 'utf8') > budget) {
    let cut = 0;
    let bytes = 0;
    let lastSentence = -1;
    for (const char of rest) {
      bytes += Buffer.byteLength(char, 'utf8');
      if (bytes > budget) break;
      cut += char.length;
      if ('。！？!?\n'.includes(char)) lastSentence = cut;
    }
    const at = lastSentence > cut / 2 ? lastSentence : cut;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces;
}
