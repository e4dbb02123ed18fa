/** Ruby overhang (scripts/layout/ruby-overhang.ts): which ruby gets which margins. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { overhangRuby } from '../../scripts/layout/ruby-overhang.ts';

const ruby = (base: string, reading: string) => h('ruby', [base, h('rp', '（'), h('rt', reading), h('rp', '）')]);
const styleOf = (paragraph: Element) => (paragraph.children[1] as Element).properties.style;

describe('overhangRuby', () => {
  it('lets a long reading of one character reach over kana, by half an em at most', () => {
    const paragraph = h('p', ['あ', ruby('漢', 'かんじょう'), 'え']);
    overhangRuby(paragraph);
    expect(styleOf(paragraph)).toBe('margin-inline-start: -0.5em; margin-inline-end: -0.5em');
    const shorter = h('p', ['あ', ruby('漢', 'かんじ'), '字']);
    overhangRuby(shorter);
    expect(styleOf(shorter)).toBe('margin-inline-start: -0.25em');
  });

  it('leaves a reading that fits its base, a kanji neighbour and a base of several characters alone', () => {
    for (const paragraph of [
      h('p', ['あ', ruby('漢', 'かん'), 'え']),
      h('p', ['字', ruby('漢', 'かんじょう'), '字']),
      h('p', ['あ', ruby('宇宙', 'うちゅうせんかん'), 'え']),
    ]) {
      overhangRuby(paragraph);
      expect(styleOf(paragraph)).toBeUndefined();
    }
  });
});
