/**
 * Source positions for pieces of a text node. A text node's value is not always its source
 * (`&amp;` is `&`, `\*` is `*`, indentation after a line ending is dropped), so a character's
 * place is found by walking the value and the source side by side.
 */
import type { Text } from 'mdast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { sliceSubstitutions } from './substitutions.ts';

type Locator = ReturnType<typeof location>;
const locators = new WeakMap<VFile, Locator>();

function locatorOf(file: VFile): Locator {
  let locator = locators.get(file);
  if (!locator) {
    locator = location(file);
    locators.set(file, locator);
  }
  return locator;
}

/** Where each index of a text node's value is in the source; `undefined` when unknown. */
export function pointsOf(node: Text, file: VFile): (index: number) => Point | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return () => undefined;
  const source = String(file.value).slice(start, end);
  const offsets: number[] = [];
  let at = 0;
  for (const char of node.value) {
    const found = source.indexOf(char, at);
    const offset = found === -1 ? at : found;
    for (let unit = 0; unit < char.length; unit++) offsets.push(start + offset + unit);
    if (found !== -1) at = found + char.length;
  }
  offsets.push(end);
  const locator = locatorOf(file);
  return (index) => {
    const offset = offsets[index];
    return offset === undefined ? undefined : locator.toPoint(offset);
  };
}

/** A position from two points, or `undefined` when either is unknown. */
export function positionOf(start: Point | undefined, end: Point | undefined): Position | undefined {
  return start && end ? { start, end } : undefined;
}

/** The text between two indices of a text node, with its source position. */
export function sliceText(node: Text, from: number, to: number, points: (index: number) => Point | undefined): Text {
  const piece: Text = { type: 'text', value: node.value.slice(from, to) };
  const position = positionOf(points(from), points(to));
  if (position) piece.position = position;
  // A 外字 in the piece stays one (its place in the source, its note).
  const substitutions = sliceSubstitutions(node, from, to);
  if (substitutions) piece.data = { substitutions };
  return piece;
}

/** A part of a text node's value, from `start` up to `end`. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Cut a text node around ranges of its value: the text between ranges stays text, each range
 * becomes what `make` builds from its own text node. Every piece keeps its source position.
 */
export function replaceRanges<Made>(
  node: Text,
  ranges: readonly TextRange[],
  points: (index: number) => Point | undefined,
  make: (piece: Text, range: TextRange) => Made,
): Array<Text | Made> {
  const result: Array<Text | Made> = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start > at) result.push(sliceText(node, at, range.start, points));
    result.push(make(sliceText(node, range.start, range.end, points), range));
    at = range.end;
  }
  if (at < node.value.length) result.push(sliceText(node, at, node.value.length, points));
  return result;
}
