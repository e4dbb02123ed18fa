import { describe, expect, it } from 'vitest';
import { createReporter } from '../../scripts/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe('progress reporter', () => {
  it('rewrites one line on a terminal and ends it when the count completes', () => {
    const { written, stream } = fakeStream(true);
    const { progress, say } = createReporter(stream, false);
    for (let done = 1; done <= 3; done++) progress({ kind: 'parsing', step: { done, total: 3 } });
    say('laying out');
    expect(written.join('')).toBe(
      'parsing chapters 1/3\r\x1b[Kparsing chapters 2/3\r\x1b[Kparsing chapters 3/3\nlaying out\n',
    );
  });

  it('prints plain lines at each quarter in a log', () => {
    const { written, stream } = fakeStream(false);
    const { progress } = createReporter(stream, false);
    for (let done = 1; done <= 30; done++) progress({ kind: 'parsing', step: { done, total: 30 } });
    expect(written).toEqual([
      'parsing chapters 8/30\n',
      'parsing chapters 15/30\n',
      'parsing chapters 23/30\n',
      'parsing chapters 30/30\n',
    ]);
  });

  it('prints nothing when quiet', () => {
    const { written, stream } = fakeStream(true);
    createReporter(stream, true).progress({ kind: 'linting', step: { done: 1, total: 2 } });
    expect(written).toEqual([]);
  });

  it('words what the build is doing', () => {
    const { written, stream } = fakeStream(false);
    const { progress } = createReporter(stream, false);
    progress({ kind: 'reading', path: '/nowhere/book' });
    progress({ kind: 'building', output: 'pdf', profile: 'kdp', chapters: 3 });
    progress({ kind: 'building', output: 'cover', profile: 'print-shop', pages: 120 });
    progress({ kind: 'stage', message: 'laid out 12 pages' });
    expect(written).toEqual([
      'reading /nowhere/book\n',
      'building PDF (kdp) from 3 chapter(s)\n',
      'building the cover (print-shop) for 120 pages\n',
      'laid out 12 pages\n',
    ]);
  });
});
