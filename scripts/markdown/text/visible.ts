/**
 * The text a reader sees in a phrasing node: a ruby's base without its reading, nothing for an
 * annotation. Used to look at the characters around a piece of text across node boundaries.
 */
import type { Nodes, Parent } from 'mdast';

/** The visible text of a node. */
export function visibleText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'tcy':
      return node.value;
    case 'break':
      return '\n';
    case 'ruby':
      return node.children[0]?.type === 'rubyBase' ? visibleText(node.children[0]) : '';
    default:
      return 'children' in node ? node.children.map((child) => visibleText(child)).join('') : '';
  }
}

/** The first character (code point) a reader sees in a node, without making its whole visible text. */
export function firstVisibleChar(node: Nodes): string | undefined {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'tcy':
      return node.value === '' ? undefined : String.fromCodePoint(node.value.codePointAt(0)!);
    case 'break':
      return '\n';
    case 'ruby':
      return node.children[0]?.type === 'rubyBase' ? firstVisibleChar(node.children[0]) : undefined;
    default:
      if ('children' in node)
        for (const child of node.children) {
          const first = firstVisibleChar(child);
          if (first !== undefined) return first;
        }
      return undefined;
  }
}

/** Up to `count` characters a reader sees just before `parent.children[index]`, in the same parent. */
export function charsBefore(parent: Parent, index: number, count = 2): string[] {
  const chars: string[] = [];
  for (let at = index - 1; at >= 0 && chars.length < count; at--) {
    chars.unshift(...[...visibleText(parent.children[at]!)].slice(-(count - chars.length)));
  }
  return chars;
}

/** Up to `count` characters a reader sees just after `parent.children[index]`, in the same parent. */
export function charsAfter(parent: Parent, index: number, count = 2): string[] {
  const chars: string[] = [];
  for (let at = index + 1; at < parent.children.length && chars.length < count; at++) {
    chars.push(...[...visibleText(parent.children[at]!)].slice(0, count - chars.length));
  }
  return chars;
}
