/** mdast-util-from-markdown extension for 傍点: `bouten` tokens to `bouten` nodes. */
import type { Parent } from 'mdast';
import type { Extension } from 'mdast-util-from-markdown';
import { recordSyntaxProblem } from '../syntax-problems.ts';
import { positionOfToken } from '../text/points.ts';

/** From-markdown extension: `《《傍点》》` to `bouten` nodes. */
export function boutenFromMarkdown(): Extension {
  return {
    enter: {
      bouten(token) {
        this.enter({ type: 'bouten', children: [] }, token);
      },
      boutenUnclosed(token) {
        this.config.enter.data!.call(this, token);
      },
    },
    exit: {
      bouten(token) {
        this.exit(token);
        if (!token._boutenEmpty) return;
        // `《《》》` marks nothing: it stays as the author wrote it.
        const parent = this.stack.at(-1) as Parent;
        parent.children.splice(-1, 1, {
          type: 'text',
          value: this.sliceSerialize(token),
          position: positionOfToken(token),
        });
        recordSyntaxProblem(this, {
          reason: '傍点 text is empty (傍点の文字がありません)',
          ruleId: 'bouten-empty',
          place: positionOfToken(token),
        });
      },
      boutenUnclosed(token) {
        this.config.exit.data!.call(this, token);
        recordSyntaxProblem(this, {
          reason: '傍点 is not closed: `《《` without `》》` on the same line (傍点が閉じていません)',
          ruleId: 'bouten-unclosed',
          place: positionOfToken(token),
        });
      },
    },
  };
}
