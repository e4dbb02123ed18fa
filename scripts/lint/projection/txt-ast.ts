/**
 * Projected blocks written out as the documents textlint rules read: a text and a TxtAST whose
 * every range is a stretch of that text (so `getSource`, `raw` and `value` agree, whatever a
 * rule uses), plus, for every unit of the text, the offset it came from.
 *
 * A long chapter is written as several documents of whole top-level blocks: sentence-splitter,
 * which most rules use, pads each paragraph out to the paragraph's offset in its document, so
 * that its cost grows with the square of the document's length. HTML comments of the blocks
 * before a document are written at its start, so that a `<!-- textlint-disable -->` keeps
 * working across the cut.
 */
import type { TxtDocumentNode, TxtNodeLocation } from '@textlint/ast-node-types';
import type { Block, Inline, Reading, Units } from './types.ts';

/** One document for the rules. */
export interface LintDocument {
  text: string;
  ast: TxtDocumentNode;
  /** For every UTF-16 unit of `text`, and its end, the offset it stands for in the chapter. */
  offsets: Int32Array;
}

/** A TxtAST node while it is being built; rules get it as a read-only TxtNode. */
interface Draft {
  type: string;
  raw: string;
  range: [number, number];
  loc: TxtNodeLocation;
  value?: string;
  children?: Draft[];
  [property: string]: unknown;
}

const NO_LOCATION: TxtNodeLocation = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };

/** Writes text and nodes, and gives every node its raw text and location at the end. */
class DocumentWriter {
  private readonly parts: string[] = [];
  private readonly offsets: number[] = [];
  private readonly nodes: Draft[] = [];
  length = 0;

  write(units: Units): void {
    this.parts.push(units.text);
    for (const offset of units.offsets) this.offsets.push(offset);
    this.length += units.text.length;
  }

  /** Text that joins blocks; it stands for the place where the text before it ended. */
  separator(text: string): void {
    const offset = this.offsets.length > 0 ? this.offsets.at(-1)! + 1 : 0;
    this.write({ text, offsets: Array.from({ length: text.length }, () => offset) });
  }

  node(type: string, start: number, properties: Partial<Draft> = {}): Draft {
    const node: Draft = { type, raw: '', range: [start, this.length], loc: NO_LOCATION, ...properties };
    this.nodes.push(node);
    return node;
  }

  finish(children: Draft[]): LintDocument {
    const text = this.parts.join('');
    const lineStarts = [0];
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    const position = (index: number) => {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (lineStarts[middle]! <= index) low = middle;
        else high = middle - 1;
      }
      return { line: low + 1, column: index - lineStarts[low]! };
    };
    const document = this.node('Document', 0, { children });
    document.range = [0, text.length];
    for (const node of this.nodes) {
      node.raw = text.slice(node.range[0], node.range[1]);
      node.loc = { start: position(node.range[0]), end: position(node.range[1]) };
      if (node.type === 'Str' || node.type === 'Html') node.value = node.raw;
    }
    const offsets = Int32Array.from([...this.offsets, this.offsets.length > 0 ? this.offsets.at(-1)! + 1 : 0]);
    // The drafts are built to TxtAST's shape; the types only differ in being read-only.
    return { text, ast: document as unknown as TxtDocumentNode, offsets };
  }
}

/** The prose blocks as documents of at least `chunkSize` characters each (one document when undefined). */
export function proseDocuments(blocks: readonly Block[], chunkSize?: number): LintDocument[] {
  const documents: LintDocument[] = [];
  const comments: Units[] = [];
  let writer = new DocumentWriter();
  let children: Draft[] = [];
  let prelude = 0;
  const startDocument = () => {
    writer = new DocumentWriter();
    children = comments.map((units) => writeComment(writer, units, 'Html'));
    prelude = children.length;
  };
  startDocument();
  for (const block of blocks) {
    if (children.length > 0) writer.separator('\n\n');
    children.push(writeBlock(writer, block));
    if (chunkSize !== undefined && writer.length >= chunkSize) {
      documents.push(writer.finish(children));
      comments.push(...commentsIn([block]));
      startDocument();
    } else {
      comments.push(...commentsIn([block]));
    }
  }
  if (documents.length === 0 || children.length > prelude) documents.push(writer.finish(children));
  return documents;
}

/** The readings as one document: a paragraph per reading, whose Str also carries its base. */
export function readingsDocument(readings: readonly Reading[]): LintDocument {
  const writer = new DocumentWriter();
  const children: Draft[] = [];
  for (const reading of readings) {
    if (children.length > 0) writer.separator('\n\n');
    const start = writer.length;
    writer.write(reading.units);
    const str = writer.node('Str', start, { base: reading.base });
    children.push(writer.node('Paragraph', start, { children: [str] }));
  }
  return writer.finish(children);
}

function writeBlock(writer: DocumentWriter, block: Block): Draft {
  const start = writer.length;
  if ('units' in block) return writeComment(writer, block.units, block.kind);
  if ('inlines' in block) {
    const children = writeInlines(writer, block.inlines);
    return writer.node(block.kind, start, {
      children,
      ...(block.depth !== undefined ? { depth: block.depth } : {}),
      ...(block.placed ? { placed: true } : {}),
    });
  }
  const children: Draft[] = [];
  for (const child of block.children) {
    if (children.length > 0) writer.separator(block.kind === 'TableRow' ? '|' : '\n');
    children.push(writeBlock(writer, child));
  }
  return writer.node(block.kind, start, { children, ...(block.kind === 'List' ? { ordered: block.ordered } : {}) });
}

function writeComment(writer: DocumentWriter, units: Units, type: string): Draft {
  const start = writer.length;
  writer.write(units);
  return writer.node(type, start, type === 'CodeBlock' ? { value: units.text.replace(/^.*\n|\n?[^\n]*$/g, '') } : {});
}

function writeInlines(writer: DocumentWriter, inlines: readonly Inline[]): Draft[] {
  return inlines.map((inline) => {
    const start = writer.length;
    switch (inline.kind) {
      case 'text':
        writer.write(inline.units);
        return writer.node('Str', start);
      case 'comment':
        writer.write(inline.units);
        return writer.node('Html', start);
      case 'code':
        writer.write(inline.units);
        return writer.node('Code', start, { value: inline.units.text.replace(/^`+ ?|`+$/g, '') });
      case 'break':
        writer.write({ text: '\n', offsets: [inline.offset] });
        return writer.node('Break', start);
      case 'link': {
        const children = writeInlines(writer, inline.children);
        return writer.node('Link', start, { url: inline.url, title: null, children });
      }
    }
  });
}

/** Every HTML comment in some blocks, in order. */
function commentsIn(blocks: readonly Block[]): Units[] {
  const found: Units[] = [];
  const inInlines = (inlines: readonly Inline[]) => {
    for (const inline of inlines) {
      if (inline.kind === 'comment') found.push(inline.units);
      else if (inline.kind === 'link') inInlines(inline.children);
    }
  };
  for (const block of blocks) {
    if ('units' in block) {
      if (block.kind === 'Html') found.push(block.units);
    } else if ('inlines' in block) inInlines(block.inlines);
    else found.push(...commentsIn(block.children));
  }
  return found;
}

/**
 * The file's own text, line by line, for the rules about characters that should not be in a
 * manuscript at all (control characters, decomposed kana): they look at everything, notations,
 * code and metadata included, before the build quietly drops or composes them. HTML comments
 * are kept as such, so that `<!-- textlint-disable -->` works here too.
 */
export function sourceDocument(file: string): LintDocument {
  const writer = new DocumentWriter();
  const children: Draft[] = [];
  const comment = /<!--[\s\S]*?-->/g;
  let at = 0;
  const writeLines = (end: number) => {
    for (const line of file.slice(at, end).split('\n')) {
      const start = writer.length;
      const text = line.replace(/\r$/, '');
      writer.write({ text, offsets: Array.from({ length: text.length }, (_, index) => at + index) });
      if (text.trim() !== '') children.push(writer.node('Paragraph', start, { children: [writer.node('Str', start)] }));
      at += line.length;
      if (at < end) {
        writer.write({ text: '\n', offsets: [at] });
        at += 1;
      }
    }
  };
  for (const match of file.matchAll(comment)) {
    writeLines(match.index);
    const start = writer.length;
    writer.write({ text: match[0], offsets: Array.from({ length: match[0].length }, (_, index) => at + index) });
    children.push(writer.node('Html', start));
    at += match[0].length;
  }
  writeLines(file.length);
  return writer.finish(children);
}
