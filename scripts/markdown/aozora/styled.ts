/**
 * The node of the 青空文庫 styles that need no node type of their own: an element with classes
 * around some text (`<sup class="okurigana">`, `<span class="warichu">`, `<em class="em-line
 * em-line-wavy">`), set by the stylesheet (templates/common/notation.css).
 */
import type { Element } from 'hast';
import type { Parent, PhrasingContent } from 'mdast';
import type { State } from 'mdast-util-to-hast';

/** A run of text in an element with classes. */
export interface AozoraStyled extends Parent {
  type: 'aozoraStyled';
  tagName: 'span' | 'sup' | 'sub' | 'em';
  className: string[];
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    aozoraStyled: AozoraStyled;
  }
  interface RootContentMap {
    aozoraStyled: AozoraStyled;
  }
}

/** Handler for `aozoraStyled` nodes. */
export function aozoraStyledToHast(state: State, node: AozoraStyled): Element {
  const result: Element = {
    type: 'element',
    tagName: node.tagName,
    properties: { className: [...node.className] },
    children: state.all(node),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
