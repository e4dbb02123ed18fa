/**
 * GFM task list items (`- [x] done`). The usual `<input type="checkbox" checked disabled>` is
 * not XML (its attributes have no values) and a book cannot be ticked, so the box is a
 * character instead: `<span class="task done">☑</span>` or `<span class="task">☐</span>`.
 */
import type { Element } from 'hast';
import type { ListItem, Node, Parent, Root } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import { INLINE_PARENTS } from '../inline-parents.ts';

/** The box of a task list item, as a character. */
export interface TaskMarker extends Node {
  type: 'taskMarker';
  checked: boolean;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    taskMarker: TaskMarker;
  }
  interface RootContentMap {
    taskMarker: TaskMarker;
  }
}

/** Remark plugin: task list items get a box character at the start of their text. */
export function remarkTaskMarkers() {
  return (tree: Root) => {
    walk(tree);
  };
}

/** Every list item, wherever blocks are (inline content holds none). */
function walk(parent: Parent): void {
  for (const child of parent.children) {
    if (child.type === 'listItem' && typeof child.checked === 'boolean') mark(child);
    if ('children' in child && !INLINE_PARENTS.has(child.type)) walk(child);
  }
}

function mark(item: ListItem): void {
  const marker: TaskMarker = { type: 'taskMarker', checked: item.checked === true };
  item.checked = null;
  const first = item.children[0];
  if (first?.type === 'paragraph') first.children.unshift(marker);
  else item.children.unshift({ type: 'paragraph', children: [marker] });
}

/** Handler for `taskMarker` nodes. */
export function taskMarkerToHast(state: State, node: TaskMarker): Element {
  const result: Element = {
    type: 'element',
    tagName: 'span',
    properties: { className: node.checked ? ['task', 'done'] : ['task'] },
    children: [{ type: 'text', value: node.checked ? '☑' : '☐' }],
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
