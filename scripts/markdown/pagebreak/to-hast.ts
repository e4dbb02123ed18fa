/**
 * mdast → hast for page breaks: an empty `<div class="pagebreak"></div>` (`pagebreak recto` for
 * 改丁). The EPUB starts a new document there; the print stylesheet breaks the page before the
 * content that follows.
 */
import type { Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { PageBreak } from './types.ts';

/** Handler for `pageBreak` nodes. */
export function pageBreakToHast(state: State, node: PageBreak): Element {
  const result: Element = {
    type: 'element',
    tagName: 'div',
    properties: { className: node.recto ? ['pagebreak', 'recto'] : ['pagebreak'] },
    children: [],
  };
  state.patch(node, result);
  return state.applyData(node, result);
}
