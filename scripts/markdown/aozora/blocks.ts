/**
 * The 青空文庫 annotations that work on whole lines: 改ページ and 改丁, `［＃２字下げ］` at the
 * start of a line, 地付き and 地からN字上げ, `［＃ここから…］ … ［＃ここで…終わり］` blocks, and
 * 見出し. A paragraph holding such a line is cut so that the line is a paragraph (or heading) of
 * its own; the other lines stay together as they were.
 */
import type { Heading, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { BlockLayout, LayoutBlock } from '../block-layout/index.ts';
import type { PageBreak } from '../pagebreak/index.ts';
import { joinLines, paragraphOf, splitLines, type Line } from '../paragraphs/index.ts';
import { positionOf } from '../text/positions.ts';
import { visibleText } from '../text/visible.ts';
import { parseCommand, type BlockKind, type Command } from './commands.ts';
import { reportAnnotation } from './messages.ts';
import type { AozoraAnnotation } from './types.ts';

/** A `ここから…` or `ここで…終わり` line, until blocks are grouped. */
interface Marker {
  type: 'marker';
  command: Extract<Command, { kind: 'blockStart' | 'blockEnd' }>;
  node: AozoraAnnotation;
}

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
      items.push(...expandParagraph(child, file));
      changed = true;
    } else {
      if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading' && child.type !== 'table')
        walk(child, file);
      items.push(child);
    }
  }
  if (changed) parent.children = groupBlocks(items, file) as Parent['children'];
}

const commandOf = (node: PhrasingContent): Command | undefined =>
  node.type === 'aozoraAnnotation' ? parseCommand(node.value) : undefined;

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

/** The blocks one annotated line makes. */
function lineBlocks(nodes: PhrasingContent[], file: VFile): Item[] {
  const items: Item[] = [];
  let layout: BlockLayout = {};
  let headingDepth: 1 | 2 | 3 | undefined;
  let at = 0;
  // Annotations at the start of the line: placement, page breaks, block starts and ends.
  for (; at < nodes.length; at++) {
    const node = nodes[at]!;
    const command = commandOf(node);
    if (node.type !== 'aozoraAnnotation' || !command || !LINE_KINDS.has(command.kind) || command.kind === 'headingEnd')
      break;
    if (command.kind === 'pageBreak')
      items.push({ type: 'pageBreak', recto: command.recto || undefined, position: node.position } satisfies PageBreak);
    else if (command.kind === 'line') layout = { ...layout, ...command.layout };
    else if (command.kind === 'headingStart') headingDepth = command.depth;
    else items.push({ type: 'marker', command: command as Marker['command'], node });
  }
  let body = nodes.slice(at);
  const last = body.at(-1);
  const lastCommand = last && commandOf(last);
  if (lastCommand?.kind === 'headingEnd' && headingDepth === lastCommand.depth) body = body.slice(0, -1);
  else if (headingDepth !== undefined)
    reportAnnotation(
      file,
      nodes.find((node) => commandOf(node)?.kind === 'headingStart') as AozoraAnnotation,
      'unclosed',
    );

  // A heading named by `［＃「X」は中見出し］` at the end of the line.
  const target = body.findIndex((node) => {
    const command = commandOf(node);
    return command?.kind === 'target' && command.style.kind === 'heading';
  });
  if (target !== -1) {
    const node = body[target] as AozoraAnnotation;
    const command = commandOf(node) as Extract<Command, { kind: 'target' }>;
    const rest = body.filter((_, index) => index !== target);
    if (visibleText({ type: 'paragraph', children: rest }) === command.text && command.style.kind === 'heading') {
      headingDepth = command.style.depth;
      body = rest;
    } else {
      reportAnnotation(file, node, 'partial-heading');
      body = rest;
    }
  }

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

  if (hasContent(body))
    items.push(headingDepth ? headingOf(headingDepth, body, layout) : paragraphOf(body, placed(layout)));
  if (hasContent(tail)) items.push(paragraphOf(tail, placed(tailLayout)));
  if (breakAfter && trailingCommand?.kind === 'pageBreak')
    items.push({ type: 'pageBreak', recto: trailingCommand.recto || undefined, position: breakAfter.position });
  // Annotations that are neither placements nor at the start are left for the inline pass to report.
  return items;
}

function placed(layout: BlockLayout): Paragraph['data'] {
  return Object.keys(layout).length > 0 ? { layout } : undefined;
}

function hasContent(nodes: PhrasingContent[]): boolean {
  return nodes.some((node) => node.type !== 'text' || node.value.trim() !== '');
}

function headingOf(depth: 1 | 2 | 3, children: PhrasingContent[], layout: BlockLayout): Heading {
  const heading: Heading = { type: 'heading', depth, children };
  const position = positionOf(children[0]?.position?.start, children.at(-1)?.position?.end);
  if (position) heading.position = position;
  if (Object.keys(layout).length > 0) heading.data = { layout };
  return heading;
}

/** Gather the blocks between `ここから…` and `ここで…終わり` into layout blocks. */
function groupBlocks(items: readonly Item[], file: VFile): RootContent[] {
  interface Frame {
    block?: BlockKind;
    layout: BlockLayout;
    opener?: AozoraAnnotation;
    children: RootContent[];
  }
  const stack: Frame[] = [{ layout: {}, children: [] }];
  const close = (closer?: AozoraAnnotation) => {
    const frame = stack.pop()!;
    // A block with nothing in it would only be an empty element.
    if (frame.children.length === 0) return;
    const block: LayoutBlock = {
      type: 'layoutBlock',
      layout: frame.layout,
      children: frame.children as LayoutBlock['children'],
    };
    const position = positionOf(
      frame.opener?.position?.start,
      (closer ?? frame.children.at(-1) ?? frame.opener)?.position?.end,
    );
    if (position) block.position = position;
    stack.at(-1)!.children.push(block);
  };
  for (const item of items) {
    if (item.type !== 'marker') {
      stack.at(-1)!.children.push(item);
    } else if (item.command.kind === 'blockStart') {
      // A new block of the same kind ends the one before it, as a new 字下げ replaces the old.
      const open = stack.findLastIndex((frame) => frame.block === item.command.block);
      if (open > 0) while (stack.length > open) close();
      stack.push({ block: item.command.block, layout: item.command.layout, opener: item.node, children: [] });
    } else {
      const open = stack.findLastIndex((frame) => frame.block === (item.command as { block: BlockKind }).block);
      if (open <= 0) {
        reportAnnotation(file, item.node, 'unopened');
        continue;
      }
      while (stack.length > open + 1) {
        reportAnnotation(file, stack.at(-1)!.opener!, 'unclosed');
        close();
      }
      close(item.node);
    }
  }
  while (stack.length > 1) {
    reportAnnotation(file, stack.at(-1)!.opener!, 'unclosed');
    close();
  }
  return stack[0]!.children;
}
