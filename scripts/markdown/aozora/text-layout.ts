/**
 * The parts of a 青空文庫 text file around its body: the header (title, author, …), the
 * `【テキスト中に現れる記号について】` block, which only explains the notation, and the credits
 * (底本, 入力, 校正), which 青空文庫's terms ask every copy to keep. The manuscript reader finds
 * them (scripts/manuscript/aozora-text.ts); this plugin takes the header and the notes out of the
 * text, and sets the credits apart at the end, on a page of their own.
 */
import type { Paragraph, Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { LayoutBlock } from '../block-layout/index.ts';
import type { PageBreak } from '../pagebreak/index.ts';
import '../syntax-problems.ts';

/** Where the parts of a 青空文庫 text are, by line (1-based, inclusive). */
export interface AozoraTextLayout {
  /** Lines that are not part of the book's text: the header when it is metadata, the notes block. */
  skip: Array<[from: number, to: number]>;
  /** The header, when it is shown as the chapter's title (a text in a manuscript folder). */
  titleLines?: [from: number, to: number];
  /** First line of the credits (`底本：`), or of what follows `［＃本文終わり］`. */
  creditsFrom?: number;
}

declare module 'vfile' {
  interface DataMap {
    /** The file is a 青空文庫 text (`.txt`), read with its own notation; where its parts are. */
    aozoraText?: AozoraTextLayout;
  }
}

/** The class of the block the credits are set in. */
export const CREDITS_CLASS = 'aozora-credits';

/** Remark plugin: the header and notes out of a 青空文庫 text, its credits set apart. */
export function remarkAozoraTextLayout() {
  return (tree: Root, file: VFile) => {
    const layout = file.data.aozoraText;
    if (!layout) return;
    const lineOf = (node: RootContent) => node.position?.start.line ?? 0;
    const inside = (node: RootContent, [from, to]: [number, number]) => lineOf(node) >= from && lineOf(node) <= to;
    const body: RootContent[] = [];
    const credits: RootContent[] = [];
    for (const node of tree.children) {
      if (layout.skip.some((range) => inside(node, range))) continue;
      if (layout.titleLines && inside(node, layout.titleLines)) body.push(titleBlock(node, layout.titleLines[0]));
      else if (layout.creditsFrom !== undefined && lineOf(node) >= layout.creditsFrom) credits.push(node);
      else body.push(node);
    }
    tree.children = credits.length > 0 ? [...body, ...creditsBlocks(credits)] : body;
    // What the syntax found in the lines left out (an example 外字 in the notes block) is not the book's.
    if (tree.data?.syntaxProblems) {
      const line = (problem: { place: { start: { line: number } } }) => problem.place.start.line;
      tree.data.syntaxProblems = tree.data.syntaxProblems.filter((problem) =>
        layout.skip.every(([from, to]) => line(problem) < from || line(problem) > to),
      );
    }
    keepLeadingSpaces(tree, String(file.value));
  };
}

/**
 * Half-width spaces and tabs at the start of a line are the author's too (the Markdown reader
 * drops them from a paragraph's start): they are put back.
 */
function keepLeadingSpaces(parent: Parent, source: string): void {
  for (const child of parent.children) {
    if (child.type !== 'paragraph' && child.type !== 'heading') {
      if ('children' in child) keepLeadingSpaces(child, source);
      continue;
    }
    const start = child.children[0]?.position?.start;
    if (!start?.offset || start.column <= 1) continue;
    const lineStart = start.offset - (start.column - 1);
    const spaces = source.slice(lineStart, start.offset);
    if (/^[ \t]+$/.test(spaces)) {
      child.children.unshift({
        type: 'text',
        value: spaces,
        position: { start: { line: start.line, column: 1, offset: lineStart }, end: start },
      });
    }
  }
}

/** The header of a text in a folder: its first line is the chapter's title, the others are set 地付き. */
function titleBlock(node: RootContent, first: number): RootContent {
  if (node.type !== 'paragraph') return node;
  if (node.position?.start.line === first)
    return { type: 'heading', depth: 1, children: node.children, position: node.position };
  return { ...node, data: { ...node.data, layout: { end: 0 } } } satisfies Paragraph;
}

function creditsBlocks(children: RootContent[]): RootContent[] {
  const block: LayoutBlock = {
    type: 'layoutBlock',
    layout: { classes: [CREDITS_CLASS] },
    children: children as LayoutBlock['children'],
  };
  const start = children[0]?.position?.start;
  const end = children.at(-1)?.position?.end;
  if (start && end) block.position = { start, end };
  return [{ type: 'pageBreak', position: block.position } satisfies PageBreak, block];
}
