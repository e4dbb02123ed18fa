/**
 * 分離禁止: a doubled dash or leader (`――`, `……`, `‥‥`) is one mark and must not be split
 * between two lines. Unicode's line-breaking rules keep some of these together and not others
 * (`─` box-drawing dashes, which authors use for ――, break anywhere in Japanese text), so every
 * pair is put in a span that does not wrap. A longer run is cut into pairs (the last one three
 * long when the run is odd), which may still break between them, so that a run longer than a
 * line never overflows it.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

/** Class of the span that holds a pair together (`white-space: nowrap`). */
const NO_BREAK_CLASS = 'nowrap';

// Runs of one dash or leader, repeated (and 中黒 used as a leader, ・・・).
const RUN = /―{2,}|—{2,}|─{2,}|━{2,}|…{2,}|‥{2,}|⋯{2,}|・{3,}/g;
const HAS_RUN = new RegExp(RUN.source);
// Text set apart from the lines of prose: left as written.
const SKIPPED = new Set(['code', 'pre', 'kbd', 'samp', 'rt', 'rp', 'script', 'style']);

/** Rehype plugin: keep doubled dashes and leaders on one line. */
export function rehypeNoBreak() {
  return (tree: Root) => {
    walk(tree);
  };
}

function walk(parent: Root | Element): void {
  const children: (RootContent | ElementContent)[] = [];
  let changed = false;
  for (const child of parent.children) {
    if (child.type === 'element') {
      const classes = child.properties.className;
      const whole = Array.isArray(classes) && classes.some((name) => name === 'tcy' || name === NO_BREAK_CLASS);
      if (!SKIPPED.has(child.tagName) && !whole) walk(child);
    }
    if (child.type !== 'text' || !HAS_RUN.test(child.value)) {
      children.push(child);
      continue;
    }
    changed = true;
    let at = 0;
    for (const match of child.value.matchAll(RUN)) {
      if (match.index > at) children.push({ type: 'text', value: child.value.slice(at, match.index) });
      children.push(...pairs(match[0]));
      at = match.index + match[0].length;
    }
    if (at < child.value.length) children.push({ type: 'text', value: child.value.slice(at) });
  }
  if (changed) parent.children = children as typeof parent.children;
}

/** A run as spans of two characters (three for the last of an odd run). */
function pairs(run: string): Element[] {
  const chars = [...run];
  const groups: string[] = [];
  for (let at = 0; at < chars.length; at += 2) {
    const rest = chars.length - at;
    groups.push(chars.slice(at, rest === 3 ? at + 3 : at + 2).join(''));
    if (rest === 3) break;
  }
  return groups.map((group) => ({
    type: 'element',
    tagName: 'span',
    properties: { className: [NO_BREAK_CLASS] },
    children: [{ type: 'text', value: group }],
  }));
}
