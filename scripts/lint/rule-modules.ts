/**
 * The textlint rule modules behind each rule name. Loaded only by the worker threads that run
 * them (the morphological rules share one tokenizer per thread, built on the pool's shared dictionary).
 */
import { createRequire } from 'node:module';
import type { TextlintFilterRuleReporter, TextlintRuleModule } from '@textlint/types';
import type { LintRuleId } from '../config/schema.ts';
import placedLines from './rules/placed-lines.ts';
import rubyReading from './rules/ruby-reading.ts';

// The rule packages are CommonJS, loaded with `require`: imported as ES modules, every `require`
// inside them would go through the TypeScript loader's hooks, which made loading a worker
// several times slower.
const require = createRequire(import.meta.url);

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
  'no-unmatched-pair': interop(require('@textlint-rule/textlint-rule-no-unmatched-pair')),
  'ja-no-mixed-period': interop(require('textlint-rule-ja-no-mixed-period')),
  'no-invalid-control-character': interop(require('@textlint-rule/textlint-rule-no-invalid-control-character')),
  'no-nfd': interop(require('textlint-rule-no-nfd')),
  'no-doubled-joshi': interop(require('textlint-rule-no-doubled-joshi')),
  'no-dropping-the-ra': interop(require('textlint-rule-no-dropping-the-ra')),
  'ja-no-redundant-expression': interop(require('textlint-rule-ja-no-redundant-expression')),
  'sentence-length': interop(require('textlint-rule-sentence-length')),
  'no-mix-dearu-desumasu': interop(require('textlint-rule-no-mix-dearu-desumasu')),
  'no-hankaku-kana': interop(require('textlint-rule-no-hankaku-kana')),
  prh: interop(require('textlint-rule-prh')),
  'ruby-reading': rubyReading,
};

/** Filter rules every document runs with: inline `<!-- textlint-disable -->`, and lines placed by a notation. */
export const FILTER_MODULES: Record<string, TextlintFilterRuleReporter> = {
  comments: interop(require('textlint-filter-rule-comments')),
  'placed-lines': placedLines,
};
