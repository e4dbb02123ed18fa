/**
 * A filter: a paragraph set 地付き, 字上げ or centred by a notation (`::align-end[署名]`,
 * `［＃地付き］`) is a signature, a date or a caption, not a sentence, so the rule about how
 * sentences end does not apply to it.
 */
import type { TxtParagraphNode } from '@textlint/ast-node-types';
import type { TextlintFilterRuleReporter } from '@textlint/types';

/** Rules a placed line is exempt from. */
const EXEMPT_RULES = ['ja-no-mixed-period'];

const placedLines: TextlintFilterRuleReporter = (context) => {
  const { Syntax, shouldIgnore } = context;
  return {
    [Syntax.Paragraph](node: TxtParagraphNode) {
      if ((node as TxtParagraphNode & { placed?: boolean }).placed !== true) return;
      for (const ruleId of EXEMPT_RULES) shouldIgnore(node.range, { ruleId });
    },
  };
};

export default placedLines;
