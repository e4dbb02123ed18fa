/**
 * Ids for headings and the list of them a table of contents is built from.
 *
 * Ids are generated from the chapter id and the heading's position (`ch-2-h3`), not from the
 * heading text: Japanese slugs are unreadable in URLs and change whenever the text is edited.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { HeadingEntry } from './types.ts';

const HEADING = /^h([1-6])$/;

/** Rehype plugin: give every heading an id and record the headings in `file.data.headings`. */
export function rehypeHeadings() {
  return (tree: Root, file: VFile) => {
    const prefix = file.data.chapterId ?? 'ch';
    const headings: HeadingEntry[] = [];
    visit(tree, 'element', (node: Element) => {
      const match = HEADING.exec(node.tagName);
      if (!match) return;
      const id = `${prefix}-h${headings.length + 1}`;
      node.properties.id = id;
      headings.push({ depth: Number(match[1]), id, text: headingText(node) });
    });
    file.data.headings = headings;
  };
}

/** Text of a heading as a reader sees it on one line: ruby readings and notes left out. */
export function headingText(node: Element): string {
  const copy = structuredClone(node);
  visit(copy, 'element', (child, index, parent) => {
    if (
      parent &&
      index !== undefined &&
      (child.tagName === 'rt' || child.tagName === 'rp' || child.tagName === 'sup')
    ) {
      parent.children.splice(index, 1);
      return index;
    }
    return undefined;
  });
  // Only half-width white space is collapsed: a full-width space 「　」 in a heading is part of
  // its text (一　午後の授業).
  return toString(copy)
    .replace(/[ \t\r\n]+/g, ' ')
    .replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}
