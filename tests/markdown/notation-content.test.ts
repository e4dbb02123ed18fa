/**
 * The inside of a ruby or a 傍点 (scripts/markdown/text/factory-content.ts) is given as one `data`
 * token when nothing in it could start a construct, instead of being tokenised again as nested
 * content: a shortcut for speed, which must give the tree the nested tokenizer gives. Checked on
 * random lines of notation marks, Markdown marks, escapes, references and Japanese text, against
 * the same chain with the shortcut turned off (a construct that never matches, tried anywhere,
 * makes every character one that might start a construct).
 */
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import type { Construct, Extension } from 'micromark-util-types';
import { unified, type Processor } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkAozora } from '../../scripts/markdown/aozora/index.ts';
import { remarkBouten } from '../../scripts/markdown/bouten/index.ts';
import { remarkNotationEscapes } from '../../scripts/markdown/escapes/index.ts';
import { remarkRuby } from '../../scripts/markdown/ruby/index.ts';
import { remarkTcy } from '../../scripts/markdown/tcy/index.ts';
import { rememberLooks } from '../../scripts/markdown/text/line-looks.ts';
import { visit } from '../../scripts/markdown/visit.ts';

const seed = Number(process.env.FC_SEED ?? 20261206);
const numRuns = Number(process.env.FC_RUNS ?? 2000);

const never: Construct = { name: 'never', tokenize: (_effects, _ok, nok) => nok };
const noShortcut: Extension = { text: { null: [never] }, string: { null: [never] } };

function remarkNoShortcut(this: Processor) {
  (this.data().micromarkExtensions ??= []).push(noShortcut);
}

/** The Markdown reader's syntax (processor.ts), with or without the shortcut. */
const reader = (shortcut: boolean, notation: 'all' | 'aozora') =>
  (notation === 'all'
    ? unified()
        .use(remarkParse)
        .use(remarkGfm)
        .use(remarkCjkFriendly)
        .use(remarkNotationEscapes)
        .use(remarkBouten)
        .use(remarkRuby)
        .use(remarkTcy)
        .use(remarkAozora)
    : unified().use(remarkParse).use(remarkRuby, 'aozora').use(remarkAozora)
  ).use(shortcut ? [] : [remarkNoShortcut]);

const PARTS = [
  '漢字',
  '東京',
  'かんじ',
  'カナ',
  // Outside the BMP: two UTF-16 units, which a place counts as two columns.
  '𠮷',
  '｜',
  '|',
  '{',
  '}',
  '《',
  '》',
  '\\',
  '&amp;',
  '&#x6F22;',
  '&',
  '*',
  '**',
  '_',
  ' ',
  '　',
  '\t',
  'a',
  'www.',
  '1',
  '12',
  '２',
  '［＃「漢」に傍点］',
  '［＃',
  '］',
  '※［＃「木＋吉」、第3水準1-85-69］',
  '`',
  '<b>',
  '\n',
  '!',
  '[',
  '](x)',
  '~',
  '^',
];
/** Whole notations, some with marks, escapes or references inside. */
const SHAPES = [
  '｜漢字《かんじ》',
  '漢字《かんじ》',
  '{漢字|かん|じ}',
  '{漢字｜かんじ}',
  '《《傍点》》',
  '|a《エー》',
  '｜漢*字*《かん》',
  '｜東京《とう&amp;きょう》',
  '漢字《か\\》ん》',
  '｜１２《じゅうに》',
  '《《傍｜点《てん》》》',
  '{**強**|つよ}',
  '｜𠮷野《よしの》',
  '𩸽《ほっけ》',
];
const line = fc
  .array(
    fc.oneof({ arbitrary: fc.constantFrom(...PARTS), weight: 2 }, { arbitrary: fc.constantFrom(...SHAPES), weight: 1 }),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

describe('the inside of a ruby or a 傍点 read at once', () => {
  for (const notation of ['all', 'aozora'] as const) {
    it(`gives the tree nested tokenizing gives (${notation === 'all' ? 'Markdown' : '青空文庫 text'}, ${numRuns} lines)`, () => {
      const [fast, nested] = [reader(true, notation), reader(false, notation)];
      let rubies = 0;
      fc.assert(
        fc.property(line, (markdown) => {
          const tree = fast.parse(markdown) as Root;
          visit(tree, (node) => {
            if (node.type === 'ruby' || node.type === 'bouten') rubies++;
          });
          expect(tree).toEqual(nested.parse(markdown));
        }),
        { seed, numRuns },
      );
      // The property says nothing unless the lines hold many notations.
      expect(rubies).toBeGreaterThan(numRuns / 2);
    });
  }
});

describe('a look to the end of a line, kept for the marks after it (text/line-looks.ts)', () => {
  for (const notation of ['all', 'aozora'] as const) {
    it(`gives the tree looking again from every mark gives (${notation === 'all' ? 'Markdown' : '青空文庫 text'}, ${numRuns} lines)`, () => {
      const parse = reader(true, notation);
      let unclosed = 0;
      fc.assert(
        fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
          // Several lines in one paragraph, and the marks of each line again in a table cell.
          const markdown = `${lines.join('\n')}\n\n| ${lines[0]!.replaceAll('|', '\\|')} | 《《開 |\n| - | - |\n`;
          rememberLooks(false);
          const fresh = parse.parse(markdown) as Root;
          rememberLooks(true);
          const kept = parse.parse(markdown) as Root;
          visit(kept, (node) => {
            if (node.type === 'text' && 'value' in node && /[《｜{]/.test(String(node.value))) unclosed++;
          });
          expect(kept).toEqual(fresh);
        }),
        { seed, numRuns },
      );
      rememberLooks(true);
      // The property says nothing unless many marks were left open.
      expect(unclosed).toBeGreaterThan(numRuns / 2);
    });
  }
});
