/** mdast-util-from-markdown extension for 青空文庫 annotations: tokens to `aozoraAnnotation` nodes. */
import type { Extension } from 'mdast-util-from-markdown';
import { recordSyntaxProblem } from '../syntax-problems.ts';
import { positionOfToken } from '../text/points.ts';
import type { AozoraAnnotation } from './types.ts';

/** From-markdown extension: `［＃…］` to `aozoraAnnotation` nodes. */
export function aozoraFromMarkdown(): Extension {
  return {
    enter: {
      aozoraAnnotation(token) {
        this.enter({ type: 'aozoraAnnotation', value: '' }, token);
      },
      aozoraAnnotationUnclosed(token) {
        this.config.enter.data!.call(this, token);
      },
    },
    exit: {
      aozoraAnnotationValue(token) {
        (this.stack.at(-1) as AozoraAnnotation).value = this.sliceSerialize(token);
      },
      aozoraAnnotation(token) {
        this.exit(token);
      },
      aozoraAnnotationUnclosed(token) {
        this.config.exit.data!.call(this, token);
        recordSyntaxProblem(this, {
          reason: '青空文庫 annotation is not closed: `［＃` without `］` on the same line (注記が閉じていません)',
          ruleId: 'aozora-bracket-unclosed',
          place: positionOfToken(token),
        });
      },
    },
  };
}
