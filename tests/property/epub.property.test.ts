/**
 * A smaller sample of random manuscripts built into whole EPUBs through the real command (in-process)
 * and checked by EPUBCheck, which is slow: several chapters per book, a few books, all checked with
 * one Java start.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EpubcheckResult } from '../helpers/epub.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { chapter } from './generate.ts';

const seed = Number(process.env.FC_SEED ?? 20261123);
const books = 3;
const chaptersPerBook = 15;

/** Each book's build and, when it built, EPUBCheck's findings. */
const built: { code: number | null; stderr: string; check?: EpubcheckResult }[] = [];

beforeAll(async () => {
  const paths: string[] = [];
  for (let index = 0; index < books; index++) {
    const samples = fc.sample(chapter, { seed: seed + index, numRuns: chaptersPerBook });
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
