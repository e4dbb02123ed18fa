/**
 * The bench's book variants (`print.hanging: false`, `print.color: color`): the setting lands in
 * book.yaml or the front matter, merged into a `print:` block the book already has (appending a
 * second `print:` would make YAML with a duplicate key, which the build rejects), text unchanged.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeVariant } from '../../scripts/bench/variant.ts';

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'variant-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('writeVariant', () => {
  it('merges into the print block of a manuscript folder and copies its chapters', async () => {
    const book = join(work, 'book-0.25');
    await mkdir(book);
    await writeFile(join(book, 'book.yaml'), 'title: 本\nprint:\n  trim: A5\n');
    await writeFile(join(book, '01.md'), '# 一\n\n本文。\n');
    const variant = writeVariant(book, work, 'no-hanging', { hanging: false });
    expect(variant).toEqual({ manuscript: join(work, 'book-0.25-no-hanging'), name: 'book-0.25-no-hanging' });
    expect(parse(await readFile(join(variant.manuscript, 'book.yaml'), 'utf8'))).toEqual({
      title: '本',
      print: { trim: 'A5', hanging: false },
    });
    expect(await readFile(join(variant.manuscript, '01.md'), 'utf8')).toBe('# 一\n\n本文。\n');
    // The original is left as it was.
    expect(await readFile(join(book, 'book.yaml'), 'utf8')).toBe('title: 本\nprint:\n  trim: A5\n');
  });

  it('merges into the front matter of a one-file book and keeps its text', async () => {
    const book = join(work, 'novel-0.5.md');
    await writeFile(book, '---\ntitle: 本\nprint:\n  color: mono\n---\n\n# 一\n\n本文。\n');
    const variant = writeVariant(book, work, 'colour', { color: 'color' });
    expect(variant).toEqual({ manuscript: join(work, 'novel-0.5-colour.md'), name: 'novel-0.5-colour' });
    const text = await readFile(variant.manuscript, 'utf8');
    const [, front, rest] = /^---\n([\s\S]*?)---\n([\s\S]*)$/.exec(text)!;
    expect(parse(front!)).toEqual({ title: '本', print: { color: 'color' } });
    expect(rest).toBe('\n# 一\n\n本文。\n');
  });

  it('refuses a one-file book without front matter', () => {
    const book = join(work, 'plain.md');
    return writeFile(book, '# 一\n').then(() =>
      expect(() => writeVariant(book, work, 'x', {})).toThrow(/front matter/),
    );
  });
});
