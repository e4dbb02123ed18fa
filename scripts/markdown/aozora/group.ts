/**
 * `［＃ここから…］ … ［＃ここで…終わり］`: the blocks between the two annotations gathered into one
 * layout block (字下げ, 地付き, a style such as 罫囲み), or, for `ここから中見出し`, one heading.
 */
import type { Heading, PhrasingContent, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { layoutClasses, type BlockLayout, type LayoutBlock } from '../block-layout/index.ts';
import { positionOf } from '../text/positions.ts';
import type { BlockKind, Command } from './commands.ts';
import { reportAnnotation } from './messages.ts';
import type { AozoraAnnotation } from './types.ts';

/** A `ここから…` or `ここで…終わり` line, until blocks are grouped. */
export interface Marker {
  type: 'marker';
  command: Extract<Command, { kind: 'blockStart' | 'blockEnd' }>;
  node: AozoraAnnotation;
}

interface Frame {
  block?: BlockKind;
  layout: BlockLayout;
  opener?: AozoraAnnotation;
  heading?: Extract<Command, { kind: 'blockStart' }>['heading'];
  children: RootContent[];
}

/** Gather the blocks between `ここから…` and `ここで…終わり` into layout blocks. */
export function groupBlocks(items: ReadonlyArray<RootContent | Marker>, file: VFile): RootContent[] {
  const stack: Frame[] = [{ layout: {}, children: [] }];
  const close = (closer?: AozoraAnnotation) => {
    const frame = stack.pop()!;
    stack.at(-1)!.children.push(...closedBlock(frame, closer));
  };
  for (const item of items) {
    if (item.type !== 'marker') {
      stack.at(-1)!.children.push(item);
    } else if (item.command.kind === 'blockStart') {
      const { block, layout, heading, ignored } = item.command;
      if (ignored) reportAnnotation(file, item.node, 'ignored', ignored);
      // A new block of the same kind ends the one before it, as a new 字下げ replaces the old.
      const open = stack.findLastIndex((frame) => frame.block === block);
      if (open > 0) while (stack.length > open) close();
      stack.push({ block, layout, heading, opener: item.node, children: [] });
    } else {
      const kind = item.command.block;
      const open = stack.findLastIndex((frame) => frame.block === kind);
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

/**
 * The block a closed frame makes: nothing for an empty one (it would only be an empty element),
 * and its blocks as they are when it places nothing (`ここから１０字詰め`, which is not set).
 */
function closedBlock(frame: Frame, closer?: AozoraAnnotation): RootContent[] {
  if (frame.children.length === 0) return [];
  if (!frame.heading && layoutClasses(frame.layout).length === 0) return frame.children;
  const position = positionOf(
    frame.opener?.position?.start,
    (closer ?? frame.children.at(-1) ?? frame.opener)?.position?.end,
  );
  if (frame.heading) {
    // The lines of a 見出し over several lines are one heading, a line break between them.
    const children = frame.children.flatMap((child, index): PhrasingContent[] => [
      ...(index > 0 ? [{ type: 'break' } as const] : []),
      ...('children' in child && child.type === 'paragraph' ? child.children : []),
    ]);
    const { variant } = frame.heading;
    const heading: Heading = { type: 'heading', depth: frame.heading.depth, children };
    if (variant !== 'normal') heading.data = { layout: { classes: [`${variant}-midashi`] } };
    if (position) heading.position = position;
    return [heading];
  }
  const block: LayoutBlock = {
    type: 'layoutBlock',
    layout: frame.layout,
    children: frame.children as LayoutBlock['children'],
  };
  if (position) block.position = position;
  return [block];
}
