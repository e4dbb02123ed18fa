/**
 * `ruby-reading`: a light check of ruby readings, which read on the readings document (one
 * paragraph per reading, its Str carrying the base). A reading is kana, or a short gloss; what
 * this rule reports is what a notation that went wrong leaves behind.
 *
 * - punctuation, brackets or spaces in a reading: `漢字《かんじ。次の文》`, a `《` closed far too late;
 * - a reading the same as its base: `{漢字|漢字}` sets nothing new;
 * - a reading longer than 3 characters per base character plus 4 (`{剣|エクスカリバー}` is 7 and
 *   passes; a whole clause after one kanji does not): the base would be spread apart to fit it.
 */
import type { TxtStrNode } from '@textlint/ast-node-types';
import type { TextlintRuleModule } from '@textlint/types';

const PUNCTUATION = /[、。，．,.!?！？「」『』（）()［］[\]〔〕【】《》〈〉\s]/u;

/** The longest reading a base of `length` characters takes. */
function longestReading(length: number): number {
  return 3 * length + 4;
}

const rubyReading: TextlintRuleModule = (context) => {
  const { Syntax, RuleError, report, locator } = context;
  return {
    [Syntax.Str](node: TxtStrNode) {
      const base = (node as TxtStrNode & { base?: unknown }).base;
      if (typeof base !== 'string') return;
      const reading = node.value;
      const mark = PUNCTUATION.exec(reading);
      if (mark) {
        report(
          node,
          new RuleError(
            `ルビ「${reading}」に「${mark[0]}」が含まれています: the reading holds punctuation or a space`,
            {
              padding: locator.at(mark.index),
            },
          ),
        );
        return;
      }
      if (reading === base) {
        report(node, new RuleError(`ルビ「${reading}」が親文字と同じです: the reading repeats its base`));
        return;
      }
      const length = [...reading].length;
      const limit = longestReading([...base].length);
      if (base !== '' && length > limit) {
        report(
          node,
          new RuleError(
            `ルビ「${reading}」が親文字「${base}」に対して長すぎます (${length} > ${limit}): a reading this long spreads its base apart`,
          ),
        );
      }
    },
  };
};

export default rubyReading;
