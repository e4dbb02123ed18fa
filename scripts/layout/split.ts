/**
 * Cutting a chapter into the documents an EPUB carries: at every page break the author wrote,
 * and wherever a document would grow beyond the size reading systems handle (the 電書協 guide:
 * 256 KB). Cuts fall between paragraphs; a paragraph too big for one document by itself is cut
 * after a sentence, and its continuation is marked so that it is not indented again.
 */
import type { Element, ElementContent, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { toXhtml } from './xhtml.ts';

/** Split before a `div.pagebreak` marker, then by size. */
export function splitChapter(nodes: readonly RootContent[], maxBytes: number): ElementContent[][] {
  const sections: ElementContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'doctype') continue;
    if (isPageBreak(node)) {
      if (sections.at(-1)!.some((child) => child.type !== 'text' || child.value.trim() !== '')) sections.push([]);
      continue;
    }
    sections.at(-1)!.push(node);
  }
  return sections.flatMap((section) => splitBySize(section, maxBytes)).filter((part) => part.length > 0);
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
export function isPageBreak(node: RootContent): node is Element {
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
