/**
 * Characters a text node holds that are written differently in the source: a 青空文庫 外字
 * annotation `※［＃「にんべん＋參」、第3水準1-14-41］` is one character in the text but thirty in
 * the source. Each is recorded on its text node, so that a place found by counting characters
 * back from the end of the node (the base of `袁※［＃…］《えんさん》`) is still right in the source.
 */
import type { Text } from 'mdast';

/** One stretch of a text node's value that stands for a longer stretch of the source. */
export interface Substitution {
  /** Index in the node's value where the stretch starts. */
  at: number;
  /** Its length in the value (UTF-16 units). */
  length: number;
  /** The length of what it stands for in the source. */
  source: number;
  /** For a 外字 with no code: its description, shown after the `※` that stands for it. */
  note?: string;
}

declare module 'mdast' {
  interface TextData {
    /** Stretches of the value that are written differently in the source, in order. */
    substitutions?: Substitution[];
  }
}

/** Append `value`, written as `source` characters in the source, to a text node. */
export function appendSubstitution(node: Text, value: string, source: number, note?: string): void {
  const substitution: Substitution = { at: node.value.length, length: value.length, source };
  if (note !== undefined) substitution.note = note;
  node.data ??= {};
  (node.data.substitutions ??= []).push(substitution);
  node.value += value;
}

/** How many source characters the last `units` UTF-16 units of a text node were written with. */
export function sourceLengthOfEnd(node: Text, units: number): number {
  const from = node.value.length - units;
  let length = units;
  for (const substitution of node.data?.substitutions ?? []) {
    if (substitution.at >= from) length += substitution.source - substitution.length;
  }
  return length;
}

/** The substitutions of a text node that lie between two indices of its value, moved to start at `from`. */
export function sliceSubstitutions(node: Text, from: number, to: number): Substitution[] | undefined {
  const inside = (node.data?.substitutions ?? [])
    .filter((substitution) => substitution.at >= from && substitution.at + substitution.length <= to)
    .map((substitution) => ({ ...substitution, at: substitution.at - from }));
  return inside.length > 0 ? inside : undefined;
}
