/** mdast → hast for a layout block: `<div class="start-2em">…</div>`. */
import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import { layoutClasses } from './classes.ts';
import type { LayoutBlock } from './types.ts';

/** Handler for `layoutBlock` nodes. */
export function layoutBlockToHast(state: State, node: LayoutBlock): Element {
  const result: Element = {
    type: 'element',
    tagName: 'div',
    properties: { className: layoutClasses(node.layout) },
    children: state.wrap(state.all(node), true),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
