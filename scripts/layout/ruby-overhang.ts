/**
 * Ruby overhang (JLReq 3.3.6 d): a reading longer than its base may reach over the kana beside the
 * base, by up to one ruby character (half an em) on each side, instead of spreading the base.
 * Chromium has no `ruby-overhang`: a ruby whose reading is longer than its base takes the reading's
 * length in the line, a base of one character centred in it. Here such a ruby next to kana gets a
 * negative inline margin on that side, as much as the reading is longer on that side and at most half
 * an em, which brings the base back against its neighbour; the reading then overhangs the kana. Only a neighbour that is kana
 * in the same text (not an element, so never another ruby's base) is overhung; only simple ruby
 * (one base, one reading) is measured, its reading taken as half-width-per-character kana.
 */
import type { Element, Parents, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from '../markdown/visit.ts';

const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]$/u;

/** Give each ruby that may overhang kana beside it the margins that let it (in place). */
export function overhangRuby(tree: Element): void {
  visit(tree, 'element', (node: Element, index, parent: Parents | undefined) => {
    if (node.tagName !== 'ruby' || !parent || index === undefined) return;
    const readings = node.children.filter(
      (child): child is Element => child.type === 'element' && child.tagName === 'rt',
    );
    if (readings.length !== 1) return;
    const base = node.children.filter(
      (child) => child.type === 'text' || (child.type === 'element' && child.tagName === 'rb'),
    );
    const baseLength = [...base.map((child) => toString(child)).join('')].length;
    // Chromium centres a base of one character in a longer reading, and spreads a base of several
    // from end to end of it, leaving no room before the first: only the first is brought back.
    if (baseLength !== 1) return;
    const excess = ([...toString(readings[0]!)].length * 0.5 - baseLength) / 2;
    if (excess <= 0) return;
    const amount = `-${Math.min(excess, 0.5)}em`;
    const margins: string[] = [];
    if (KANA.test(lastChar(parent.children[index - 1]))) margins.push(`margin-inline-start: ${amount}`);
    if (KANA.test(firstChar(parent.children[index + 1]))) margins.push(`margin-inline-end: ${amount}`);
    if (margins.length > 0) node.properties.style = margins.join('; ');
  });
}

const lastChar = (node: RootContent | undefined) => (node?.type === 'text' ? ([...node.value].at(-1) ?? '') : '');
const firstChar = (node: RootContent | undefined) => (node?.type === 'text' ? ([...node.value][0] ?? '') : '');
