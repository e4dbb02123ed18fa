/**
 * One paragraph per line (`paragraphPerLine: true`), for manuscripts that put every paragraph on
 * its own line without blank lines between, as 青空文庫 texts and most web novels do. There, a
 * blank line is a blank line the author typed, so each one between two blocks is kept as an
 * empty line (`<p><br/></p>`, as the 電書協 guide writes it); setext headings are turned off,
 * so that `---` or `===` under a line is a scene break or a page break, not a heading.
 */
import type { BlockContent, Paragraph, Parent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { paragraphOf, splitLines } from './lines.ts';

/** Remark plugin: every line of a paragraph is a paragraph. */
export function remarkParagraphPerLine(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ disable: { null: ['setextUnderline'] } });
  return (tree: Root, file: VFile) => {
    splitParagraphs(tree, file);
  };
}

/**
 * Remark plugin: blank lines between top-level blocks kept as empty lines. It runs after the
 * page breaks are made: a blank line next to a page break would only be an empty line at the
 * top or the bottom of a page.
 */
export function remarkBlankLines() {
  return (tree: Root, file: VFile) => {
    keepBlankLines(tree, String(file.value).split('\n'));
  };
}

function splitParagraphs(parent: Parent, file: VFile): void {
  parent.children = parent.children.flatMap((child): RootContent[] => {
    if (child.type === 'paragraph') {
      return splitLines(child.children, file)
        .filter((line) => line.nodes.length > 0)
        .map((line) => paragraphOf(line.nodes, { ...child.data, perLine: true }));
    }
    if ('children' in child && child.type !== 'heading') splitParagraphs(child, file);
    return [child];
  }) as Parent['children'];
}

/** Between two top-level blocks, an empty paragraph for every blank source line. */
function keepBlankLines(tree: Root, lines: readonly string[]): void {
  const children: RootContent[] = [];
  let previous: RootContent | undefined;
  for (const child of tree.children) {
    const gap =
      previous && child.type !== 'pageBreak' && previous.type !== 'pageBreak'
        ? blankLinesBetween(previous, child, lines)
        : 0;
    for (let line = 0; line < gap; line++) children.push(blankLine());
    children.push(child);
    if (child.type !== 'yaml' && child.type !== 'definition' && child.type !== 'footnoteDefinition') previous = child;
  }
  tree.children = children;
}

/**
 * The blank source lines between two blocks. A line between them that is not blank held only what
 * the notations took away (a line with nothing but a 青空文庫 annotation that is not set): it is
 * not a blank line the author typed.
 */
function blankLinesBetween(previous: RootContent, next: RootContent, lines: readonly string[]): number {
  if (previous.type === 'yaml' || next.type === 'definition' || next.type === 'footnoteDefinition') return 0;
  const end = previous.position?.end.line;
  const start = next.position?.start.line;
  if (end === undefined || start === undefined) return 0;
  return lines.slice(end, start - 1).filter((line) => line.trim() === '').length;
}

function blankLine(): Paragraph & BlockContent {
  return { type: 'paragraph', children: [{ type: 'break' }], data: { blankLine: true } };
}

declare module 'mdast' {
  interface ParagraphData {
    /** An empty line the author typed (one paragraph per line). */
    blankLine?: boolean;
    /** A line of a text with one paragraph per line, whose indent is the author's 「　」. */
    perLine?: boolean;
  }
}
