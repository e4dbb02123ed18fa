/** mdast → hast for ruby: `<ruby>漢字<rp>（</rp><rt>かんじ</rt><rp>）</rp></ruby>`. */
import type { Element, ElementContent } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Ruby, RubyText } from './types.ts';

/** Handler for `ruby` nodes. */
export function rubyToHast(state: State, node: Ruby): Element {
  const [base, ...readings] = node.children;
  const rubyTexts = readings.filter((child): child is RubyText => child.type === 'rubyText');
  const baseText =
    base?.type === 'rubyBase' && base.children.length === 1 && base.children[0]!.type === 'text'
      ? base.children[0].value
      : undefined;
  // The base's characters are counted only for a ruby with several readings (most have one).
  const chars = baseText === undefined || rubyTexts.length < 2 ? [] : [...baseText];
  let children: ElementContent[];
  if (rubyTexts.length > 1 && chars.length === rubyTexts.length) {
    // 熟語ルビ / モノルビ: one reading per base character, so each sits beside its own character.
    children = chars.flatMap((char, index) => [
      { type: 'text', value: char } as const,
      ...annotation(state.all(rubyTexts[index]!)),
    ]);
  } else {
    // Group ruby (グループルビ); readings given in more segments than the base has characters are joined.
    children = [...(base ? state.all(base) : []), ...annotation(rubyTexts.flatMap((reading) => state.all(reading)))];
  }
  const result: Element = { type: 'element', tagName: 'ruby', properties: {}, children };
  state.patch(node, result);
  return state.applyData(node, result);
}

/** A reading with the parentheses reading systems without ruby support show instead. */
function annotation(reading: ElementContent[]): ElementContent[] {
  return [
    { type: 'element', tagName: 'rp', properties: {}, children: [{ type: 'text', value: '（' }] },
    { type: 'element', tagName: 'rt', properties: {}, children: reading },
    { type: 'element', tagName: 'rp', properties: {}, children: [{ type: 'text', value: '）' }] },
  ];
}
