/**
 * 約物の連続 (JLReq 3.1.4): where two full-width punctuation marks meet, the space between them
 * is half an em, not the whole em their two halves of white add up to — 。「 、「 」「 ）（ take
 * 1.5 em, as do 」。 」、 。」 「「. One mark of each such pair is put in a span that the
 * stylesheets set half-width with the font's own alternate widths (`halt`, `vhal`): the opening
 * mark of a closing + opening pair (so that, should the line break between them, the opening
 * mark starts the next line flush with the head, as a line-start bracket is set), otherwise the
 * first of two closing marks and the second of two opening ones.
 *
 * CSS `text-spacing-trim` asks the same of the browser, and Chromium does it for some pairs
 * only: it decides from the font's glyph bounds whether 、。 are closing marks, and at 12 px in
 * vertical text (9 pt) rounding makes them not; it never trims 」。 」、 。」; and it does not see
 * a pair whose marks come from two font files (〕「 』「 】「 with the bundled fonts, which come
 * cut by Unicode range). Marking the pairs in the text sets them alike at every size, in the
 * PDF and in every reading system whose font has the alternate widths; one that lacks them sets
 * the pair whole, as before. Chromium does not trim a mark set with `halt`/`vhal` again.
 */
import type { Element, ElementContent } from 'hast';

/** Class of the span holding a mark set half-width (the stylesheets turn on `halt` / `vhal`). */
const HALF_WIDTH_CLASS = 'yakumono-half';

// JLReq's opening brackets (cl-01) and closing brackets (cl-02), full stops and commas (cl-06,
// cl-07), and middle dots (cl-05), as full-width characters (each one UTF-16 unit).
const OPENING = '「『（〔［｛〈《【〘〖〝‘“';
const CLOSING = '」』）〕］｝〉》】〙〗〟’”';
const DOTS = '、。，．';
const MIDDLE = '・：；';
const OPENING_SET = new Set(OPENING);
const CLOSING_SET = new Set(CLOSING + DOTS);
const MIDDLE_SET = new Set(MIDDLE);
const QUOTES = new Set('‘’“”');
const isOpening = (char: string | undefined) => char !== undefined && OPENING_SET.has(char);
const isClosing = (char: string | undefined) => char !== undefined && CLOSING_SET.has(char);
const isMiddle = (char: string | undefined) => char !== undefined && MIDDLE_SET.has(char);
/** Two marks side by side: a text without them holds no pair (most of a novel's text nodes). */
const TWO_MARKS = new RegExp(`[${OPENING}${CLOSING}${DOTS}${MIDDLE}]{2}`);

// Text set apart from the lines of prose, or set as one unit: left as written.
const SKIPPED = new Set(['code', 'pre', 'kbd', 'samp', 'rt', 'rp', 'script', 'style']);
const WHOLE = new Set(['tcy', 'upright-1', 'nowrap', HALF_WIDTH_CLASS]);

/**
 * Which of the two marks `a` `b` (in this order) is set half-width: 0 the first, 1 the second,
 * undefined when they are not a pair JLReq closes up. Quotation marks ‘’“” count as brackets
 * only when the font sets them full-width, which Japanese fonts do not; they are left alone.
 */
export function halfOfPair(a: string | undefined, b: string | undefined): 0 | 1 | undefined {
  if (a === undefined || b === undefined || QUOTES.has(a) || QUOTES.has(b)) return undefined;
  if (isOpening(b) && (isClosing(a) || isOpening(a) || isMiddle(a))) return 1;
  if (isClosing(a) && (isClosing(b) || isMiddle(b))) return 0;
  return undefined;
}

/**
 * The nodes with one mark of each adjacent pair of punctuation in a half-width span. The nodes
 * given are left as they are (they are the book's parsed trees, which every output shares): an
 * element is copied only when something inside it changes.
 */
export function withHalfWidthPairs(nodes: readonly ElementContent[]): ElementContent[] {
  return transform(nodes) ?? [...nodes];
}

/**
 * The nodes changed, or undefined when nothing in them is. The list is copied only from the first
 * change on: most elements of a book have no pair to set, and a list for each was most of the pass.
 */
function transform(nodes: readonly ElementContent[]): ElementContent[] | undefined {
  let out: ElementContent[] | undefined;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    let replaced: ElementContent[] | undefined;
    if (node.type === 'text') replaced = split(node.value);
    else if (node.type === 'element' && !skipped(node)) {
      const children = transform(node.children);
      if (children) replaced = [{ ...node, children } as Element];
    }
    if (replaced) {
      out ??= nodes.slice(0, index);
      out.push(...replaced);
    } else out?.push(node);
  }
  return out;
}

/** Text set apart from the lines of prose (code, readings) or set as one unit (縦中横). */
function skipped(element: Element): boolean {
  const classes = element.properties.className;
  return SKIPPED.has(element.tagName) || (Array.isArray(classes) && classes.some((name) => WHOLE.has(String(name))));
}

/**
 * A text as text and half-width spans, or undefined when it holds no pair. Pairs inside one text
 * node only: a mark next to an element (a pair split by 傍点 or a link) is left whole.
 */
function split(value: string): ElementContent[] | undefined {
  if (!TWO_MARKS.test(value)) return undefined;
  // By UTF-16 unit: every mark is one, and half of a surrogate pair is never a mark.
  const pieces: ElementContent[] = [];
  let from = 0;
  for (let index = 0; index + 1 < value.length; index++) {
    const which = halfOfPair(value[index], value[index + 1]);
    if (which === undefined) continue;
    // Each mark at most once: one is halved as the second of a pair only if it opens, as the first only if it closes.
    const at = index + which;
    if (at > from) pieces.push({ type: 'text', value: value.slice(from, at) });
    pieces.push({
      type: 'element',
      tagName: 'span',
      properties: { className: [HALF_WIDTH_CLASS] },
      children: [{ type: 'text', value: value[at]! }],
    });
    from = at + 1;
  }
  if (pieces.length === 0) return undefined;
  if (from < value.length) pieces.push({ type: 'text', value: value.slice(from) });
  return pieces;
}
