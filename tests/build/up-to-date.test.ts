/**
 * A build with nothing changed finds its output up to date without parsing the book
 * (scripts/build/write.ts `upToDateBeforeParsing`), and says what the last build said; anything
 * the output depends on — a chapter, an image's bytes, where an image's link points, an image
 * gone — makes it parse and build again (or report the problem) as before.
 */
import { rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../scripts/build/context.ts';
import { epubOutput } from '../../scripts/build/epub.ts';
import type { ProgressEvent } from '../../scripts/progress.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const PNG = (grey: number) =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgAB4iG8MwAAAABJRU5ErkJggg==',
    'base64',
  ).map((byte, index) => (index === 0x29 ? grey : byte));

/** Build the EPUB of `root` into `out` as `npm run build:epub` does (not forced); the progress it reported. */
async function build(root: string, out: string) {
  const events: ProgressEvent[] = [];
  const context = createContext({
    manuscript: root,
    signal: new AbortController().signal,
    progress: (e) => events.push(e),
  });
  const result = await epubOutput(context, { outDir: out, force: false, strict: false });
  return { result, parsed: events.some((event) => event.kind === 'parsing') };
}

describe('an output with nothing changed', () => {
  it('is found up to date without parsing the book, and rebuilt when an input changes', async () => {
    const root = await makeManuscript({
      // No identifier: the build warns, and the reused output must say so again.
      'book.yaml': 'title: 変わらず\nfilename: book\n',
      '01.md': '# 一\n\n![図](images/fig.png)\n\n本文。\n',
      'images/a.png': PNG(1),
      'images/b.png': PNG(2),
    });
    const out = join(root, 'out');
    await symlink('a.png', join(root, 'images/fig.png'));

    const first = await build(root, out);
    expect(first.parsed).toBe(true);
    expect(first.result.file.reused).toBe(false);
    expect(first.result.warnings.length).toBeGreaterThan(0);

    const again = await build(root, out);
    expect(again.parsed).toBe(false);
    const { file, facts, warnings } = first.result;
    expect(again.result).toEqual({ file: { ...file, reused: true }, facts, warnings });

    // The link now points at another picture: the same reference, other bytes.
    await unlink(join(root, 'images/fig.png'));
    await symlink('b.png', join(root, 'images/fig.png'));
    const relinked = await build(root, out);
    expect(relinked).toMatchObject({ result: { file: { reused: false } }, parsed: true });
    expect((await build(root, out)).parsed).toBe(false);

    await writeFile(join(root, 'images/b.png'), PNG(3));
    expect(await build(root, out)).toMatchObject({ result: { file: { reused: false } }, parsed: true });

    await writeFile(join(root, '01.md'), '# 一\n\n![図](images/fig.png)\n\n本文を直した。\n');
    expect(await build(root, out)).toMatchObject({ result: { file: { reused: false } }, parsed: true });

    // An image gone: parsed again, and reported as the build always reported it.
    await rm(join(root, 'images/b.png'));
    await expect(build(root, out)).rejects.toMatchObject({
      errors: [expect.objectContaining({ ruleId: 'image-missing', file: join(root, '01.md'), line: 3 })],
    });
  });

  it('is built again when the output file was changed or removed', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 消えた本\nfilename: book\n',
      '01.md': '# 一\n\n本文。\n',
    });
    const out = join(root, 'out');
    await build(root, out);
    await writeFile(join(out, 'book.epub'), 'not an EPUB');
    expect(await build(root, out)).toMatchObject({ result: { file: { reused: false } }, parsed: true });
    await rm(join(out, 'book.epub'));
    expect(await build(root, out)).toMatchObject({ result: { file: { reused: false } }, parsed: true });
    expect((await build(root, out)).parsed).toBe(false);
  });
});
