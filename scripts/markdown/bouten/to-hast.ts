/**
 * mdast → hast for 傍点 and for Markdown emphasis. Japanese has no italics: `*強調*` is set
 * with sesame dots like `《《傍点》》`, as `<em class="em-sesame">`.
 */
import type { Element } from 'hast';
import type { Emphasis } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Bouten } from './types.ts';

/** Handler for `bouten` nodes: `<em class="em-sesame">` (or the class of its mark). */
export function boutenToHast(state: State, node: Bouten): Element {
  return emphasisElement(state, node, `em-${node.style ?? 'sesame'}`);
}

/** Handler for Markdown `emphasis`: 傍点, as `<em class="em-sesame">`. */
export function emphasisToHast(state: State, node: Emphasis): Element {
  return emphasisElement(state, node, 'em-sesame');
}

function emphasisElement(state: State, node: Bouten | Emphasis, className: string): Element {
  const result: Element = {
    type: 'element',
    tagName: 'em',
    properties: { className: [className] },
    children: state.all(node),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
