/**
 * A content-stream scanner (ISO 32000-1 7.8.2): operands and operators with their byte offsets,
 * so that a stream can be read (preflight) or rewritten in place (the gray conversion) without
 * parsing it into objects. Strings, arrays and dictionaries are kept as raw operands: the
 * operators this project reads and rewrites take numbers and names.
 */

/** One operand: a number, a name (without the slash), or anything else as its raw text. */
export type Operand =
  { kind: 'number'; value: number } | { kind: 'name'; value: string } | { kind: 'raw'; text: string };

/** An operator with its operands and where the whole operation sits in the stream. */
export interface Operation {
  operator: string;
  /** The operands as values, decoded only for the operations visited (most of a page is text showing). */
  readonly operands: Operand[];
  /** Offset of the first operand (or of the operator when it has none). */
  start: number;
  /** Offset just past the operator. */
  end: number;
  /** For `BI … ID … EI`: the inline image's dictionary entries as raw operands. */
  inlineImage?: { entries: Operand[]; dataStart: number; dataEnd: number };
}

const WHITE = new Uint8Array(256);
for (const code of [0, 9, 10, 12, 13, 32]) WHITE[code] = 1;
const DELIMITER = new Uint8Array(256);
for (const char of '()<>[]{}/%') DELIMITER[char.charCodeAt(0)] = 1;

const isRegular = (code: number) => WHITE[code] === 0 && DELIMITER[code] === 0;

/** Operators of up to three bytes packed into a number, to test them without making strings. */
function operatorKey(bytes: Uint8Array, from: number, to: number): number {
  if (to - from > 3) return -1;
  let key = 0;
  for (let i = from; i < to; i++) key = key * 256 + bytes[i]!;
  return key;
}

/** The keys of a set of operator names. */
export function operatorKeys(operators: Iterable<string>): Set<number> {
  return new Set([...operators].map((operator) => operatorKey(Buffer.from(operator, 'latin1'), 0, operator.length)));
}

/**
 * Call `visit` for every operation whose operator is in `wanted` (all when omitted; see
 * operatorKeys). When `visit` returns a string, that text replaces the operation (operands and
 * operator); the rewritten stream is returned, or undefined when nothing was replaced. Operands
 * are only turned into values for the operations visited: most of a page is text showing.
 */
export function scanContent(
  bytes: Uint8Array,
  visit: (operation: Operation) => string | undefined,
  wanted?: ReadonlySet<number>,
): Uint8Array | undefined {
  return new Scanner(bytes, visit, wanted).scan();
}

/** Operand kinds, as the scanner keeps them until an operator comes. */
const NUMBER = 0;
const NAME = 1;
const OTHER = 2;

/** One pass over a stream: the operands since the last operator, and the stream's pieces when it is rewritten. */
class Scanner {
  private readonly pieces: Uint8Array[] = [];
  private copied = 0;
  // Operand tokens since the last operator: start, end and kind.
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly kinds: number[] = [];
  private count = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly visit: (operation: Operation) => string | undefined,
    private readonly wanted: ReadonlySet<number> | undefined,
  ) {}

  scan(): Uint8Array | undefined {
    const { bytes } = this;
    const length = bytes.length;
    let i = 0;
    while (i < length) {
      const code = bytes[i]!;
      if (WHITE[code]) i++;
      else if (code === 0x25 /* % */) {
        while (i < length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      } else i = this.token(code, i);
    }
    if (this.pieces.length === 0) return undefined;
    this.pieces.push(bytes.subarray(this.copied));
    return Buffer.concat(this.pieces);
  }

  /** The token at `start` (whose first byte is `code`): an operand kept, or an operator read; returns the offset past it. */
  private token(code: number, start: number): number {
    const { bytes } = this;
    let i = start;
    if (code === 0x2f /* / */) {
      i++;
      while (i < bytes.length && isRegular(bytes[i]!)) i++;
      return this.push(start, i, NAME);
    }
    if (code === 0x28 /* ( */) return this.push(start, skipString(bytes, i), OTHER);
    if (code === 0x3c /* < */ || code === 0x5b /* [ */) return this.push(start, skipComposite(bytes, i), OTHER);
    // A stray closing delimiter or a brace (only Type 4 functions use them): skip it.
    if (code === 0x3e || code === 0x5d || code === 0x29 || code === 0x7b || code === 0x7d) return i + 1;
    while (i < bytes.length && isRegular(bytes[i]!)) i++;
    // Numbers start with a digit, a sign or a point; true, false and null are operands too.
    if ((code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e)
      return this.push(start, i, NUMBER);
    if (i - start === 4 || i - start === 5) {
      const word = this.latin1(start, i);
      if (word === 'true' || word === 'false' || word === 'null') return this.push(start, i, OTHER);
    }
    return this.operator(start, i);
  }

  /** An operator from `start` to `end`: its operation is visited when wanted; returns the offset past it. */
  private operator(start: number, end: number): number {
    const key = operatorKey(this.bytes, start, end);
    const wanted = !this.wanted || this.wanted.has(key);
    let next = end;
    if (key === 0x4249 /* BI */) {
      const image = readInlineImage(this.bytes, end, (from, to) => this.latin1(from, to));
      if (wanted) this.emit({ operator: 'BI', operands: [], start, end: image.end, inlineImage: image });
      next = image.end;
    } else if (wanted) {
      this.emit({
        operator: this.latin1(start, end),
        operands: this.operands(),
        start: this.count > 0 ? this.starts[0]! : start,
        end,
      });
    }
    this.count = 0;
    return next;
  }

  private push(start: number, end: number, kind: number): number {
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.kinds[this.count] = kind;
    this.count++;
    return end;
  }

  private operands(): Operand[] {
    const list: Operand[] = [];
    for (let k = 0; k < this.count; k++) {
      const text = this.latin1(this.starts[k]!, this.ends[k]!);
      if (this.kinds[k] === NUMBER) {
        const value = Number(text);
        list.push(Number.isNaN(value) ? { kind: 'raw', text } : { kind: 'number', value });
      } else if (this.kinds[k] === NAME) list.push({ kind: 'name', value: decodeName(text.slice(1)) });
      else list.push({ kind: 'raw', text });
    }
    return list;
  }

  private emit(operation: Operation): void {
    const replacement = this.visit(operation);
    if (replacement === undefined) return;
    this.pieces.push(this.bytes.subarray(this.copied, operation.start), Buffer.from(replacement, 'latin1'));
    this.copied = operation.end;
  }

  private latin1(from: number, to: number): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + from, to - from).toString('latin1');
  }
}

/** A name's `#xx` escapes decoded. */
function decodeName(raw: string): string {
  return raw.includes('#')
    ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : raw;
}

/** Past a literal string, honouring nested parentheses and backslash escapes. */
function skipString(bytes: Uint8Array, at: number): number {
  let depth = 0;
  let i = at;
  while (i < bytes.length) {
    const code = bytes[i]!;
    if (code === 0x5c /* \ */) i += 2;
    else {
      if (code === 0x28) depth++;
      else if (code === 0x29 && --depth === 0) return i + 1;
      i++;
    }
  }
  return i;
}

/** Past a hex string, a dictionary or an array (which may hold strings and nested containers). */
function skipComposite(bytes: Uint8Array, at: number): number {
  let depth = 0;
  let i = at;
  while (i < bytes.length) {
    const code = bytes[i]!;
    if (code === 0x28) {
      i = skipString(bytes, i);
      continue;
    }
    if (code === 0x5b || (code === 0x3c && bytes[i + 1] === 0x3c)) depth++;
    else if (code === 0x5d || (code === 0x3e && bytes[i + 1] === 0x3e)) depth--;
    else if (code === 0x3c) {
      // A hex string inside (or as) the operand.
      const close = bytes.indexOf(0x3e, i + 1);
      i = close < 0 ? bytes.length : close + 1;
      if (depth === 0) return i;
      continue;
    }
    i += code === 0x3c || code === 0x3e ? 2 : 1;
    if (depth === 0) return i;
  }
  return i;
}

/** `BI <entries> ID <data> EI`: the entries, where the data is, and the offset past `EI`. */
function readInlineImage(
  bytes: Uint8Array,
  afterBI: number,
  latin1: (from: number, to: number) => string,
): { entries: Operand[]; dataStart: number; dataEnd: number; end: number } {
  const entries: Operand[] = [];
  let i = afterBI;
  while (i < bytes.length) {
    while (i < bytes.length && WHITE[bytes[i]!]) i++;
    const start = i;
    if (bytes[i] === 0x2f) {
      i++;
      while (i < bytes.length && isRegular(bytes[i]!)) i++;
      entries.push({ kind: 'name', value: decodeName(latin1(start + 1, i)) });
    } else if (bytes[i] === 0x28) {
      i = skipString(bytes, i);
      entries.push({ kind: 'raw', text: latin1(start, i) });
    } else if (bytes[i] === 0x3c || bytes[i] === 0x5b) {
      i = skipComposite(bytes, i);
      entries.push({ kind: 'raw', text: latin1(start, i) });
    } else {
      while (i < bytes.length && isRegular(bytes[i]!)) i++;
      const word = latin1(start, i);
      if (word === 'ID') break;
      const number = Number(word);
      entries.push(Number.isNaN(number) ? { kind: 'raw', text: word } : { kind: 'number', value: number });
      if (i === start) i++;
    }
  }
  // One white-space byte follows ID; the data ends at the EI that stands alone as a word.
  const dataStart = i + 1;
  let j = dataStart;
  while (j < bytes.length) {
    j = bytes.indexOf(0x45 /* E */, j);
    if (j < 0) return { entries, dataStart, dataEnd: bytes.length, end: bytes.length };
    if (bytes[j + 1] === 0x49 && WHITE[bytes[j - 1]!] && (j + 2 >= bytes.length || !isRegular(bytes[j + 2]!))) break;
    j++;
  }
  return { entries, dataStart, dataEnd: j - 1, end: j + 2 };
}
