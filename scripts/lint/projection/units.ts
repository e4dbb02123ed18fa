/** Building `Units`: text with the parsed-text offset of every UTF-16 unit. */
import type { Units } from './types.ts';

/** No text. */
export function emptyUnits(): Units {
  return { text: '', offsets: [] };
}

/** A stretch of the source taken as it is. */
export function sourceUnits(source: string, start: number, end: number): Units {
  return { text: source.slice(start, end), offsets: Array.from({ length: end - start }, (_, index) => start + index) };
}

/**
 * A node's value placed on its source. The value is not always the source (`&amp;` is `&`,
 * `\*` is `*`, a joined line ending is gone, `^12^` is `12`), so each character is looked for
 * in order in the node's stretch of source; one that is not there (a decoded entity) takes
 * the place where the search stands.
 */
export function valueUnits(value: string, source: string, start: number, end: number): Units {
  const offsets: number[] = [];
  let at = start;
  for (const char of value) {
    const found = source.indexOf(char, at);
    const offset = found === -1 || found + char.length > end ? Math.min(at, Math.max(start, end - 1)) : found;
    for (let unit = 0; unit < char.length; unit++) offsets.push(offset + unit);
    if (found !== -1 && found + char.length <= end) at = found + char.length;
  }
  return { text: value, offsets };
}

/** Append `more` to `units` in place. */
export function appendUnits(units: Units, more: Units): void {
  units.text += more.text;
  for (const offset of more.offsets) units.offsets.push(offset);
}
