/**
 * The prose of a chapter as a reader sees it, in a shape between mdast and textlint's TxtAST:
 * every character carries the offset it came from in the parsed text, so that whatever a rule
 * reports can be put back at its place in the manuscript.
 */

/** Text and, for each UTF-16 unit of it, its offset in the parsed chapter text. */
export interface Units {
  text: string;
  offsets: number[];
}

/** Inline content of a paragraph, heading or table cell. */
export type Inline =
  /** Prose: plain text, ruby bases, 傍点 and emphasis text, 縦中横 digits without their carets. */
  | { kind: 'text'; units: Units }
  /** Inline code as written, backticks included: rules leave it alone. */
  | { kind: 'code'; units: Units }
  /** An HTML comment, such as `<!-- textlint-disable -->`. */
  | { kind: 'comment'; units: Units }
  /** A hard line break. */
  | { kind: 'break'; offset: number }
  | { kind: 'link'; url: string; children: Inline[] };

/** A block of the chapter. */
export type Block =
  | {
      kind: 'Paragraph' | 'Header' | 'TableCell';
      inlines: Inline[];
      /** Header level. */
      depth?: number;
      /** Set 地付き, 字上げ or centred by a notation: a signature or a date, not a sentence. */
      placed?: boolean;
    }
  | { kind: 'List' | 'ListItem' | 'BlockQuote' | 'Table' | 'TableRow'; children: Block[]; ordered?: boolean }
  /** A code block or an HTML comment on its own, as written. */
  | { kind: 'CodeBlock' | 'Html'; units: Units };

/** A ruby reading, and the base text it is set beside. */
export interface Reading {
  units: Units;
  base: string;
}

/** A chapter's prose and readings. */
export interface Projection {
  blocks: Block[];
  readings: Reading[];
}
