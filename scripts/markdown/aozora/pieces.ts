/** Small helpers the line annotations share: an annotation's meaning, and the pieces a line is cut into. */
import type { PhrasingContent } from 'mdast';
import type { BlockLayout } from '../block-layout/index.ts';
import { parseCommand, type Command, type HeadingVariant } from './commands.ts';

/** The meaning of an annotation node, or `undefined` for any other node. */
export const commandOf = (node: PhrasingContent): Command | undefined =>
  node.type === 'aozoraAnnotation' ? parseCommand(node.value) : undefined;

/** Whether some phrasing content shows anything. */
export function hasContent(nodes: PhrasingContent[]): boolean {
  return nodes.some((node) => node.type !== 'text' || node.value.trim() !== '');
}

/** A piece of a line: its content, and the heading or the placement it gets. */
export interface LinePiece {
  children: PhrasingContent[];
  layout: BlockLayout;
  heading?: { depth: 1 | 2 | 3; variant: HeadingVariant };
}
