/**
 * A smaller sample of random manuscripts built into whole EPUBs through the real command (in-process)
 * and checked by EPUBCheck, which is slow: several chapters per book, a few books, all checked with
 * one Java start. Random punctuation makes some chapters notation mistakes that stop a build (a `**`
 * with no partner, a `《` left open: scripts/markdown/notation-rules.ts); the books are made of the
 * chapters that have none, which the command must then build.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EpubcheckResult } from '../helpers/epub.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import { chapter, type Piece } from './generate.ts';

const seed = Number(process.env.FC_SEED ?? 20261123);

/** The first `chaptersPerBook` of the pieces that the book's Markdown reads without a notation error. */
async function withoutNotationErrors(pieces: Piece[], options: object): Promise<Piece[]> {
  const processor = createMarkdownProcessor(v.parse(MarkdownSchema, options));
  const kept: Piece[] = [];
  for (const piece of pieces) {
    const file = new VFile({ value: piece.md, path: 'random.md', data: { chapterId: 'ch-1' } });
    await processor.toHast(file);
    if (!file.messages.some((message) => message.fatal)) kept.push(piece);
  }
  expect(kept.length).toBeGreaterThanOrEqual(chaptersPerBook);
  return kept.slice(0, chaptersPerBook);
}
const books = 3;
const chaptersPerBook = 15;

/** Each book's build and, when it built, EPUBCheck's findings. */
const built: { code: number | null; stderr: string; check?: EpubcheckResult }[] = [];

beforeAll(async () => {
  const paths: string[] = [];
  for (let index = 0; index < books; index++) {
    const samples = await withoutNotationErrors(
      fc.sample(chapter, { seed: seed + index, numRuns: chaptersPerBook * 2 }),
      { paragraphPerLine: index === 1 },
    );
    const files = Object.fromEntries(samples.map((piece, n) => [`${String(n + 1).padStart(2, '0')}.md`, piece.md]));
    const root = await makeManuscript({
      'book.yaml': `title: 無作為の本${index}\nmarkdown:\n  paragraphPerLine: ${index === 1}\n`,
      ...files,
    });
    const out = join(root, 'out');
    const result = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', out]);
    built.push({ code: result.code, stderr: result.stderr });
    if (result.code === 0) paths.push(join(out, (await readdir(out))[0]!));
  }
  const checks = await epubcheckAll(paths);
  for (const book of built) if (book.code === 0) book.check = checks.shift();
}, 600_000);

describe('random manuscripts as EPUB', () => {
  it.each(Array.from({ length: books }, (_, index) => [index]))(
    `book %i (${chaptersPerBook} random chapters) passes EPUBCheck`,
    (index) => {
      const { code, stderr, check } = built[index]!;
      expect(code, stderr).toBe(0);
      expect(check!.messages.filter((message) => message.severity !== 'INFO' && message.severity !== 'USAGE')).toEqual(
        [],
      );
    },
  );
});
