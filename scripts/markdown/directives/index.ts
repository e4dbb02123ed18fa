/**
 * Generic directives, for block placement only. Only the block forms (`:::name` containers and
 * `::name[…]` leaves) are read: the inline form `:name` would take ordinary prose such as
 * `Note:this` or `比率は1:2` for a directive.
 */
import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { applyLayoutDirectives } from './layout.ts';

/** Remark plugin: read `:::` and `::` directives and apply the layout ones. */
export function remarkLayoutDirectives(this: Processor) {
  const data = this.data();
  const { text: _inline, ...blocks } = directive();
  (data.micromarkExtensions ??= []).push(blocks);
  (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown());
  return (tree: Root, file: VFile) => {
    applyLayoutDirectives(tree, file);
  };
}
