/** Serialising hast as XHTML that a strict XML parser accepts. */
import type { ElementContent, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

// Void elements are closed (`<br />`); only elements that are void in HTML are, because the
// EPUB writer re-reads the markup with an HTML parser, which would take `<p/>` for an open <p>.
const stringifier = unified()
  .use(rehypeStringify, {
    closeSelfClosing: true,
    upperDoctype: true,
    characterReferences: { useNamedReferences: false },
  })
  .freeze();

/** Serialise nodes (a page body, a fragment) as XHTML markup. */
export function toXhtml(nodes: Root | readonly ElementContent[]): string {
  const root: Root = 'type' in nodes ? nodes : { type: 'root', children: [...nodes] };
  return stringifier.stringify(root);
}

/** UTF-8 size of serialised nodes, for the 電書協 256 KB limit on content documents. */
export function xhtmlBytes(nodes: Root | readonly ElementContent[]): number {
  return Buffer.byteLength(toXhtml(nodes), 'utf8');
}
