/**
 * Automatic 縦中横: short runs of half-width digits (up to `autoTcy`, 2 by default) and `!!` `!?`
 * `?!` `??` `!` `?` beside Japanese text are set upright. A run is left alone when it belongs to
 * something Latin: next to a letter (`A4`, `Yahoo!`), part of a longer number or of a decimal,
 * time or date (`3.14`, `7:30`, `2026/11`), in code, or in a link that shows its URL.
 */
import type { Link, Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { isAsciiAlphanumeric, isJapanese } from '../text/characters.ts';
import { pointsOf, replaceRanges, type TextRange } from '../text/positions.ts';
import { charsAfter, charsBefore } from '../text/visible.ts';
import type { Tcy } from './types.ts';

/** Which runs are set upright automatically. */
export interface AutoTcyOptions {
  /** Runs of up to this many digits; 0 turns digits off. */
  digits: number;
  /** `!` `?` and pairs of them beside Japanese text. */
  punctuation: boolean;
}

// Characters that join a run to the Latin text on their other side: `3.14`, `7:30`, `Windows 10`.
const JOINERS = new Set([...".,:;/\\-_+#@&'’ "]);
const SKIPPED = new Set<Nodes['type']>(['inlineCode', 'code', 'html', 'tcy', 'aozoraAnnotation', 'yaml']);

/** A character a run set upright is made of (`uprightRanges`). */
const CANDIDATE = /[0-9!?]/;

/** Text a 青空文庫 横組み sets sideways: its digits read across with the rest of it. */
const isSideways = (node: Nodes) => node.type === 'aozoraStyled' && node.className.includes('sideways');

/** Remark plugin: set short digit and `!?` runs upright. */
export function remarkAutoTcy(options: AutoTcyOptions) {
  return (tree: Root, file: VFile) => {
    if (options.digits === 0 && !options.punctuation) return;
    walk(tree, options, file);
  };
}

function walk(parent: Parent, options: AutoTcyOptions, file: VFile): void {
  const children: PhrasingContent[] = [];
  let changed = false;
  for (const [index, child] of parent.children.entries()) {
    if (child.type === 'text') {
      // Most text holds no digit and no `!?`: only text that does has the characters around it read.
      const ranges = CANDIDATE.test(child.value)
        ? uprightRanges(child.value, charsBefore(parent, index), charsAfter(parent, index), options)
        : [];
      if (ranges.length > 0) {
        const points = pointsOf(child, file);
        children.push(
          ...replaceRanges(child, ranges, points, (piece): Tcy => ({
            type: 'tcy',
            value: piece.value,
            position: piece.position,
          })),
        );
        changed = true;
        continue;
      }
    } else if (!SKIPPED.has(child.type) && 'children' in child && !showsUrl(child) && !isSideways(child)) {
      walk(child, options, file);
    }
    children.push(child as PhrasingContent);
  }
  if (changed) parent.children = children as Parent['children'];
}

/** The ranges of a text value to set upright, given the characters around the text. */
export function uprightRanges(
  value: string,
  before: readonly string[],
  after: readonly string[],
  options: AutoTcyOptions,
): TextRange[] {
  const ranges: TextRange[] = [];
  for (const match of value.matchAll(/[0-9]+|[!?]+/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const [b2, b1] = lastTwo(before, value.slice(0, start));
    const [a1, a2] = firstTwo(value.slice(end), after);
    if (isLatin(b1, b2) || isLatin(a1, a2)) continue;
    const digits = /[0-9]/.test(match[0]);
    if (
      digits
        ? match[0].length <= options.digits
        : options.punctuation && match[0].length <= 2 && (isJapanese(b1) || isJapanese(a1))
    ) {
      ranges.push({ start, end });
    }
  }
  return ranges;
}

/** Whether a neighbour (and the character beyond it) makes the run part of Latin text. */
function isLatin(neighbour: string | undefined, beyond: string | undefined): boolean {
  return (
    isAsciiAlphanumeric(neighbour) || (neighbour !== undefined && JOINERS.has(neighbour) && isAsciiAlphanumeric(beyond))
  );
}

function lastTwo(before: readonly string[], text: string): [string | undefined, string | undefined] {
  const chars = [...before, ...text].slice(-2);
  return chars.length === 2 ? [chars[0], chars[1]] : [undefined, chars[0]];
}

function firstTwo(text: string, after: readonly string[]): [string | undefined, string | undefined] {
  const chars = [...text, ...after];
  return [chars[0], chars[1]];
}

/** A link whose text is its address (an autolink): its digits are part of the URL. */
function showsUrl(node: Nodes): boolean {
  if (node.type !== 'link') return false;
  const text = (node as Link).children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  return text === node.url || /^(https?:\/\/|www\.|mailto:)/i.test(text) || node.url === `mailto:${text}`;
}
