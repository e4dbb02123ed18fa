/** 約物の連続 (scripts/layout/yakumono.ts): which mark of two adjacent ones is set half-width. */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { halfOfPair, withHalfWidthPairs } from '../../scripts/layout/yakumono.ts';

const seed = Number(process.env.FC_SEED ?? 20261206);
const numRuns = Number(process.env.FC_RUNS ?? 2000);

/** The plain way: every character of the text, every adjacent pair, the marks of the pairs in spans. */
function referenceSplit(value: string): ElementContent[] {
  const chars = [...value];
  const half = new Set<number>();
  for (let index = 0; index + 1 < chars.length; index++) {
    const which = halfOfPair(chars[index], chars[index + 1]);
    if (which !== undefined) half.add(index + which);
  }
  if (half.size === 0) return [{ type: 'text', value }];
  const pieces: ElementContent[] = [];
  let text = '';
  chars.forEach((char, index) => {
    if (!half.has(index)) {
      text += char;
      return;
    }
    if (text) pieces.push({ type: 'text', value: text });
    text = '';
    pieces.push(h('span', { className: ['yakumono-half'] }, char));
  });
  if (text) pieces.push({ type: 'text', value: text });
  return pieces;
}

const html = (nodes: ElementContent[]) => toHtml({ type: 'root', children: nodes });

describe('halfOfPair', () => {
  it('halves the opening mark after a closing one, and the first of two closing marks', () => {
    expect(halfOfPair('。', '「')).toBe(1);
    expect(halfOfPair('、', '「')).toBe(1);
    expect(halfOfPair('」', '「')).toBe(1);
    expect(halfOfPair('）', '（')).toBe(1);
    expect(halfOfPair('「', '「')).toBe(1);
    expect(halfOfPair('」', '。')).toBe(0);
    expect(halfOfPair('。', '」')).toBe(0);
  });

  it('leaves a mark next to a character, and quotation marks, alone', () => {
    expect(halfOfPair('あ', '「')).toBeUndefined();
    expect(halfOfPair('」', 'あ')).toBeUndefined();
    expect(halfOfPair('「', 'あ')).toBeUndefined();
    expect(halfOfPair('”', '「')).toBeUndefined();
    expect(halfOfPair('。', undefined)).toBeUndefined();
  });
});

describe('withHalfWidthPairs', () => {
  it('wraps one mark of each pair, and leaves the given trees as they were', () => {
    const paragraph = h('p', '「ああ。」「いい」と、「う');
    const before = structuredClone(paragraph);
    const [result] = withHalfWidthPairs([paragraph]);
    expect(html([result!])).toBe(
      '<p>「ああ<span class="yakumono-half">。</span>」<span class="yakumono-half">「</span>いい」と、<span class="yakumono-half">「</span>う</p>',
    );
    expect(paragraph).toEqual(before);
  });

  it('leaves code, readings and 縦中横 as written, and returns the same nodes when nothing changes', () => {
    const nodes: ElementContent[] = [
      h('code', '」「'),
      h('ruby', ['漢', h('rt', '」「')]),
      h('span.tcy', '!?'),
      { type: 'text', value: 'あいう' },
    ];
    const result = withHalfWidthPairs(nodes);
    expect(result).toEqual(nodes);
    expect((result[0] as Element).children).toBe((nodes[0] as Element).children);
  });

  it(`marks the pairs the plain way finds, in any text (${numRuns} texts)`, () => {
    const text = fc
      .array(fc.constantFrom(...'「」『』（）。、・：“”‘’〝〟あ漢a ', '\u{20B9F}', '\uD800'), { maxLength: 16 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(withHalfWidthPairs([{ type: 'text', value }])).toEqual(referenceSplit(value));
      }),
      { seed, numRuns },
    );
  });
});
