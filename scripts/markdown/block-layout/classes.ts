/**
 * The classes a layout is written with, as the 電書協 guide names them: `start-2em` (字下げ),
 * `h-indent-1em` (ぶら下げ), `indent-1em` (first-line indent), `align-end` (地付き), `end-2em`
 * (地から２字上げ), `align-center`.
 */
import type { BlockLayout } from './types.ts';

/** The largest count the stylesheet has classes for. */
export const MAX_LAYOUT_COUNT = 20;

/** Classes for a layout, most general first. */
export function layoutClasses(layout: BlockLayout): string[] {
  const classes: string[] = [];
  const start = layout.start ?? 0;
  const wrap = layout.wrap ?? start;
  // The block starts where the nearer of the two lines does; the first line is then moved by
  // a hanging (negative) or a first-line (positive) indent.
  const base = Math.min(start, wrap);
  if (base > 0) classes.push(`start-${base}em`);
  if (wrap > start) classes.push(`h-indent-${wrap - start}em`);
  if (start > wrap) classes.push(`indent-${start - wrap}em`);
  if (layout.end !== undefined) classes.push('align-end');
  if (layout.end) classes.push(`end-${layout.end}em`);
  if (layout.center) classes.push('align-center');
  classes.push(...(layout.classes ?? []));
  return classes;
}

/** Whether a layout moves anything (`［＃０字下げ］` does not). */
export function isPlaced(layout: BlockLayout | undefined): layout is BlockLayout {
  return layout !== undefined && layoutClasses(layout).length > 0;
}
