/**
 * The tests' one-process EPUBCheck (tests/helpers/epubcheck-batch.ts) finds what the product's
 * runner (`npm run epubcheck`, scripts/check/epubcheck.ts) finds, book by book and in order, so
 * the tests that use it to save Java starts check exactly as before.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { epubcheck } from '../../scripts/check/epubcheck.ts';
import { epubcheckAll } from '../helpers/epubcheck-batch.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

it('reports the same findings as the product’s runner, for each book in order, identical books included', async () => {
  const root = await makeManuscript({ 'book.yaml': 'title: 検査\nfilename: book\n', '01.md': '# 一\n\n本文。\n' });
  const result = await runInProcess('build-epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
  expect(result.code, result.stderr).toBe(0);
  const good = join(root, 'out', 'book.epub');
  // A broken copy: the package names a document the container no longer holds.
  const zip = await JSZip.loadAsync(await readFile(good));
  const [document] = Object.keys(zip.files).filter((name) => name.endsWith('p-001.xhtml'));
  zip.remove(document!);
  const broken = join(root, 'broken.epub');
  await writeFile(broken, await zip.generateAsync({ type: 'nodebuffer' }));
  const again = join(root, 'again.epub');
  await writeFile(again, await readFile(good));

  const batch = await epubcheckAll([broken, good, again]);
  const single = await epubcheck(broken);
  expect(single.errors).toBeGreaterThan(0);
  expect(batch[0]).toEqual(single);
  expect(batch[1]).toMatchObject({ errors: 0, warnings: 0, fatals: 0 });
  expect(batch[2]).toEqual(batch[1]);
});
