import { describe, expect, it } from 'vitest';
import { createReporter } from '../../scripts/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe('progress reporter', () => {
  it('rewrites one line on a terminal and ends it when the count completes', () => {
    const { written, stream } = fakeStream(true);
    const { progress } = createReporter(stream, false);
    for (let done = 1; done <= 3; done++) progress('parsing chapters', { done, total: 3 });
    progress('laying out');
    expect(written.join('')).toBe(
      'parsing chapters 1/3\r\x1b[Kparsing chapters 2/3\r\x1b[Kparsing chapters 3/3\nlaying out\n',
    );
  });

  it('prints plain lines at each quarter in a log', () => {
    const { written, stream } = fakeStream(false);
    const { progress } = createReporter(stream, false);
    for (let done = 1; done <= 30; done++) progress('parsing chapters', { done, total: 30 });
    expect(written).toEqual([
      'parsing chapters 8/30\n',
      'parsing chapters 15/30\n',
      'parsing chapters 23/30\n',
      'parsing chapters 30/30\n',
    ]);
  });

  it('prints nothing when quiet', () => {
    const { written, stream } = fakeStream(true);
    createReporter(stream, true).progress('x', { done: 1, total: 2 });
    expect(written).toEqual([]);
  });
});
