/** mdast → hast for 縦中横: `<span class="tcy">12</span>`. */
import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Tcy } from './types.ts';

/** Handler for `tcy` nodes. */
export function tcyToHast(state: State, node: Tcy): Element {
  const result: Element = {
    type: 'element',
    tagName: 'span',
    properties: { className: ['tcy'] },
    children: [{ type: 'text', value: node.value }],
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
