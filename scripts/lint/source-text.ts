/**
 * A chapter file as it is on disk and as the parser reads it. The build reads a normalised copy
 * (no carriage returns or control characters, combining kana composed: scripts/manuscript/read-text.ts);
 * proofreading reports places in the file as the author's editor shows it, so every offset in the
 * normalised text is mapped back to the file's own text.
 */

// What `cleanText` drops outright: carriage returns, a BOM, and the control characters XML cannot carry.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const DROPPED = /[\r\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;
const MARK = /\p{M}/u;

/** A line and column in the file, both from 1; columns count UTF-16 units, as the build's messages do. */
export interface FilePoint {
  line: number;
  column: number;
}

/** The file's text, the parser's text, and the way from one to the other. */
export class SourceText {
  /** For every offset of the parser's text (and its end), the offset in the file's text; absent when they are the same text. */
  private readonly fileOffsets: Int32Array | undefined;
  private readonly lineStarts: number[] = [0];

  /** `file` is the decoded file; `parsed` is what `cleanText` made of it. */
  constructor(
    readonly file: string,
    readonly parsed: string,
  ) {
    this.fileOffsets = file === parsed ? undefined : align(file, parsed);
    for (let at = file.indexOf('\n'); at !== -1; at = file.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  /** The file offset of an offset in the parser's text. */
  fileOffset(parsedOffset: number): number {
    if (!this.fileOffsets) return parsedOffset;
    return this.fileOffsets[Math.max(0, Math.min(parsedOffset, this.parsed.length))]!;
  }

  /** The file offset just after the character at `parsedOffset` (a composed character may be two in the file). */
  fileEnd(parsedOffset: number): number {
    if (!this.fileOffsets) return parsedOffset + 1;
    const start = this.fileOffset(parsedOffset);
    const next = this.fileOffset(parsedOffset + 1);
    return next > start ? lastKept(this.file, start, next) : start + 1;
  }

  /** Line and column of a file offset. */
  point(fileOffset: number): FilePoint {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= fileOffset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: fileOffset - this.lineStarts[low]! + 1 };
  }
}

/** The end of a character's span in the file, leaving out characters the parser dropped after it (`\r`, controls). */
function lastKept(file: string, start: number, next: number): number {
  let end = next;
  while (end > start + 1 && DROPPED.test(file[end - 1]!)) end--;
  return end;
}

/**
 * Walk both texts side by side. A character that is the same in both maps to itself; one the
 * parser dropped is skipped; a base character with combining marks (`か` + U+3099) maps, as the
 * one character it was composed into (`が`), to where the run starts.
 */
function align(file: string, parsed: string): Int32Array {
  const offsets = new Int32Array(parsed.length + 1);
  let at = 0;
  let index = 0;
  while (index < parsed.length) {
    if (at >= file.length) {
      offsets[index++] = file.length;
      continue;
    }
    if (file[at] === parsed[index]) {
      offsets[index++] = at++;
      continue;
    }
    if (DROPPED.test(file[at]!)) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < file.length && MARK.test(file[end]!)) end++;
    const composed = file.slice(at, end).normalize('NFC');
    if (end > at + 1 && parsed.startsWith(composed, index)) {
      for (let unit = 0; unit < composed.length; unit++) offsets[index++] = at;
      at = end;
      continue;
    }
    // Not a change `cleanText` makes: keep going one for one rather than lose the thread.
    offsets[index++] = at++;
  }
  offsets[parsed.length] = file.length;
  return offsets;
}
