/**
 * A bound on the size of serialised nodes that costs no serialising: cutting a chapter for the
 * EPUB's size limit (split.ts) measured every top-level node as XHTML, a whole-book serialisation
 * (0.08 s of 明暗's 2.2 s build) that only tells a chapter of a few thousand characters it fits.
 * A chapter whose bound is under the limit fits; only the others are measured.
 */
import type { Nodes } from 'hast';

/**
 * The most bytes one UTF-16 code unit of text or of an attribute value can take as XHTML: three
 * in UTF-8, or a numeric character reference (`&#xFFFF;`, or `&#x10FFFF;` for a pair of units).
 */
const UNIT = 8;

/** At least the UTF-8 size of `nodes` serialised as XHTML (layout/xhtml.ts); Infinity for a node it does not know. */
export function xhtmlBytesAtMost(nodes: readonly Nodes[]): number {
  let bytes = 0;
  for (const node of nodes) bytes += nodeBytesAtMost(node);
  return bytes;
}

function nodeBytesAtMost(node: Nodes): number {
  switch (node.type) {
    case 'text':
    case 'raw':
      return node.value.length * UNIT;
    case 'comment':
      return node.value.length * UNIT + '<!---->'.length;
    case 'doctype':
      return '<!DOCTYPE html>'.length;
    case 'root':
      return xhtmlBytesAtMost(node.children);
    case 'element': {
      // `<tag …>` and `</tag>` (or `<tag … />`): the tag twice and five marks.
      let bytes = node.tagName.length * 2 + 5;
      for (const [key, value] of Object.entries(node.properties)) bytes += attributeBytesAtMost(key, value);
      return bytes + xhtmlBytesAtMost(node.children) + (node.content ? nodeBytesAtMost(node.content) : 0);
    }
    default:
      return Infinity;
  }
}

/**
 * ` name="value"`: the attribute's name is the property's, or longer by one dash per capital
 * (`ariaLabelledBy` → `aria-labelledby`, `dataFoo` → `data-foo`); a list is joined with `, ` at most.
 */
function attributeBytesAtMost(key: string, value: unknown): number {
  const items = Array.isArray(value) ? value : [value];
  let bytes = key.length * 2 + ' =""'.length;
  for (const item of items) bytes += String(item).length * UNIT + ', '.length;
  return bytes;
}
