/** mdast-util-from-markdown extension for 縦中横: `^12^` to `tcy` nodes. */
import type { Extension } from 'mdast-util-from-markdown';
import type { Tcy } from './types.ts';

/** From-markdown extension: `tcy` tokens to `tcy` nodes. */
export function tcyFromMarkdown(): Extension {
  return {
    enter: {
      tcy(token) {
        this.enter({ type: 'tcy', value: '' }, token);
      },
    },
    exit: {
      tcyValue(token) {
        (this.stack.at(-1) as Tcy).value = this.sliceSerialize(token);
      },
      tcy(token) {
        this.exit(token);
      },
    },
  };
}
