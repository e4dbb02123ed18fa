/**
 * No chapter ends on a page of one line that is a paragraph of its own: a last paragraph of one
 * line is marked here, and the print stylesheet keeps it with the line before it
 * (`break-before: avoid`: Chromium breaks a line earlier in the paragraph before, 追い出し). Only a
 * paragraph that surely fits one line is marked: one of two lines or more, if it goes to a new page
 * at all, takes two lines there, and would push a line more for nothing.
 */
import type { Element } from 'hast';
import { toString } from 'hast-util-to-string';

/** Class of a chapter's last paragraph when it is one line long. */
const LAST_LINE_CLASS = 'chapter-last-line';

/** Mark the section's last paragraph when it is shorter than a line of `charsPerLine` characters (its indent included). */
export function markOneLineEnding(section: Element, charsPerLine: number): void {
  const last = section.children.findLast((child): child is Element => child.type === 'element');
  if (!last || last.tagName !== 'p') return;
  const text = readingsLeftOut(last).replace(/\s/g, '');
  if ([...text].length + 1 >= charsPerLine) return;
  const className = last.properties.className;
  last.properties.className = [...(Array.isArray(className) ? className : []), LAST_LINE_CLASS];
}

/** A paragraph's text as it is set in the line: readings (rt) and their fallback brackets (rp) left out. */
function readingsLeftOut(paragraph: Element): string {
  const strip = (element: Element): Element => ({
    ...element,
    children: element.children
      .filter((child) => child.type !== 'element' || (child.tagName !== 'rt' && child.tagName !== 'rp'))
      .map((child) => (child.type === 'element' ? strip(child) : child)),
  });
  return toString(strip(paragraph));
}
