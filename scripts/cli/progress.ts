/**
 * Progress on the terminal, worded here from what the build says it is doing: on a TTY one line
 * rewritten in place ("parsing chapters 12/30"), elsewhere (CI logs, pipes) plain lines, with
 * counted steps shown at each quarter.
 */
import type { Progress, ProgressEvent, Step } from '../progress.ts';
import type { TextSink } from './io.ts';
import { displayFile } from './report.ts';

/** A progress line in words, and how far its counted step has gone. */
interface Line {
  message: string;
  step?: Step;
}

/** What a build is doing, in the words the terminal shows. */
function progressLine(event: ProgressEvent): Line {
  switch (event.kind) {
    case 'reading':
      return { message: `reading ${displayFile(event.path)}` };
    case 'parsing':
      return { message: 'parsing chapters', step: event.step };
    case 'linting':
      return { message: 'linting chapters', step: event.step };
    case 'building':
      if (event.output === 'epub') return { message: `building EPUB from ${event.chapters} chapter(s)` };
      if (event.output === 'pdf')
        return { message: `building PDF (${event.profile}) from ${event.chapters} chapter(s)` };
      return { message: `building the cover (${event.profile}) for ${event.pages} pages` };
    case 'stage':
      return { message: event.message, step: event.step };
  }
}

/** Where a command's progress goes. */
export interface Reporter {
  /** Show what the build says it is doing. */
  progress: Progress;
  /** Show a line of the command's own, among the progress lines (and, like them, not when quiet). */
  say(message: string): void;
  /** Clear a line being rewritten, before other output. */
  clear(): void;
}

/** A reporter writing to `stream`; a quiet one shows nothing. */
export function createReporter(stream: TextSink, quiet: boolean): Reporter {
  if (quiet) return { progress: () => undefined, say: () => undefined, clear: () => undefined };
  const show = stream.isTTY ? onTerminal(stream) : inLog(stream);
  return {
    progress: (event) => show.line(progressLine(event)),
    say: (message) => show.line({ message }),
    clear: show.clear,
  };
}

/** One line rewritten in place while a step counts up. */
function onTerminal(stream: TextSink): { line(line: Line): void; clear(): void } {
  let live = false;
  const clear = () => {
    if (live) stream.write('\r\x1b[K');
    live = false;
  };
  return {
    clear,
    line: ({ message, step }) => {
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

/** Plain lines; a counted step only at each quarter. */
function inLog(stream: TextSink): { line(line: Line): void; clear(): void } {
  let lastQuarter = -1;
  return {
    clear: () => undefined,
    line: ({ message, step }) => {
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
