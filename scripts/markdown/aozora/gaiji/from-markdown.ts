/**
 * mdast-util-from-markdown extension for 外字 annotations: the character a code names joins the
 * text around it (so that `袁※［＃…］《えんさん》` gives the ruby the base 袁傪); a 外字 with no code
 * is kept as `※`, its description shown after it (see `revealGaijiNotes`), with a warning.
 */
import type { Parent, Text } from 'mdast';
import type { Extension } from 'mdast-util-from-markdown';
import { recordSyntaxProblem } from '../../syntax-problems.ts';
import { pointOf, positionOfToken } from '../../text/points.ts';
import { appendSubstitution } from '../../text/substitutions.ts';
import { readGaiji } from './describe.ts';

/** From-markdown extension: `※［＃…］` to the character it names. */
export function gaijiFromMarkdown(): Extension {
  return {
    exit: {
      aozoraGaiji(token) {
        const written = this.sliceSerialize(token);
        const gaiji = readGaiji(written.slice(3, -1));
        const parent = this.stack.at(-1) as Parent;
        let tail = parent.children.at(-1);
        if (tail?.type !== 'text') {
          tail = { type: 'text', value: '', position: positionOfToken(token) } satisfies Text;
          parent.children.push(tail);
        }
        if (gaiji.char) appendSubstitution(tail, gaiji.char, written.length);
        else appendSubstitution(tail, '※', written.length, gaiji.description);
        tail.position!.end = pointOf(token.end);
        if (!gaiji.char)
          recordSyntaxProblem(this, {
            reason: gaiji.code
              ? `外字 ${written} names ${gaiji.code}, which is no character; it is printed as ※ with its description (外字の番号が文字を指していません)`
              : `外字 ${written} has no JIS X 0213 or Unicode code; it is printed as ※ with its description (外字に文字コードがありません)`,
            ruleId: 'aozora-gaiji-uncoded',
            place: positionOfToken(token),
          });
      },
    },
  };
}
