/**
 * The ぶら下げ pass as it runs in the page (see hanging.ts for the Node side). Bundled on its own
 * for the browser (scripts/launch.mjs, or page-script.ts when the sources run directly): it
 * imports nothing and touches only the DOM.
 *
 * Positions are compared on the inline axis (down the page in 縦書き, across in 横書き) and the
 * block axis (across the lines), whichever way the book is written. The lines of a paragraph are
 * found from the boxes of its text nodes (one per line a node reaches); single characters are
 * measured only at the start of a line that ends short, which keeps the pass to a few
 * measurements per paragraph.
 */

/** What the pass did in one document. */
export interface HangingReport {
  /** Paragraphs (and list items) looked at. */
  blocks: number;
  /** Lines Chromium had pushed because of a mark at the start of the next line (追い出し). */
  pushed: number;
  /** Marks that now hang at the end of their line. */
  hung: number;
  /** Changes taken back because the line did not end with the mark or the paragraph grew longer. */
  undone: number;
  /** Layout rounds (the most changes any one paragraph needed, plus one). */
  rounds: number;
  /** Milliseconds the pass took, from laying the book out for print to the last change. */
  ms: number;
}

/** Class of the element that wraps a hanging mark; the print stylesheet gives it no advance. */
const HANG_CLASS = 'hang';
/** Id of the style that stops justifying lines while the pass measures. */
const MEASURING_ID = 'tategaki-measuring';

const HANGING = /[、。，．]/;
// Characters that may not start a line: a mark followed by one of them cannot end a line.
const NO_LINE_START = new Set([
  ...'、。，．,.:;?!！？‼⁇⁈⁉：；）〕］｝〉》」』】〙〗〟’”)]}ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎ々・…‥―〜',
]);
/** The most characters before a mark that can move back with it. */
const MAX_PUSHED = 4;
// Readings are beside the line, not in it; these are in it, but not as characters of their own.
const OUTSIDE = 'rt, rp';
const WHOLE = '.tcy, .upright, .sideways, code, kbd, samp, .hang, sup, sub';
/** Stands for a whole element in a paragraph's text. */
const OBJECT = '\uFFFC';

/** A box on the inline axis (top to bottom in 縦書き) and the block axis (across the lines). */
interface Box {
  inlineStart: number;
  inlineEnd: number;
  blockMin: number;
  blockMax: number;
}

/** A text node of a paragraph and where its units start in the paragraph's text. */
interface Piece {
  node: Text;
  start: number;
  whole: boolean;
}

interface Line {
  /** The block-axis extent of the line's first piece of text. */
  box: Box;
  /** Where its text ends on the inline axis. */
  end: number;
  /** The piece the line starts in, and the boxes of that piece. */
  piece: Piece;
  boxes: Box[];
  index: number;
}

/**
 * A paragraph: its text as units (one per UTF-16 code unit of ordinary text, one per element
 * set whole, such as 縦中横), and the text nodes they come from.
 */
interface Block {
  element: Element;
  text: string;
  pieces: Piece[];
  /** Marks before this unit have been dealt with. */
  from: number;
}

/** A mark that Chromium pushed to the next line, with the line's first unit and the paragraph's size. */
interface Found {
  block: Block;
  mark: number;
  lineStart: number;
  size: number;
}

/** Stop justifying lines, until the pass ends, so that a line's free space can be seen. */
export function startMeasuring(): void {
  const style = document.createElement('style');
  style.id = MEASURING_ID;
  style.textContent = '.chapter p, .chapter li { text-align: start !important; text-align-last: auto !important; }';
  document.head.append(style);
}

/** Let 、。，． hang in every paragraph of the page's chapters, a round of layout at a time. */
export async function hangInPage(): Promise<HangingReport> {
  // Laying the whole book out requests the font slices its characters need; measure once they are in.
  void document.documentElement.getBoundingClientRect();
  await document.fonts.ready;
  const measure = new Measure(getComputedStyle(document.documentElement).writingMode.startsWith('vertical'));
  const blocks = paragraphs();
  const report = { blocks: blocks.length, pushed: 0, hung: 0, undone: 0, rounds: 0, ms: 0 };
  let pending = blocks;
  while (pending.length > 0) {
    report.rounds++;
    // Read: the first pushed line of every paragraph still to look at.
    const found: Found[] = [];
    for (const block of pending) {
      const rect = block.element.getBoundingClientRect();
      read(block);
      const pushed = measure.findPushed(block, rect);
      if (pushed) found.push({ block, ...pushed, size: measure.blockSizeOf(rect) });
    }
    report.pushed += found.length;
    // Write: let each of those marks hang.
    const spans = found.map((item) => wrap(item.block, item.mark));
    // Read again, after one layout: keep what worked.
    const undo = found.flatMap((item, index) => (measure.kept(item) ? [] : [index]));
    for (const index of undo) unwrap(spans[index]!);
    report.undone += undo.length;
    report.hung += found.length - undo.length;
    for (const item of found) item.block.from = item.mark + 1;
    pending = found.map((item) => item.block);
  }
  document.getElementById(MEASURING_ID)?.remove();
  return report;
}

/** The paragraphs and list items of the chapters that have a mark to hang. */
function paragraphs(): Block[] {
  const blocks: Block[] = [];
  for (const element of Array.from(document.querySelectorAll('.chapter p, .chapter li'))) {
    // A list item that holds paragraphs is measured through them; a paragraph without a mark is
    // not measured at all.
    if (element.tagName === 'LI' && element.querySelector('p, li, div, blockquote, table')) continue;
    if (!HANGING.test(element.textContent ?? '')) continue;
    blocks.push({ element, text: '', pieces: [], from: 0 });
  }
  return blocks;
}

/** Read a paragraph's text and text nodes as they are now. */
function read(block: Block): void {
  let text = '';
  const pieces: Piece[] = [];
  const walker = document.createTreeWalker(block.element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (!parent || parent.closest(OUTSIDE)) continue;
    const whole = parent.closest(WHOLE) !== null;
    pieces.push({ node, start: text.length, whole });
    text += whole ? OBJECT : node.data;
  }
  block.text = text;
  block.pieces = pieces;
}

/** The piece a unit is in. */
function pieceAt(block: Block, unit: number): Piece {
  let low = 0;
  let high = block.pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (block.pieces[middle]!.start <= unit) low = middle;
    else high = middle - 1;
  }
  return block.pieces[low]!;
}

/** Wrap the mark at `unit` in a span of its own, which the stylesheet lets hang. */
function wrap(block: Block, unit: number): HTMLElement {
  const piece = pieceAt(block, unit);
  const offset = unit - piece.start;
  const node = offset > 0 ? piece.node.splitText(offset) : piece.node;
  if (node.data.length > 1) node.splitText(1);
  const span = document.createElement('span');
  span.className = HANG_CLASS;
  node.replaceWith(span);
  span.append(node);
  return span;
}

/** Take a hanging mark's span away again. */
function unwrap(span: HTMLElement): void {
  const parent = span.parentNode!;
  span.replaceWith(...Array.from(span.childNodes));
  parent.normalize();
}

/** Measuring in the page's writing mode. */
class Measure {
  private readonly range = document.createRange();

  constructor(private readonly vertical: boolean) {}

  private toBox(rect: DOMRect): Box {
    return this.vertical
      ? { inlineStart: rect.top, inlineEnd: rect.bottom, blockMin: rect.left, blockMax: rect.right }
      : { inlineStart: rect.left, inlineEnd: rect.right, blockMin: rect.top, blockMax: rect.bottom };
  }

  /** Whether a box lies on an earlier line than another: lines run right to left in 縦書き (vertical-rl), top to bottom in 横書き. */
  private beforeLine(a: Box, b: Box): boolean {
    return this.vertical ? a.blockMin >= b.blockMax - 0.01 : a.blockMax <= b.blockMin + 0.01;
  }

  /** Where the content box of a paragraph ends on the inline axis. */
  private lineEndOf(element: Element, rect: DOMRect): number {
    const style = getComputedStyle(element);
    return this.vertical
      ? rect.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom)
      : rect.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
  }

  /** A paragraph's size across its lines. */
  blockSizeOf(rect: DOMRect): number {
    return this.vertical ? rect.width : rect.height;
  }

  /** The box of one unit, where it is set. */
  private boxOf(block: Block, unit: number): Box | undefined {
    const piece = pieceAt(block, unit);
    if (piece.whole) this.range.selectNodeContents(piece.node);
    else {
      this.range.setStart(piece.node, unit - piece.start);
      this.range.setEnd(piece.node, unit - piece.start + 1);
    }
    const rect = this.range.getClientRects()[0];
    return rect && this.toBox(rect);
  }

  /** The lines of a paragraph, from the boxes of its text nodes. */
  private linesOf(block: Block): Line[] {
    const lines: Line[] = [];
    for (const piece of block.pieces) {
      this.range.selectNodeContents(piece.node);
      const boxes = Array.from(this.range.getClientRects(), (rect) => this.toBox(rect));
      boxes.forEach((box, index) => {
        if (box.inlineEnd - box.inlineStart < 0.01 && box.blockMax - box.blockMin < 0.01) return;
        const line = lines.at(-1);
        if (line && sameLine(line.box, box)) line.end = Math.max(line.end, box.inlineEnd);
        else lines.push({ box, end: box.inlineEnd, piece, boxes, index });
      });
    }
    return lines;
  }

  /** The first unit of `line`, which starts at the start of a piece or in the middle of one. */
  private firstUnitOf(block: Block, line: Line): number {
    const { piece, boxes, index } = line;
    if (index === 0 || piece.whole) return piece.start;
    const length = piece.node.data.length;
    const onEarlierLine = (offset: number) => {
      const box = this.boxOf(block, piece.start + offset);
      return box !== undefined && this.beforeLine(box, line.box);
    };
    // Ordinary text is set one em per unit, most of it: guess from the earlier boxes' lengths,
    // and check the guess with two measurements before searching.
    const em = Math.max(1, boxes[0]!.blockMax - boxes[0]!.blockMin);
    let guess = 0;
    for (let earlier = 0; earlier < index; earlier++)
      guess += Math.round((boxes[earlier]!.inlineEnd - boxes[earlier]!.inlineStart) / em);
    if (guess > 0 && guess < length && onEarlierLine(guess - 1) && !onEarlierLine(guess)) return piece.start + guess;
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (onEarlierLine(middle)) low = middle + 1;
      else high = middle;
    }
    return piece.start + low;
  }

  /** The first mark at or after `from` whose line was pushed, with the first unit of that line. */
  findPushed(block: Block, rect: DOMRect): { mark: number; lineStart: number } | undefined {
    const lines = this.linesOf(block);
    if (lines.length < 2) return undefined;
    const lineEnd = this.lineEndOf(block.element, rect);
    const em = parseFloat(getComputedStyle(block.element).fontSize);
    for (let index = 0; index + 1 < lines.length; index++) {
      const free = lineEnd - lines[index]!.end;
      if (free < 0.5) continue;
      const start = this.firstUnitOf(block, lines[index + 1]!);
      if (start < block.from || start === 0) continue;
      const found = this.pushedMark(block, start, free, em);
      if (found !== undefined) return { mark: found, lineStart: start };
    }
    return undefined;
  }

  /**
   * The mark near the start of a line (beginning at `start`) whose line was pushed: the characters
   * before it fill the `free` space of the line before, so that the mark would start where that
   * line ends. A mark that would start inside the line (the line holds a half-width pair of 約物,
   * and more room than the characters take) is not hung: it would straddle the end of the line.
   */
  private pushedMark(block: Block, start: number, free: number, em: number): number | undefined {
    const window = block.text.slice(start + 1, start + 1 + MAX_PUSHED);
    const found = window.search(HANGING);
    if (found === -1) return undefined;
    const mark = start + 1 + found;
    const next = block.text[mark + 1];
    if (next !== undefined && NO_LINE_START.has(next)) return undefined;
    const markBox = this.boxOf(block, mark);
    const startBox = this.boxOf(block, start);
    if (!markBox || !startBox || !sameLine(markBox, startBox)) return undefined;
    // Layout rounds to 1/64 px per character: allow a pixel. A guess that is too kind only
    // costs an undo, when the mark does not end the line after all.
    const pushed = markBox.inlineStart - startBox.inlineStart;
    return pushed > 0 && pushed <= free + 1 && pushed >= free - Math.max(1, em / 4) ? mark : undefined;
  }

  /** Whether a mark now ends the line it was pushed from, and the paragraph grew no longer. */
  kept(item: Found): boolean {
    const { block } = item;
    read(block);
    const mark = this.boxOf(block, item.mark);
    const before = this.boxOf(block, item.lineStart - 1);
    const next = item.mark + 1 < block.text.length ? this.boxOf(block, item.mark + 1) : undefined;
    return (
      mark !== undefined &&
      before !== undefined &&
      sameLine(mark, before) &&
      (next === undefined || !sameLine(next, mark)) &&
      this.blockSizeOf(block.element.getBoundingClientRect()) <= item.size + 0.5
    );
  }
}

/** Whether two boxes overlap across the lines: they are on the same line. */
function sameLine(a: Box, b: Box): boolean {
  return a.blockMin < b.blockMax && b.blockMin < a.blockMax;
}
