/**
 * mdast → hast for a picture: `<figure class="picture">` with the `<img>` and, when there is a
 * caption, a `<figcaption>`; a full-page picture adds `picture-page`, one to the paper's edges
 * `picture-bleed`. The image keeps its alt text; its title became the caption, so it is not kept
 * as a title too (a reading system would show it twice).
 */
import type { Element, ElementContent } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Picture } from './types.ts';

/** The class of every picture's figure, and of each placement besides the flow. */
export const PICTURE_CLASS = 'picture';
export const PLACEMENT_CLASS = { page: 'picture-page', bleed: 'picture-bleed' } as const;

/** Handler for `picture` nodes. */
export function pictureToHast(state: State, node: Picture): Element {
  const image = state.one(node.image, node) as Element;
  delete image.properties.title;
  const children: ElementContent[] = [image];
  if (node.children.length > 0) {
    const caption: Element = { type: 'element', tagName: 'figcaption', properties: {}, children: state.all(node) };
    children.push(caption);
  }
  const className = node.placement === 'flow' ? [PICTURE_CLASS] : [PICTURE_CLASS, PLACEMENT_CLASS[node.placement]];
  const result: Element = { type: 'element', tagName: 'figure', properties: { className }, children };
  state.patch(node, result);
  return state.applyData(node, result);
}
