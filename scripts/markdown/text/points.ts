/** Points of micromark tokens as unist points. */
import type { Token } from 'micromark-util-types';
import type { Point, Position } from 'unist';

/** A unist point from a micromark point (without micromark's internal fields). */
export function pointOf(point: Token['start']): Point {
  return { line: point.line, column: point.column, offset: point.offset };
}

/** The position a token spans. */
export function positionOfToken(token: Token): Position {
  return { start: pointOf(token.start), end: pointOf(token.end) };
}

/** A point some UTF-16 units further along the same line. */
export function shiftPoint(point: Point, units: number): Point {
  return {
    line: point.line,
    column: point.column + units,
    offset: point.offset === undefined ? undefined : point.offset + units,
  };
}
