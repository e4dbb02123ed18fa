/**
 * A smaller sample of random manuscripts built into whole EPUBs through the real command and
 * checked by EPUBCheck, which is slow: several chapters per book, a few books.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../helpers/cli.ts';
import { epubcheck } from '../helpers/epub.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { chapter } from './generate.ts';

const seed = Number(process.env.FC_SEED ?? 20261123);
const books = 3;
const chaptersPerBook = 15;

describe('random manuscripts as EPUB', () => {
  it.each(Array.from({ length: books }, (_, index) => [index]))(
    `book %i (${chaptersPerBook} random chapters) passes EPUBCheck`,
    async (index) => {
      const samples = fc.sample(chapter, { seed: seed + index, numRuns: chaptersPerBook });
      const files = Object.fromEntries(samples.map((piece, n) => [`${String(n + 1).padStart(2, '0')}.md`, piece.md]));
      const root = await makeManuscript({
        'book.yaml': `title: 無作為の本${index}\nmarkdown:\n  paragraphPerLine: ${index === 1}\n`,
        ...files,
      });
      const out = join(root, 'out');
      const result = await runBuild('epub', ['--manuscript', root, '--out-dir', out]);
      expect(result.code, result.stderr).toBe(0);
      const [name] = await readdir(out);
      const check = await epubcheck(join(out, name!));
      expect(check.messages.filter((message) => message.severity !== 'INFO' && message.severity !== 'USAGE')).toEqual(
        [],
      );
    },
  );
});
