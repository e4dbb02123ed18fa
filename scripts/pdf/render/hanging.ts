/**
 * ぶら下げ組み (hanging punctuation) on Chromium's print path, which does not lay out
 * `hanging-punctuation`. When 、。，． would fall one character past the end of a line, Chromium
 * pushes the character before it to the next line too (追い出し) and stretches the line. This pass
 * runs in the page the PDF is printed from, after it has loaded and before it is printed: it finds
 * those lines, lets the mark hang past the line end (a mark that hangs takes no advance), lets
 * Chromium lay the paragraph out again, and keeps the change only if the mark now ends the line it
 * was pushed from and the paragraph grew no longer. One layout serves every paragraph at a time:
 * each round changes the first such line of every paragraph that still has one.
 *
 * The code that measures runs in an isolated world of the page (the book's document cannot see or
 * change it), through the DevTools protocol, so the page itself still runs no JavaScript.
 */
import type { Page } from 'puppeteer';

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
export const HANG_CLASS = 'hang';

/** Let 、。，． hang in every paragraph of the page's chapters; returns what was done. */
export async function hangPunctuation(page: Page): Promise<HangingReport> {
  const started = performance.now();
  const cdp = await page.createCDPSession();
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'tategaki-hanging',
    });
    const run = async (code: string) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        // tsx keeps function names with a `__name` helper, which the page's world does not have.
        expression: `(() => { const __name = (target) => target; return ${code}; })()`,
        contextId: executionContextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails)
        throw new Error(
          `the ぶら下げ pass failed in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
        );
      return result.value as unknown;
    };
    // While measuring, lines are not justified, so that a line's free space can be seen. The
    // style goes in before the book is laid out for print, so that it is laid out once for both.
    await run(`(${startMeasuring.toString()})(${JSON.stringify(MEASURING_ID)})`);
    // `print` media: the layout measured must be the one printed (the print stylesheet lets
    // Chromium skip off-screen chapters on screen).
    await page.emulateMediaType('print');
    const report = (await run(
      `(${hangInPage.toString()})(${JSON.stringify(HANG_CLASS)}, ${JSON.stringify(MEASURING_ID)})`,
    )) as HangingReport;
    return { ...report, ms: Math.round(performance.now() - started) };
  } finally {
    // The page stays in `print` media: it is printed next, and laying it out for the screen again
    // would only cost time.
    await cdp.detach().catch(() => undefined);
  }
}

const MEASURING_ID = 'tategaki-measuring';

/** In the page: stop justifying lines, until the pass ends. */
function startMeasuring(id: string): void {
  const style = document.createElement('style');
  style.id = id;
  style.textContent = '.chapter p, .chapter li { text-align: start !important; text-align-last: auto !important; }';
  document.head.append(style);
}

/**
 * The pass itself, run in the page: everything it needs is inside it. Positions are compared on
 * the inline axis (down the page in 縦書き, across in 横書き) and the block axis (across the
 * lines), whichever way the book is written. The lines of a paragraph are found from the boxes of
 * its text nodes (one per line a node reaches); single characters are measured only at the start
 * of a line that ends short, which keeps the pass to a few measurements per paragraph.
 */
async function hangInPage(hangClass: string, measuringId: string): Promise<HangingReport> {
  // Laying the whole book out requests the font slices its characters need; measure once they are in.
  void document.documentElement.getBoundingClientRect();
  await document.fonts.ready;
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

  const vertical = getComputedStyle(document.documentElement).writingMode.startsWith('vertical');

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

  const range = document.createRange();
  const toBox = (rect: DOMRect): Box =>
    vertical
      ? { inlineStart: rect.top, inlineEnd: rect.bottom, blockMin: rect.left, blockMax: rect.right }
      : { inlineStart: rect.left, inlineEnd: rect.right, blockMin: rect.top, blockMax: rect.bottom };
  const sameLine = (a: Box, b: Box) => a.blockMin < b.blockMax && b.blockMin < a.blockMax;
  // Lines follow one another right to left in 縦書き (vertical-rl), top to bottom in 横書き.
  const beforeLine = (a: Box, b: Box) => (vertical ? a.blockMin >= b.blockMax - 0.01 : a.blockMax <= b.blockMin + 0.01);
  const lineEndOf = (element: Element, rect: DOMRect): number => {
    const style = getComputedStyle(element);
    return vertical
      ? rect.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom)
      : rect.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
  };
  const blockSizeOf = (rect: DOMRect) => (vertical ? rect.width : rect.height);

  const read = (block: Block): void => {
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
  };
  /** The piece a unit is in. */
  const pieceAt = (block: Block, unit: number): Piece => {
    let low = 0;
    let high = block.pieces.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (block.pieces[middle]!.start <= unit) low = middle;
      else high = middle - 1;
    }
    return block.pieces[low]!;
  };
  const boxOf = (block: Block, unit: number): Box | undefined => {
    const piece = pieceAt(block, unit);
    if (piece.whole) range.selectNodeContents(piece.node);
    else {
      range.setStart(piece.node, unit - piece.start);
      range.setEnd(piece.node, unit - piece.start + 1);
    }
    const rect = range.getClientRects()[0];
    return rect && toBox(rect);
  };

  const linesOf = (block: Block): Line[] => {
    const lines: Line[] = [];
    for (const piece of block.pieces) {
      range.selectNodeContents(piece.node);
      const boxes = Array.from(range.getClientRects(), toBox);
      boxes.forEach((box, index) => {
        if (box.inlineEnd - box.inlineStart < 0.01 && box.blockMax - box.blockMin < 0.01) return;
        const line = lines.at(-1);
        if (line && sameLine(line.box, box)) line.end = Math.max(line.end, box.inlineEnd);
        else lines.push({ box, end: box.inlineEnd, piece, boxes, index });
      });
    }
    return lines;
  };

  /** The first unit of `line`, which starts at the start of a piece or in the middle of one. */
  const firstUnitOf = (block: Block, line: Line): number => {
    const { piece, boxes, index } = line;
    if (index === 0 || piece.whole) return piece.start;
    const length = piece.node.data.length;
    const onEarlierLine = (offset: number) => {
      const box = boxOf(block, piece.start + offset);
      return box !== undefined && beforeLine(box, line.box);
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
  };

  /** The first mark at or after `from` whose line was pushed, with the first unit of that line. */
  const findPushed = (block: Block, rect: DOMRect): { mark: number; lineStart: number } | undefined => {
    const lines = linesOf(block);
    if (lines.length < 2) return undefined;
    const lineEnd = lineEndOf(block.element, rect);
    for (let index = 0; index + 1 < lines.length; index++) {
      const free = lineEnd - lines[index]!.end;
      if (free < 0.5) continue;
      const start = firstUnitOf(block, lines[index + 1]!);
      if (start < block.from || start === 0) continue;
      const window = block.text.slice(start + 1, start + 1 + MAX_PUSHED);
      const found = window.search(HANGING);
      if (found === -1) continue;
      const mark = start + 1 + found;
      const next = block.text[mark + 1];
      if (next !== undefined && NO_LINE_START.has(next)) continue;
      const markBox = boxOf(block, mark);
      const startBox = boxOf(block, start);
      if (!markBox || !startBox || !sameLine(markBox, startBox)) continue;
      // Layout rounds to 1/64 px per character: allow a pixel. A guess that is too kind only
      // costs an undo, when the mark does not end the line after all.
      const pushed = markBox.inlineStart - startBox.inlineStart;
      if (pushed > 0 && pushed <= free + 1) return { mark, lineStart: start };
    }
    return undefined;
  };

  const wrap = (block: Block, unit: number): HTMLElement => {
    const piece = pieceAt(block, unit);
    const offset = unit - piece.start;
    const node = offset > 0 ? piece.node.splitText(offset) : piece.node;
    if (node.data.length > 1) node.splitText(1);
    const span = document.createElement('span');
    span.className = hangClass;
    node.replaceWith(span);
    span.append(node);
    return span;
  };
  const unwrap = (span: HTMLElement): void => {
    const parent = span.parentNode!;
    span.replaceWith(...Array.from(span.childNodes));
    parent.normalize();
  };

  const blocks: Block[] = [];
  for (const element of Array.from(document.querySelectorAll('.chapter p, .chapter li'))) {
    // A list item that holds paragraphs is measured through them; a paragraph without a mark is
    // not measured at all.
    if (element.tagName === 'LI' && element.querySelector('p, li, div, blockquote, table')) continue;
    if (!HANGING.test(element.textContent ?? '')) continue;
    blocks.push({ element, text: '', pieces: [], from: 0 });
  }
  const report = { blocks: blocks.length, pushed: 0, hung: 0, undone: 0, rounds: 0, ms: 0 };
  let pending = blocks;
  while (pending.length > 0) {
    report.rounds++;
    // Read: the first pushed line of every paragraph still to look at.
    const found: { block: Block; mark: number; lineStart: number; size: number }[] = [];
    for (const block of pending) {
      const rect = block.element.getBoundingClientRect();
      read(block);
      const pushed = findPushed(block, rect);
      if (pushed) found.push({ block, ...pushed, size: blockSizeOf(rect) });
    }
    report.pushed += found.length;
    // Write: let each of those marks hang.
    const spans = found.map((item) => wrap(item.block, item.mark));
    // Read again, after one layout: keep what worked.
    const undo: number[] = [];
    found.forEach((item, index) => {
      const { block } = item;
      read(block);
      const mark = boxOf(block, item.mark);
      const before = boxOf(block, item.lineStart - 1);
      const next = item.mark + 1 < block.text.length ? boxOf(block, item.mark + 1) : undefined;
      const kept =
        mark !== undefined &&
        before !== undefined &&
        sameLine(mark, before) &&
        (next === undefined || !sameLine(next, mark)) &&
        blockSizeOf(block.element.getBoundingClientRect()) <= item.size + 0.5;
      if (!kept) undo.push(index);
    });
    for (const index of undo) unwrap(spans[index]!);
    report.undone += undo.length;
    report.hung += found.length - undo.length;
    for (const item of found) item.block.from = item.mark + 1;
    pending = found.map((item) => item.block);
  }
  document.getElementById(measuringId)?.remove();
  return report;
}
