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

/** Whether `nodes` serialised as XHTML surely take at most `limit` bytes (it stops adding at the limit). */
export function xhtmlFits(nodes: readonly Nodes[], limit: number): boolean {
  let bytes = 0;
  for (const node of nodes) {
    bytes += nodeBytesAtMost(node);
    if (bytes > limit) return false;
  }
  return true;
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
      const { properties } = node;
      for (const key in properties) bytes += attributeBytesAtMost(key, properties[key]);
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
  const bytes = key.length * 2 + ' =""'.length;
  if (!Array.isArray(value)) return bytes + String(value).length * UNIT + ', '.length;
  let list = bytes;
  for (const item of value) list += String(item).length * UNIT + ', '.length;
  return list;
}
