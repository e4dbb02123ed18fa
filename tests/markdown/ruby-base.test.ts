/**
 * The base of a ruby written without a bar (`漢字《かんじ》`) is the run that ends the text before
 * `《`: of kanji in Markdown, of one kind in a 青空文庫 text (a half-width run may end in a stop:
 * `Mr.《ミスター》`). The run is read from the end of the text, a character at a time (a paragraph
 * of many `《` was quadratic when each read its text whole); checked against reading it whole.
 */
import fc from 'fast-check';
import type { Paragraph, Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkAozora } from '../../scripts/markdown/aozora/index.ts';
import { remarkRuby } from '../../scripts/markdown/ruby/index.ts';
import { aozoraCharType, isKanji } from '../../scripts/markdown/text/characters.ts';

const markdown = unified().use(remarkParse).use(remarkRuby);
const aozora = unified().use(remarkParse).use(remarkRuby, 'aozora').use(remarkAozora);
const numRuns = Number(process.env.FC_RUNS ?? 500);

/** The base a parse gave the first ruby of a one-line text, or undefined for none. */
function baseOf(processor: typeof markdown, text: string): string | undefined {
  const paragraph = (processor.parse(text) as Root).children[0] as Paragraph | undefined;
  const ruby = paragraph?.children.find((child) => child.type === 'ruby');
  const base = ruby?.children[0];
  return base?.type === 'rubyBase' && base.children[0]?.type === 'text' ? base.children[0].value : undefined;
}

/** The runs as the whole text read as characters gives them (the way before). */
function kanjiRun(text: string): string {
  const chars = [...text];
  let index = chars.length;
  while (index > 0 && isKanji(chars[index - 1]!)) index--;
  return chars.slice(index).join('');
}
function sameKindRun(text: string): string {
  const chars = [...text];
  let index = chars.length;
  if (index > 1 && /^[.;"?!)]$/.test(chars[index - 1]!) && aozoraCharType(chars[index - 2]!) === 'hankaku') index--;
  const kind = index > 0 ? aozoraCharType(chars[index - 1]!) : undefined;
  if (!kind) return '';
  while (index > 0 && aozoraCharType(chars[index - 1]!) === kind) index--;
  return chars.slice(index).join('');
}

const text = fc
  .array(fc.constantFrom(...'漢字𠮷野かなカナABCab12．.?)　、'.split(/(?:)/u)), { maxLength: 12 })
  .map((chars) => chars.join(''));

describe('the base of a ruby without a bar', () => {
  it('is the run that ends the text before it', () => {
    expect(baseOf(aozora, 'Mr.《ミスター》です')).toBe('Mr.');
    expect(baseOf(aozora, 'これはABC《エービーシー》だ')).toBe('ABC');
    expect(baseOf(markdown, 'かな𠮷野家《よしのや》')).toBe('𠮷野家');
    expect(baseOf(markdown, 'かな漢字《かんじ》')).toBe('漢字');
  });

  it('is the run reading the whole text gives, in Markdown and in a 青空文庫 text', () => {
    fc.assert(
      fc.property(text, (before) => {
        const kanji = kanjiRun(before);
        expect(baseOf(markdown, `${before}《よみ》`)).toBe(kanji === '' ? undefined : kanji);
        const same = sameKindRun(before);
        expect(baseOf(aozora, `${before}《よみ》`)).toBe(same === '' ? undefined : same);
      }),
      { seed: 20261207, numRuns },
    );
  });
});
