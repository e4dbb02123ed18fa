/** 約物の連続 (scripts/layout/yakumono.ts): which mark of two adjacent ones is set half-width. */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { halfOfPair, withHalfWidthPairs } from '../../scripts/layout/yakumono.ts';

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
});
