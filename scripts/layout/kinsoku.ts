/** 禁則: the characters Japanese typesetting keeps from the start and from the end of a line. */

/** Characters that may not start a line (行頭禁則). */
export const NO_START: ReadonlySet<string> = new Set([
  ...'、。，．,.・：；:;?!？！）〕］｝〉》」』】ー～…‥ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々',
]);

/** Characters that may not end a line (行末禁則). */
export const NO_END: ReadonlySet<string> = new Set([...'（〔［｛〈《「『【']);
