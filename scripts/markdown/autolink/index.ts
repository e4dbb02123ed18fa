/** URL autolinks (`https://…`, `www.…`) that end where the address ends, not at the next space. */
import type { Root, Nodes } from 'mdast';
import type { Extension, Transform } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Processor } from 'unified';
import { autolinkLiteralFromMarkdown } from './from-markdown.ts';
import { autolinkLiteralSyntax } from './syntax.ts';

/**
 * Remark plugin: read URL autolinks by our rule. Use it after remark-gfm: it disables GFM's two
 * URL constructs, and its repair of GFM's text transform must run after that transform.
 */
export function remarkAutolinkLiterals(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(autolinkLiteralSyntax());
  (data.fromMarkdownExtensions ??= []).push(autolinkLiteralFromMarkdown());
  onlyWhereTextMayLink(data.fromMarkdownExtensions);
}

/** GFM's text transform: the same function in every copy of its extension. */
const gfmTransform = gfmAutolinkLiteralFromMarkdown().transforms?.[0];
/**
 * What every match of that transform's patterns holds: `://` or `www.` for an address, `@` for
 * an e-mail, `xmpp:` or `mailto:` address.
 */
const MAY_LINK = /@|:\/\/|www\./i;

/**
 * Run GFM's text transform only on a tree with text it could link. It searches every text node
 * with five patterns and walks the tree with a visitor that costs a closure per node: a third of
 * a second on a novel in which it never finds anything (measured on 夏目漱石『明暗』). A text
 * node holding none of `MAY_LINK` cannot match any of them, so skipping it changes nothing.
 */
function onlyWhereTextMayLink(extensions: (Extension | Extension[])[]): void {
  for (const extension of extensions.flat()) {
    if (!extension.transforms || !gfmTransform) continue;
    extension.transforms = extension.transforms.map((transform) =>
      transform === gfmTransform ? guarded(transform) : transform,
    );
  }
}

function guarded(transform: Transform): Transform {
  return (tree) => (someText(tree, MAY_LINK) ? transform(tree) : undefined);
}

function someText(tree: Root, pattern: RegExp): boolean {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' && pattern.test(node.value)) return true;
    if ('children' in node) for (const child of node.children) stack.push(child);
  }
  return false;
}
