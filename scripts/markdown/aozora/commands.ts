/**
 * What a 青空文庫 annotation says, read from its text. The subset covers what real 青空文庫
 * texts and web-novel exports use most: page breaks, 字下げ, 地付き, 字上げ, 傍点 and 傍線,
 * 縦中横, 太字 (each on a target `［＃「X」に傍点］` or on a range `［＃傍点］X［＃傍点終わり］`), ruby by
 * annotation, and 見出し. Anything else is `unsupported`.
 */
import type { BoutenStyle } from '../bouten/index.ts';
import type { BlockLayout } from '../block-layout/index.ts';

/** Which kind of block a `ここから…` annotation opens and its `ここで…終わり` closes. */
export type BlockKind = 'indent' | 'end';

/** What an annotation's target (`「X」`), or the text between a range's two annotations, is made into. */
export type TargetStyle =
  | { kind: 'bouten'; style: BoutenStyle }
  | { kind: 'tcy' }
  | { kind: 'strong' }
  | { kind: 'ruby'; reading: string }
  | { kind: 'heading'; depth: 1 | 2 | 3 };

/** The meaning of one annotation. */
export type Command =
  | { kind: 'pageBreak'; recto: boolean }
  | { kind: 'line'; layout: BlockLayout }
  | { kind: 'blockStart'; block: BlockKind; layout: BlockLayout }
  | { kind: 'blockEnd'; block: BlockKind }
  | { kind: 'headingStart'; depth: 1 | 2 | 3 }
  | { kind: 'headingEnd'; depth: 1 | 2 | 3 }
  | { kind: 'target'; text: string; style: TargetStyle }
  | { kind: 'rangeStart'; name: string; style: RangeStyle }
  | { kind: 'rangeEnd'; name: string }
  | { kind: 'unsupported' };

/** The styles a range (`［＃傍点］…［＃傍点終わり］`) can give the text between its annotations. */
export type RangeStyle = Extract<TargetStyle, { kind: 'bouten' | 'strong' | 'tcy' }>;

const NUMBER = '([0-9０-９]+|[一二三四五六七八九十]+)';
const HEADINGS: Record<string, 1 | 2 | 3> = { 大: 1, 中: 2, 小: 3 };
const BOUTEN: Record<string, BoutenStyle> = {
  傍点: 'sesame',
  白ゴマ傍点: 'sesame-open',
  丸傍点: 'circle',
  白丸傍点: 'circle-open',
  二重丸傍点: 'double-circle-open',
  蛇の目傍点: 'double-circle',
  黒三角傍点: 'triangle',
  白三角傍点: 'triangle-open',
  傍線: 'line',
};

/** The range forms: the annotation's name, and its `…終わり` closes it. */
const RANGES: Record<string, RangeStyle> = {
  ...Object.fromEntries(Object.entries(BOUTEN).map(([name, style]) => [name, { kind: 'bouten', style }])),
  太字: { kind: 'strong' },
  縦中横: { kind: 'tcy' },
};

const rules: Array<[RegExp, (match: RegExpMatchArray) => Command]> = [
  [/^改ページ$/, () => ({ kind: 'pageBreak', recto: false })],
  [/^改丁$/, () => ({ kind: 'pageBreak', recto: true })],
  [new RegExp(`^(?:天から)?${NUMBER}字下げ$`), (m) => ({ kind: 'line', layout: { start: count(m[1]!) } })],
  [/^地付き$/, () => ({ kind: 'line', layout: { end: 0 } })],
  [new RegExp(`^地から${NUMBER}字上げ$`), (m) => ({ kind: 'line', layout: { end: count(m[1]!) } })],
  [
    new RegExp(`^ここから${NUMBER}字下げ$`),
    (m) => ({ kind: 'blockStart', block: 'indent', layout: { start: count(m[1]!) } }),
  ],
  [
    new RegExp(`^ここから${NUMBER}字下げ、折り返して${NUMBER}字下げ$`),
    (m) => ({ kind: 'blockStart', block: 'indent', layout: { start: count(m[1]!), wrap: count(m[2]!) } }),
  ],
  [
    new RegExp(`^ここから改行天付き、折り返して${NUMBER}字下げ$`),
    (m) => ({ kind: 'blockStart', block: 'indent', layout: { start: 0, wrap: count(m[1]!) } }),
  ],
  [/^ここから地付き$/, () => ({ kind: 'blockStart', block: 'end', layout: { end: 0 } })],
  [
    new RegExp(`^ここから地から${NUMBER}字上げ$`),
    (m) => ({ kind: 'blockStart', block: 'end', layout: { end: count(m[1]!) } }),
  ],
  [/^ここで字下げ終わり$/, () => ({ kind: 'blockEnd', block: 'indent' })],
  [/^ここで(?:地付き|字上げ)終わり$/, () => ({ kind: 'blockEnd', block: 'end' })],
  [/^([大中小])見出し$/, (m) => ({ kind: 'headingStart', depth: HEADINGS[m[1]!]! })],
  [/^([大中小])見出し終わり$/, (m) => ({ kind: 'headingEnd', depth: HEADINGS[m[1]!]! })],
  [
    /^「(.+)」は([大中小])見出し$/,
    (m) => ({ kind: 'target', text: m[1]!, style: { kind: 'heading', depth: HEADINGS[m[2]!]! } }),
  ],
  // Before the 傍点 rule, whose `「X」に…` also matches `「X」に「Y」のルビ`.
  [/^「(.+)」に「(.+)」のルビ$/, (m) => ({ kind: 'target', text: m[1]!, style: { kind: 'ruby', reading: m[2]! } })],
  [
    /^「(.+)」に(.+)$/,
    (m) =>
      BOUTEN[m[2]!]
        ? { kind: 'target', text: m[1]!, style: { kind: 'bouten', style: BOUTEN[m[2]!]! } }
        : { kind: 'unsupported' },
  ],
  [/^「(.+)」は縦中横$/, (m) => ({ kind: 'target', text: m[1]!, style: { kind: 'tcy' } })],
  [/^「(.+)」は太字$/, (m) => ({ kind: 'target', text: m[1]!, style: { kind: 'strong' } })],
  // `［＃傍点］…［＃傍点終わり］`: the same styles on the text between two annotations.
  [/^(.+)終わり$/, (m) => (RANGES[m[1]!] ? { kind: 'rangeEnd', name: m[1]! } : { kind: 'unsupported' })],
  [
    /^(.+)$/,
    (m) => (RANGES[m[1]!] ? { kind: 'rangeStart', name: m[1]!, style: RANGES[m[1]!]! } : { kind: 'unsupported' }),
  ],
];

/** Read an annotation's text (without `［＃` and `］`). */
export function parseCommand(value: string): Command {
  for (const [pattern, make] of rules) {
    const match = pattern.exec(value);
    if (match) return make(match);
  }
  return { kind: 'unsupported' };
}

/** A count written in half-width, full-width or kanji digits (２, 10, 十二). */
export function count(text: string): number {
  const ascii = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  if (/^[0-9]+$/.test(ascii)) return Number(ascii);
  const digits = '〇一二三四五六七八九';
  const [tens, ones] = ascii.includes('十') ? ascii.split('十') : ['', ascii];
  const tensValue = ascii.includes('十') ? (tens ? digits.indexOf(tens) : 1) : 0;
  return tensValue * 10 + (ones ? digits.indexOf(ones) : 0);
}
