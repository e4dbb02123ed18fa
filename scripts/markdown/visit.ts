/**
 * Walk a unist tree (mdast or hast) in document order, calling a visitor on each node or on each
 * node of one type: `unist-util-visit`'s `visit(tree, [type], visitor)`, with the same answers
 * from the visitor (`SKIP` its children, `EXIT` the walk, or the index to go on at in the parent,
 * after removing or inserting siblings), so that a pass reads the same either way.
 *
 * Ours because of what the package costs on a book. It makes a closure for every node and, for
 * its debugger, renames it with `Object.defineProperty`, which leaves each one a slow object; it
 * copies the ancestors into a new array for every parent. A novel's chapters are walked some ten
 * times per build: measured on 夏目漱石『明暗』 (384,000 characters), the package's walks took
 * 0.65 s of a 3.3 s EPUB build, most of it the renaming and the garbage it leaves. This one
 * recurses with the index and the parent in hand and allocates nothing per node.
 */
import type { Node, Parent } from 'unist';

/** Stop the whole walk. */
export const EXIT = false;
/** Go on with the next sibling, not into this node's children. */
export const SKIP = 'skip';

/** `true` goes on (as returning nothing does), `EXIT` stops, `SKIP` leaves out the node's children. */
type Action = true | typeof EXIT | typeof SKIP;
/** What a visitor may answer: an action, an index in the parent to go on at, or both. */
export type VisitorResult = Action | number | [Action?, number?] | null | undefined | void;
/** A visitor: the node, its index in its parent and the parent (neither for the tree itself). */
export type Visitor<N extends Node = Node, P extends Parent = Parent> = (
  node: N,
  index: number | undefined,
  parent: P | undefined,
) => VisitorResult;

/** Stop: the walk was exited. */
const STOPPED = null;
/** Nothing to say: go on with the next sibling. */
const NEXT = undefined;
type Next = number | typeof STOPPED | typeof NEXT;

/** Call `visitor` on every node of `tree` (the tree itself first), in document order. */
export function visit<N extends Node = Node, P extends Parent = Parent>(
  tree: Node | Parent,
  visitor: Visitor<N, P>,
): void;
/** Call `visitor` on every node of `tree` whose `type` is `type`, in document order. */
export function visit<N extends Node = Node, P extends Parent = Parent>(
  tree: Node | Parent,
  type: string,
  visitor: Visitor<N, P>,
): void;
export function visit(tree: Node | Parent, typeOrVisitor: string | Visitor, maybeVisitor?: Visitor): void {
  const type = typeof typeOrVisitor === 'string' ? typeOrVisitor : undefined;
  const visitor = typeof typeOrVisitor === 'string' ? maybeVisitor : typeOrVisitor;
  if (!visitor) throw new TypeError('visit: a visitor function is needed');
  walk(tree, undefined, undefined, type, visitor);
}

function walk(
  node: Node,
  index: number | undefined,
  parent: Parent | undefined,
  type: string | undefined,
  visitor: Visitor,
): Next {
  let action: Action | undefined;
  let next: Next = NEXT;
  if (type === undefined || node.type === type) {
    const result = visitor(node, index, parent);
    if (typeof result === 'number') next = result;
    else if (Array.isArray(result)) {
      const [first, second] = result as readonly [Action?, number?];
      action = first;
      if (typeof second === 'number') next = second;
    } else if (result !== null && result !== undefined) action = result as Action;
    if (action === EXIT) return STOPPED;
  }
  const children = (node as Partial<Parent>).children;
  if (children && action !== SKIP) {
    const self = node as Parent;
    // The children are read again at every step: a visitor may have removed or added some.
    for (let offset = 0; offset > -1 && offset < self.children.length;) {
      const after = walk(self.children[offset] as Node, offset, self, type, visitor);
      if (after === STOPPED) return STOPPED;
      offset = after === NEXT ? offset + 1 : after;
    }
  }
  return next;
}
