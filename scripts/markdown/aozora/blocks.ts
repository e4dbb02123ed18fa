/**
 * The 青空文庫 annotations that work on whole lines: 改ページ and 改丁, `［＃２字下げ］` at the
 * start of a line, 地付き and 地からN字上げ, `［＃ここから…］ … ［＃ここで…終わり］` blocks, and
 * 見出し. A paragraph holding such a line is cut so that the line is a paragraph (or heading) of
 * its own; the other lines stay together as they were.
 */
import type { Heading, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { BlockLayout } from '../block-layout/index.ts';
import type { PageBreak } from '../pagebreak/index.ts';
import { joinLines, paragraphOf, splitLines, type Line } from '../paragraphs/index.ts';
import { positionOf } from '../text/positions.ts';
import { groupBlocks, type Marker } from './group.ts';
import type { Command, HeadingVariant } from './commands.ts';
import { splitHeadings } from './headings.ts';
import { commandOf, hasContent, type LinePiece } from './pieces.ts';
import { reportAnnotation } from './messages.ts';
import type { AozoraAnnotation } from './types.ts';

type Item = RootContent | Marker;

const LINE_KINDS = new Set<Command['kind']>([
  'pageBreak',
  'line',
  'blockStart',
  'blockEnd',
  'headingStart',
  'headingEnd',
]);

/** Apply the line annotations of a tree. */
export function applyLineAnnotations(tree: Root, file: VFile): void {
  walk(tree, file);
}

function walk(parent: Parent, file: VFile): void {
  const items: Item[] = [];
  let changed = false;
  for (const child of parent.children) {
    if (child.type === 'paragraph' && hasLineAnnotation(child)) {
      const made = expandParagraph(child, file);
      // A line of a text with one paragraph per line stays one after it is cut.
      if (child.data?.perLine)
        for (const item of made) if (item.type === 'paragraph') item.data = { ...item.data, perLine: true };
      items.push(...made);
      changed = true;
    } else {
      if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading' && child.type !== 'table')
        walk(child, file);
      items.push(child);
    }
  }
  if (changed) parent.children = groupBlocks(items, file) as Parent['children'];
}

const isLineCommand = (command: Command | undefined) =>
  command !== undefined &&
  (LINE_KINDS.has(command.kind) || (command.kind === 'target' && command.style.kind === 'heading'));

function hasLineAnnotation(paragraph: Paragraph): boolean {
  return paragraph.children.some((child) => isLineCommand(commandOf(child)));
}

/** Cut a paragraph into blocks: runs of ordinary lines, and each line an annotation places. */
function expandParagraph(paragraph: Paragraph, file: VFile): Item[] {
  const items: Item[] = [];
  let pending: Line[] = [];
  const flush = () => {
    const children = joinLines(pending);
    if (children.length > 0) items.push(paragraphOf(children));
    pending = [];
  };
  for (const line of splitLines(paragraph.children, file)) {
    if (!line.nodes.some((node) => isLineCommand(commandOf(node)))) {
      pending.push(line);
      continue;
    }
    flush();
    items.push(...lineBlocks(line.nodes, file));
  }
  flush();
  return items;
}

/** What the annotations at the start of a line say: breaks and block markers, a placement, a 見出し. */
interface LineStart {
  items: Item[];
  layout: BlockLayout;
  heading?: { depth: 1 | 2 | 3; variant: HeadingVariant; node: AozoraAnnotation };
  /** Index of the first node after them. */
  at: number;
}

function readLineStart(nodes: PhrasingContent[]): LineStart {
  const start: LineStart = { items: [], layout: {}, at: 0 };
  for (; start.at < nodes.length; start.at++) {
    const node = nodes[start.at]!;
    const command = commandOf(node);
    if (node.type !== 'aozoraAnnotation' || !command || !LINE_KINDS.has(command.kind) || command.kind === 'headingEnd')
      break;
    if (command.kind === 'pageBreak')
      start.items.push({
        type: 'pageBreak',
        recto: command.recto || undefined,
        position: node.position,
      } satisfies PageBreak);
    else if (command.kind === 'line') start.layout = { ...start.layout, ...command.layout };
    else if (command.kind === 'headingStart') start.heading = { depth: command.depth, variant: command.variant, node };
    else start.items.push({ type: 'marker', command: command as Marker['command'], node });
  }
  return start;
}

/** The blocks one annotated line makes. */
function lineBlocks(nodes: PhrasingContent[], file: VFile): Item[] {
  const start = readLineStart(nodes);
  const items = start.items;
  let body = nodes.slice(start.at);

  // 地付き or 字上げ in the middle of a line sets the rest of the line at the bottom, on a line of its own.
  const middle = body.findIndex((node) => commandOf(node)?.kind === 'line');
  let tail: PhrasingContent[] = [];
  let tailLayout: BlockLayout = {};
  if (middle !== -1) {
    const command = commandOf(body[middle]!) as Extract<Command, { kind: 'line' }>;
    if (command.layout.end === undefined) {
      reportAnnotation(file, body[middle] as AozoraAnnotation, 'misplaced');
      body = body.filter((_, index) => index !== middle);
    } else {
      [tail, tailLayout] = [body.slice(middle + 1), command.layout];
      body = body.slice(0, middle);
    }
  }
  // 改ページ written at the end of a line rather than on a line of its own.
  const trailing = (tail.length > 0 ? tail : body).at(-1);
  const trailingCommand = trailing && commandOf(trailing);
  const breakAfter = trailingCommand?.kind === 'pageBreak' ? trailing : undefined;
  if (breakAfter) (tail.length > 0 ? tail : body).pop();

  items.push(...splitHeadings(body, start, file).map((block) => placedBlock(block)));
  if (hasContent(tail)) items.push(paragraphOf(tail, placed(tailLayout)));
  if (breakAfter && trailingCommand?.kind === 'pageBreak')
    items.push({ type: 'pageBreak', recto: trailingCommand.recto || undefined, position: breakAfter.position });
  // Annotations that are neither placements nor at the start are left for the inline pass to report.
  return items;
}

function placedBlock(piece: LinePiece): Paragraph | Heading {
  if (!piece.heading) return paragraphOf(piece.children, placed(piece.layout));
  const classes = piece.heading.variant === 'normal' ? [] : [`${piece.heading.variant}-midashi`];
  const layout =
    classes.length > 0 ? { ...piece.layout, classes: [...(piece.layout.classes ?? []), ...classes] } : piece.layout;
  return headingOf(piece.heading.depth, piece.children, layout);
}

function placed(layout: BlockLayout): Paragraph['data'] {
  return Object.keys(layout).length > 0 ? { layout } : undefined;
}

/** A heading of some phrasing content, positioned from its first node to its last. */
function headingOf(depth: 1 | 2 | 3, children: PhrasingContent[], layout: BlockLayout): Heading {
  const heading: Heading = { type: 'heading', depth, children };
  const position = positionOf(children[0]?.position?.start, children.at(-1)?.position?.end);
  if (position) heading.position = position;
  if (Object.keys(layout).length > 0) heading.data = { layout };
  return heading;
}
