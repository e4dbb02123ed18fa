/**
 * The names 青空文庫's 注記一覧 gives the styles that mark a run of text, and what each is set as:
 * a 傍点 or 傍線 mark (each also on the left, `左に…`), bold, italic, 縦中横, small characters beside
 * or above the line, larger or smaller characters, a ruled box, a caption, 割り注.
 */
import type { BoutenStyle } from '../bouten/index.ts';

/** An element with classes (`<sup class="okurigana">`), for the styles that need no node of their own. */
interface ElementStyle {
  kind: 'element';
  tagName: 'span' | 'sup' | 'sub' | 'em';
  className: string[];
}

/** What an annotation's target (`「X」`), or the text between a range's two annotations, is made into. */
export type TargetStyle =
  | { kind: 'bouten'; style: BoutenStyle; left?: boolean }
  | { kind: 'tcy' }
  | { kind: 'strong' }
  | { kind: 'warichu'; outside?: { open: boolean; close: boolean } }
  | ElementStyle
  | { kind: 'ruby'; reading: string; left?: boolean }
  | { kind: 'character'; char: string }
  | { kind: 'heading'; depth: 1 | 2 | 3; variant: HeadingVariant };

/** A 見出し on a line of its own (`normal`), run into the text (同行), or in a window (窓). */
export type HeadingVariant = 'normal' | 'dogyo' | 'mado';

const BOUTEN: Record<string, BoutenStyle> = {
  傍点: 'sesame',
  白ゴマ傍点: 'sesame-open',
  丸傍点: 'circle',
  白丸傍点: 'circle-open',
  二重丸傍点: 'double-circle-open',
  蛇の目傍点: 'double-circle',
  黒三角傍点: 'triangle',
  白三角傍点: 'triangle-open',
  ばつ傍点: 'cross',
  '×傍点': 'cross',
};

const LINES: Record<string, string | undefined> = {
  傍線: undefined,
  二重傍線: 'em-line-double',
  鎖線: 'em-line-dotted',
  破線: 'em-line-dashed',
  波線: 'em-line-wavy',
};

const ELEMENTS: Record<string, ElementStyle> = {
  斜体: element('span', 'italic'),
  // Set in the book's sans-serif face, as the print stylesheet sets the class `gfont`.
  ゴシック体: element('span', 'gfont'),
  横組み: element('span', 'sideways'),
  罫囲み: element('span', 'keigakomi'),
  二重罫囲み: { kind: 'element', tagName: 'span', className: ['keigakomi', 'keigakomi-double'] },
  キャプション: element('span', 'caption'),
  上付き小文字: element('sup', 'superscript'),
  下付き小文字: element('sub', 'subscript'),
  行右小書き: element('sup', 'gyomigi'),
  行左小書き: element('sub', 'gyohidari'),
  返り点: element('sub', 'kaeriten'),
  訓点送り仮名: element('sup', 'okurigana'),
};

function element(tagName: ElementStyle['tagName'], className: string): ElementStyle {
  return { kind: 'element', tagName, className: [className] };
}

/** The largest step of 大きな文字 and 小さな文字 the stylesheet has a class for. */
const MAX_SIZE_STEP = 3;

/** The style a name gives (`傍点`, `左に傍線`, `太字`, `２段階大きな文字`, …), or `undefined`. */
export function styleNamed(name: string, steps: (text: string) => number): TargetStyle | undefined {
  const left = name.startsWith('左に');
  const bare = left ? name.slice(2) : name;
  const bouten = BOUTEN[bare];
  if (bouten) return left ? { kind: 'bouten', style: bouten, left } : { kind: 'bouten', style: bouten };
  if (bare in LINES) {
    const classes = ['em-line', LINES[bare], left ? 'em-line-left' : undefined].filter((c): c is string => !!c);
    return classes.length === 1
      ? { kind: 'bouten', style: 'line' }
      : { kind: 'element', tagName: 'em', className: classes };
  }
  if (left) return undefined;
  if (name === '太字') return { kind: 'strong' };
  if (name === '縦中横') return { kind: 'tcy' };
  if (name === '割り注') return { kind: 'warichu' };
  const size = /^(.+)段階(大き|小さ)な文字$/.exec(name);
  if (size) {
    const step = Math.min(Math.max(steps(size[1]!), 1), MAX_SIZE_STEP);
    return element('span', `font-${size[2] === '大き' ? 'larger' : 'smaller'}-${step}`);
  }
  return ELEMENTS[name];
}

/** The name a range's end annotation repeats: `大きな文字終わり` closes `２段階大きな文字`. */
export function rangeName(name: string): string {
  return name.replace(/^.+段階(大き|小さ)な文字$/, '$1な文字');
}

/** The classes a block style (`ここから罫囲み`) puts on its block, or `undefined`. */
export function blockClasses(name: string, steps: (text: string) => number): string[] | undefined {
  if (name === '太字') return ['bold'];
  if (name === '横組み') return ['yokogumi'];
  const style = styleNamed(name, steps);
  return style?.kind === 'element' && style.tagName === 'span' ? style.className : undefined;
}
