import type { Element, ElementContent, RootContent } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { splitChapter, splitLongParagraphs } from '../../scripts/layout/split.ts';
import { xhtmlBytes } from '../../scripts/layout/xhtml.ts';

const text = (parts: ElementContent[][]) =>
  parts.map((part) => part.map((node) => toString(node as Element)).join('')).join('');

describe('splitChapter', () => {
  it('starts a new document at each page break and drops the marker', () => {
    const nodes: RootContent[] = [
      h('p', '一'),
      h('div.pagebreak'),
      h('p', '二'),
      h('div.pagebreak.recto'),
      h('p', '三'),
    ];
    const parts = splitChapter(nodes, 10_000);
    expect(parts.map((part) => part.map((node) => toString(node as Element)))).toEqual([['一'], ['二'], ['三']]);
  });

  it('ignores a page break at the very start', () => {
    expect(splitChapter([h('div.pagebreak'), h('p', '一')], 10_000)).toHaveLength(1);
  });

  it('cuts between paragraphs to keep every document under the limit', () => {
    const nodes = Array.from({ length: 200 }, (_, index) => h('p', `第${index}段落。`.padEnd(100, 'あ')));
    const parts = splitChapter(nodes, 8_000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(xhtmlBytes(part)).toBeLessThanOrEqual(8_000);
    expect(text(parts)).toBe(nodes.map((node) => toString(node)).join(''));
  });

  it('cuts an oversized paragraph after a sentence and marks the continuation', () => {
    const long = '吾輩は猫である。名前はまだ無い。'.repeat(2_000);
    const parts = splitChapter([h('p', long)], 20_000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(xhtmlBytes(part)).toBeLessThanOrEqual(20_000);
    expect(text(parts)).toBe(long);
    const second = parts[1]![0] as Element;
    expect(second.properties.className).toContain('continued');
    const first = toString(parts[0]![0] as Element);
    expect(first.endsWith('。')).toBe(true);
  });

  it('continues the numbering of a split ordered list', () => {
    const list = h(
      'ol',
      Array.from({ length: 300 }, (_, index) => h('li', `項目${index}`.padEnd(40, 'い'))),
    );
    const parts = splitChapter([list], 10_000);
    expect(parts.length).toBeGreaterThan(1);
    const firstCount = (parts[0]![0] as Element).children.length;
    expect((parts[1]![0] as Element).properties.start).toBe(firstCount + 1);
  });
});

describe('cutting a long chapter politely', () => {
  const paragraph = (index: number) => h('p', `第${index}段落。`.padEnd(300, 'あ'));
  const run = (count: number, from = 0) => Array.from({ length: count }, (_, index) => paragraph(from + index));
  const cutsOf = (nodes: ElementContent[], max: number) => {
    const cuts: string[] = [];
    const parts = splitChapter(nodes, max, (cut) => cuts.push(cut.kind));
    for (const part of parts) expect(xhtmlBytes(part)).toBeLessThanOrEqual(max);
    expect(text(parts)).toBe(nodes.map((node) => toString(node as Element)).join(''));
    return { parts, cuts };
  };

  it('cuts before a lower heading in the second half of the room rather than at the last paragraph that fits', () => {
    const nodes = [...run(60), h('h2', '節'), ...run(40, 60)];
    const { parts, cuts } = cutsOf(nodes, 80 * 920);
    expect(cuts).toEqual(['heading']);
    expect((parts[1]![0] as Element).tagName).toBe('h2');
  });

  it('never leaves a heading at the end of a document', () => {
    // The room ends just after the heading: filling it greedily would leave the heading last.
    const before = [...run(70), h('h3', '小見出し')];
    const nodes = [...before, ...run(80, 70)];
    const { parts } = cutsOf(nodes, xhtmlBytes(before) + 10);
    for (const part of parts) expect((part.at(-1) as Element).tagName).not.toBe('h3');
  });

  it('takes a scene break when there is no heading, and a paragraph boundary when there is neither', () => {
    const scene = h('p.scene-break', '＊');
    const { parts, cuts } = cutsOf([...run(70), scene, ...run(40, 70)], 100 * 920);
    expect(cuts).toEqual(['scene break']);
    expect(parts[0]!.at(-1)).toBe(scene);
    expect(cutsOf(run(150), 100 * 920).cuts).toEqual(['paragraph']);
  });

  it('cuts around a quotation and a note section, never inside them', () => {
    const quote = h('blockquote', run(20, 500));
    const notes = h('section.footnotes', [h('aside', 'あ'.repeat(2000))]);
    const nodes = [...run(50), quote, ...run(30, 50), notes];
    const { parts } = cutsOf(nodes, 100 * 920);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.filter((part) => part.includes(quote))).toHaveLength(1);
    expect(parts.filter((part) => part.includes(notes))).toHaveLength(1);
  });

  it('says where each cut fell in the source', () => {
    const nodes = run(150).map((node, index) => ({
      ...node,
      position: { start: { line: index + 1, column: 1 }, end: { line: index + 1, column: 10 } },
    }));
    const positions: number[] = [];
    const parts = splitChapter(nodes, 100 * 920, (cut) => positions.push(cut.position!.start.line));
    expect(positions).toEqual(parts.slice(1).map((part) => part[0]!.position!.start.line));
  });
});

describe('splitLongParagraphs', () => {
  it('cuts only paragraphs over the limit, wherever they are, keeping every character', () => {
    const long = '吾輩は猫である。名前はまだ無い。'.repeat(1_000);
    const nodes: ElementContent[] = [h('p', '短い。'), h('blockquote', [h('p', long)]), h('p', long)];
    splitLongParagraphs(nodes, 4_000);
    expect(toString(nodes[0] as Element)).toBe('短い。');
    const quoted = (nodes[1] as Element).children as Element[];
    expect(quoted.length).toBeGreaterThan(3);
    for (const piece of quoted) expect(toString(piece).length).toBeLessThanOrEqual(4_000);
    expect(quoted.map((piece) => toString(piece)).join('')).toBe(long);
    expect(nodes.length).toBeGreaterThan(4);
    expect((nodes[3] as Element).properties.className).toContain('continued');
  });
});
