/**
 * Raw HTML written in Markdown. Until the sanitiser lands it is not passed through: each piece
 * is dropped with a warning naming its place, so nothing disappears silently.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Rehype plugin: remove `raw` nodes, reporting each. */
export function rehypeDropRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'raw', (node, index, parent) => {
      if (!parent || index === undefined) return undefined;
      file.message(`raw HTML is not supported and was left out: ${node.value.trim().slice(0, 40)}`, {
        place: node.position,
        ruleId: 'raw-html',
        source: 'markdown',
      });
      parent.children.splice(index, 1);
      return index;
    });
  };
}
