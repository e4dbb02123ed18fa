/**
 * Ids for headings and the list of them a table of contents is built from.
 *
 * Ids are generated from the chapter id and the heading's position (`ch-2-h3`), not from the
 * heading text: Japanese slugs are unreadable in URLs and change whenever the text is edited.
 */
import type { Element, ElementContent, Parents, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from './visit.ts';
import type { VFile } from 'vfile';
import { ORIENTATION_CLASSES } from './raw-html/schema.ts';
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
      headings.push({ depth: Number(match[1]), id, text: headingText(node), phrasing: headingPhrasing(node) });
    });
    file.data.headings = headings;
  };
}

/** Text of a heading as a reader sees it on one line: ruby readings and notes left out. */
function headingText(node: Element): string {
  // Only half-width white space is collapsed: a full-width space 「　」 in a heading is part of
  // its text (一　午後の授業).
  return toString(readable(node))
    .replace(/[ \t\r\n]+/g, ' ')
    .replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

// Classes that set text upright or sideways, or keep it on one line; a table of contents keeps
// them, as the heading does.
const ORIENTATION = new Set([...ORIENTATION_CLASSES, 'nowrap']);

/**
 * A heading as a table of contents sets it: its text, with the runs the heading sets upright
 * (縦中横) or sideways, or keeps on one line, kept as they are, and nothing else (no links, ids,
 * emphasis or notes).
 */
function headingPhrasing(node: Element): ElementContent[] {
  const phrasing: ElementContent[] = [];
  const add = (value: string) => {
    const last = phrasing.at(-1);
    if (last?.type === 'text') last.value += value;
    else phrasing.push({ type: 'text', value });
  };
  const walk = (parent: Element) => {
    for (const child of parent.children) {
      if (child.type === 'text') add(child.value.replace(/[ \t\r\n]+/g, ' '));
      else if (child.type !== 'element') continue;
      else if (classesOf(child).some((name) => ORIENTATION.has(name)))
        phrasing.push({
          type: 'element',
          tagName: 'span',
          properties: { className: classesOf(child).filter((name) => ORIENTATION.has(name)) },
          children: [{ type: 'text', value: toString(child) }],
        });
      else walk(child);
    }
  };
  walk(readable(node));
  const first = phrasing[0];
  const last = phrasing.at(-1);
  if (first?.type === 'text') first.value = first.value.replace(/^[ \t\r\n]+/, '');
  if (last?.type === 'text') last.value = last.value.replace(/[ \t\r\n]+$/, '');
  return phrasing.filter((child) => child.type !== 'text' || child.value !== '');
}

function classesOf(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** A copy of a heading without what a reader does not read in the line: ruby readings and note references. */
function readable(node: Element): Element {
  const copy = structuredClone(node);
  visit(copy, 'element', (child: Element, index, parent: Parents | undefined) => {
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
  return copy;
}
