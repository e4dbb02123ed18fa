/**
 * The textlint rule modules behind each rule name. Loaded only by the worker threads that run
 * them (the dictionary the morphological rules share is loaded once per thread).
 */
import type { TextlintFilterRuleReporter, TextlintRuleModule } from '@textlint/types';
import noInvalidControlCharacter from '@textlint-rule/textlint-rule-no-invalid-control-character';
import noUnmatchedPair from '@textlint-rule/textlint-rule-no-unmatched-pair';
import comments from 'textlint-filter-rule-comments';
import jaNoMixedPeriod from 'textlint-rule-ja-no-mixed-period';
import jaNoRedundantExpression from 'textlint-rule-ja-no-redundant-expression';
import noDoubledJoshi from 'textlint-rule-no-doubled-joshi';
import noDroppingTheRa from 'textlint-rule-no-dropping-the-ra';
import noHankakuKana from 'textlint-rule-no-hankaku-kana';
import noMixDearuDesumasu from 'textlint-rule-no-mix-dearu-desumasu';
import noNfd from 'textlint-rule-no-nfd';
import prh from 'textlint-rule-prh';
import sentenceLength from 'textlint-rule-sentence-length';
import type { LintRuleId } from '../config/schema.ts';
import placedLines from './rules/placed-lines.ts';
import rubyReading from './rules/ruby-reading.ts';

/**
 * The rules are CommonJS packages built by Babel or tsc: Node hands an ES module the whole
 * `module.exports`, whose `default` is the rule when the package was written as an ES module.
 */
function interop<T>(module: unknown): T {
  const value = module as { __esModule?: boolean; default?: unknown };
  return (
    value && typeof value === 'object' && 'default' in value && value.default !== undefined ? value.default : value
  ) as T;
}

/** Rule modules by name. */
export const RULE_MODULES: Record<LintRuleId, TextlintRuleModule> = {
  'no-unmatched-pair': interop(noUnmatchedPair),
  'ja-no-mixed-period': interop(jaNoMixedPeriod),
  'no-invalid-control-character': interop(noInvalidControlCharacter),
  'no-nfd': interop(noNfd),
  'no-doubled-joshi': interop(noDoubledJoshi),
  'no-dropping-the-ra': interop(noDroppingTheRa),
  'ja-no-redundant-expression': interop(jaNoRedundantExpression),
  'sentence-length': interop(sentenceLength),
  'no-mix-dearu-desumasu': interop(noMixDearuDesumasu),
  'no-hankaku-kana': interop(noHankakuKana),
  prh: interop(prh),
  'ruby-reading': rubyReading,
};

/** Filter rules every document runs with: inline `<!-- textlint-disable -->`, and lines placed by a notation. */
export const FILTER_MODULES: Record<string, TextlintFilterRuleReporter> = {
  comments: interop(comments),
  'placed-lines': placedLines,
};
