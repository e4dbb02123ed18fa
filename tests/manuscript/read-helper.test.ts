/**
 * A long one-file book read with a second thread (scripts/manuscript/read-pool.ts): the chapters,
 * their trees with every position, their headings and every message (with its rule, severity
 * and hint) are those of reading the file whole on one thread; the thread really read pieces;
 * and a thread that fails leaves its pieces to the main thread, with the same result. A folder of
 * many chapter files: the thread reads files whole from the last, never one the main thread has
 * reached, and the book is the one a single thread reads.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainMessages } from '../helpers/messages.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { bookWarnings, loadBook, readingThreadWanted } from '../../scripts/book.ts';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { ReadHelper, readFromTheBack } from '../../scripts/manuscript/read-pool.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import { cutAtHeadings } from '../../scripts/markdown/source-cuts.ts';
import type { PieceHelper, PieceTask } from '../../scripts/markdown/read-in-pieces.ts';
import { cuttableBook } from '../property/generate.ts';

const options = v.parse(MarkdownSchema, {});
const processor = createMarkdownProcessor(options, { smallestPiece: 4096 });
const whole = createMarkdownProcessor(options, { whole: true });
const helper = new ReadHelper(options);
afterAll(() => helper.close());

/** Random chapters, with stray marks that are reported, until the book is well over the size that gets a thread. */
const book = fc
  .sample(cuttableBook, { seed: 20261206, numRuns: 900 })
  // A note that may be defined nowhere, and a link definition in a quotation or on a paragraph's
  // next line, make the file be read whole (source-cuts.ts); notes and links defined in other
  // chapters are read in pieces.
  .filter((chapter) => !chapter.includes('[^遠]') && !/(> |。\n)\[先/.test(chapter))
  .map((chapter) => `# 章\n\n${chapter}\n\n本文に閉じない｜ルビ《るび\n\n**閉じない強調`)
  .join('\n\n');

async function read(helperToUse?: PieceHelper) {
  const file = new VFile({ value: book, path: 'novel.md', data: { frontMatterIsMetadata: true } });
  const reader = helperToUse ? processor : whole;
  const chapters = await reader.toChapters(
    file,
    1,
    (index) => `ch-${index + 1}`,
    helperToUse ? { helper: helperToUse } : undefined,
  );
  return { chapters, messages: plainMessages(file) };
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
    expect(cutAtHeadings(book, 4096).length).toBeGreaterThan(10);
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

describe('a folder of many chapter files read with a second thread', () => {
  it('gives the book one thread reads: chapters, trees, headings and warnings', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'many-files-'));
    await mkdir(join(folder, 'chapters'));
    await writeFile(join(folder, 'book.yaml'), 'title: 多くの章\nauthor: 作者\nlang: ja\n');
    const samples = fc.sample(cuttableBook, { seed: 7, numRuns: 400 });
    const files = Array.from({ length: 100 }, (_, index) => samples.slice(index * 4, index * 4 + 4).join('\n\n'));
    // Enough Markdown for a second thread (scripts/book.ts starts one from 256 KB).
    expect(files.join('').length).toBeGreaterThan(256 * 1024);
    for (const [index, text] of files.entries())
      await writeFile(join(folder, `${String(index).padStart(3, '0')}.md`), `# 第${index}章\n\n${text}\n\n｜閉じない《るび\n`);
    const summary = async (readingThread: boolean) => {
      const book = await loadBook(folder, undefined, { readingThread, notationProblems: [] });
      return {
        chapters: book.chapters.map(({ id, title, tree, headings, file }) => ({ id, title, tree, headings, path: file.path })),
        warnings: bookWarnings(book),
      };
    };
    const alone = await summary(false);
    expect(alone.chapters.length).toBeGreaterThan(100);
    expect(await summary(true)).toEqual(alone);
  });

  it('claims files from the last, two at a time, never one the main thread has reached', async () => {
    const files = Array.from({ length: 8 }, (_, index) => new VFile({ value: `# ${index}`, path: `${index}.md` }));
    const asked: string[] = [];
    const answers: (() => void)[] = [];
    const slow: PieceHelper = {
      read(task) {
        asked.push(task.path);
        return new Promise((resolve) => answers.push(() => resolve(undefined)));
      },
    };
    let reached = 0;
    const claimed = readFromTheBack(files, slow, (file) => file.path !== '6.md', () => reached);
    expect(asked).toEqual(['7.md', '5.md']);
    // An answer makes room for the next file, while the main thread is still far before it.
    answers.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(['7.md', '5.md', '4.md']);
    // Once the main thread is on the file just before, nothing more is claimed.
    reached = 3;
    answers.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(['7.md', '5.md', '4.md']);
    expect([...claimed.keys()]).toEqual([7, 5, 4]);
  });
});

describe('when a second reading thread starts', () => {
  it('starts by default only with a core of its own, when asked on two cores, and never on one', () => {
    expect(readingThreadWanted(undefined, 2)).toBe(false);
    expect(readingThreadWanted(undefined, 3)).toBe(true);
    expect(readingThreadWanted(undefined, 8)).toBe(true);
    expect(readingThreadWanted(true, 2)).toBe(true);
    expect(readingThreadWanted(true, 1)).toBe(false);
    expect(readingThreadWanted(false, 8)).toBe(false);
  });
});
