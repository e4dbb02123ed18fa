/**
 * A long one-file book read with a second thread (scripts/manuscript/read-pool.ts): the chapters,
 * their trees with every position, their headings and every message (with its rule, severity
 * and hint) are those of reading the file whole on one thread; the thread really read pieces;
 * and a thread that fails leaves its pieces to the main thread, with the same result.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { afterAll, describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { ReadHelper } from '../../scripts/manuscript/read-pool.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import type { PieceHelper, PieceTask } from '../../scripts/markdown/read-in-pieces.ts';
import { cuttableBook } from '../property/generate.ts';

const options = v.parse(MarkdownSchema, {});
const processor = createMarkdownProcessor(options, { smallestPiece: 4096 });
const whole = createMarkdownProcessor(options, { whole: true });
const helper = new ReadHelper(options);
afterAll(() => helper.close());

/** Random chapters, with stray marks that are reported, until the book is well over the size that gets a thread. */
const book = fc
  .sample(cuttableBook, { seed: 20261206, numRuns: 400 })
  .map((chapter) => `# 章\n\n${chapter}\n\n本文に閉じない｜ルビ《るび\n\n**閉じない強調`)
  .join('\n\n');

async function read(helperToUse?: PieceHelper) {
  const file = new VFile({ value: book, path: 'novel.md', data: { frontMatterIsMetadata: true } });
  const reader = helperToUse ? processor : whole;
  const chapters = await reader.toChapters(file, 1, (index) => `ch-${index + 1}`, helperToUse);
  const messages = file.messages.map(({ reason, line, column, place, ruleId, fatal, note, source, file: path }) => ({
    reason,
    line,
    column,
    place,
    ruleId,
    fatal,
    note,
    source,
    path,
  }));
  return { chapters, messages };
}

/** A helper that counts what it was asked, passing it on (or failing every time). */
function counting(inner: PieceHelper | undefined) {
  const asked: PieceTask[] = [];
  return {
    asked,
    read(task: PieceTask) {
      asked.push(task);
      return inner ? inner.read(task) : Promise.reject(new Error('the thread is gone'));
    },
  };
}

describe('a long one-file book read with a second thread', () => {
  it('gives what reading it whole on one thread gives, and the thread read part of it', async () => {
    expect(book.length).toBeGreaterThan(256 * 1024);
    const expected = await read();
    expect(expected.messages.length).toBeGreaterThan(100);
    const thread = counting(helper);
    expect(await read(thread)).toEqual(expected);
    expect(thread.asked.length).toBeGreaterThan(3);
  });

  it('reads on the main thread what a failing thread was asked', async () => {
    const broken = counting(undefined);
    expect(await read(broken)).toEqual(await read());
    expect(broken.asked.length).toBeGreaterThan(0);
  });
});
