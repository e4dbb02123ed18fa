/**
 * Progress on the terminal: on a TTY one line rewritten in place ("parsing chapters 12/30"),
 * elsewhere (CI logs, pipes) plain lines, with counted steps shown at each quarter.
 */
import type { Progress } from '../progress.ts';
import type { TextSink } from './io.ts';

/** A reporter writing to `stream`, and a function that clears its line before other output. */
export function createReporter(stream: TextSink, quiet: boolean): { progress: Progress; clear(): void } {
  if (quiet) return { progress: () => undefined, clear: () => undefined };
  let live = false;
  const clear = () => {
    if (live) stream.write('\r\x1b[K');
    live = false;
  };
  if (stream.isTTY) {
    return {
      clear,
      progress: (message, step) => {
        clear();
        if (step && step.done < step.total) {
          stream.write(`${message} ${step.done}/${step.total}`);
          live = true;
        } else {
          stream.write(`${message}${step ? ` ${step.total}/${step.total}` : ''}\n`);
        }
      },
    };
  }
  let lastQuarter = -1;
  return {
    clear,
    progress: (message, step) => {
      if (!step) {
        stream.write(`${message}\n`);
        return;
      }
      const quarter = Math.floor((4 * step.done) / step.total);
      if (step.done === 1) lastQuarter = -1;
      if (quarter !== lastQuarter && (quarter > 0 || step.total <= 4)) {
        lastQuarter = quarter;
        stream.write(`${message} ${step.done}/${step.total}\n`);
      }
    },
  };
}
