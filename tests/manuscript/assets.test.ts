/**
 * Images, the cover and the print fonts are found and checked once, when the book loads: every
 * problem is reported in one run, each at its place, and the outputs use what was resolved.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBook } from '../../scripts/book.ts';
import { BuildError, BuildErrors, eachError } from '../../scripts/errors.ts';
import { pointImages } from '../../scripts/layout/images.ts';
import { bookInputFiles } from '../../scripts/output/up-to-date.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { png } from '../helpers/images.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Two chapters, each with one good image and one bad one, on different lines. */
async function twoBadImages(extraYaml = ''): Promise<string> {
  const root = await makeManuscript({
    'book.yaml': `title: 試験の本\n${extraYaml}`,
    '1.md': '# 第一章\n\n![良い](images/good.png)\n\n本文。\n\n![ない](images/none.png)\n',
    '2.md': '# 第二章\n\n本文。\n\n  ![偽物](images/fake.png)\n\n![良い](images/good.png)\n',
    'images/good.png': png(2, 2, 1, () => [128]),
    'images/fake.png': 'not an image at all',
  });
  roots.push(root);
  return root;
}

describe('assets resolved when the book loads', () => {
  it('reports every bad image, cover and font together, each at its place', async () => {
    const root = await twoBadImages('cover: images/cover.png\nprint:\n  bodyFont: fonts/none.otf\n');
    const error: unknown = await loadBook(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildErrors);
    const places = eachError(error as BuildError).map(({ file, line, column, ruleId }) => ({
      file: file?.slice(root.length + 1),
      line,
      column,
      ruleId,
    }));
    expect(places).toEqual([
      { file: '1.md', line: 7, column: 1, ruleId: 'image-missing' },
      { file: '2.md', line: 5, column: 3, ruleId: 'image-invalid' },
      { file: 'book.yaml', line: 2, column: 8, ruleId: 'image-missing' },
      { file: 'book.yaml', line: 4, column: 13, ruleId: 'font-missing' },
    ]);
  });

  it('names the nearest image file for a missing one: a typo away, or the same name in another folder', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 試験の本\ncover: cover.png\n',
      '1.md': '# 章\n\n![灯台](images/lighthose.png)\n\n![海](images/umi.png)\n',
      'images/lighthouse.png': png(2, 2, 1, () => [128]),
      'images/cover.png': png(2, 2, 1, () => [128]),
      'node_modules/x/images/umi.png': png(2, 2, 1, () => [128]),
    });
    roots.push(root);
    const error = (await loadBook(root).catch((caught: unknown) => caught)) as BuildError;
    expect(eachError(error).map(({ message, hint }) => [message, hint])).toEqual([
      [
        'image not found: images/lighthose.png (did you mean "images/lighthouse.png"?)',
        'the nearest image in the manuscript folder is images/lighthouse.png: correct the reference, or rename the file',
      ],
      // Nothing near: node_modules is not the manuscript's.
      ['image not found: images/umi.png', 'check the file name and that the file is inside the manuscript folder'],
      [
        'image not found: cover.png (did you mean "images/cover.png"?)',
        'the nearest image in the manuscript folder is images/cover.png: correct the reference, or rename the file',
      ],
    ]);
  });

  it('gives the outputs the checked files: every reference of the chapters, once each', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 試験の本\n',
      '1.md': '# 章\n\n![一](images/good.png)\n\n![二](images/good.png)\n',
      'images/good.png': png(2, 2, 1, () => [128]),
    });
    roots.push(root);
    const book = await loadBook(root);
    expect([...book.assets.images.entries()].map(([reference, file]) => [reference, file.mediaType])).toEqual([
      ['images/good.png', 'image/png'],
    ]);
    const nodes = structuredClone(book.chapters[0]!.tree.children);
    expect(pointImages(nodes as never, book.assets)).toBe(2);
    const sources: string[] = [];
    JSON.stringify(nodes, (key, value: unknown) => {
      if (key === 'src' && typeof value === 'string') sources.push(value);
      return value;
    });
    expect(sources.map((src) => fileURLToPath(src))).toEqual([
      join(root, 'images/good.png'),
      join(root, 'images/good.png'),
    ]);
  });

  it('counts the files loadBook found as the inputs of the up-to-date check', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 試験の本\ncover: images/表紙.png\n',
      '1.md': '# 章\n\n![空白のある名前](images/a%20b.png)\n',
      'images/a b.png': png(2, 2, 1, () => [128]),
      'images/表紙.png': png(2, 2, 1, () => [64]),
    });
    roots.push(root);
    const book = await loadBook(root);
    expect(bookInputFiles(book)).toEqual(
      [join(root, '1.md'), join(root, 'book.yaml'), join(root, 'images/a b.png'), join(root, 'images/表紙.png')].sort(),
    );
  });

  it('hands the problems to a caller that asks for them (the preview) instead of stopping', async () => {
    const root = await twoBadImages();
    const assetProblems: BuildError[] = [];
    const book = await loadBook(root, undefined, { assetProblems });
    expect(book.chapters).toHaveLength(2);
    expect(assetProblems.map((problem) => problem.ruleId)).toEqual(['image-missing', 'image-invalid']);
  });

  for (const target of ['epub', 'pdf'] as const) {
    it(`build:${target} prints both bad images of two chapters as file:line:column, exits 1 and writes nothing`, async () => {
      const root = await twoBadImages();
      const outDir = join(root, 'out');
      await mkdir(outDir);
      await writeFile(join(outDir, 'earlier.txt'), 'kept');
      const result = await runInProcess(`build-${target}`, ['--manuscript', root, '--out-dir', outDir]);
      expect(result.code).toBe(1);
      const errors = result.stderr.split('\n').filter((line) => line.includes(': error: '));
      expect(errors).toEqual([
        `${join(root, '1.md')}:7:1: error: image not found: images/none.png`,
        `${join(root, '2.md')}:5:3: error: "images/fake.png" is not an image (画像ファイルではありません)`,
      ]);
      expect(await readdir(outDir)).toEqual(['earlier.txt']);
    });
  }

  it('build:all prints both bad images of the book and lists both in its report', async () => {
    const root = await twoBadImages();
    const result = await runInProcess('build-all', [
      '--books',
      root,
      '--out-dir',
      join(root, 'out'),
      '--report',
      join(root, 'out/report.json'),
    ]);
    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((line) => line.includes(': error: '));
    expect(errors).toEqual([
      `${join(root, '1.md')}:7:1: error: image not found: images/none.png`,
      `${join(root, '2.md')}:5:3: error: "images/fake.png" is not an image (画像ファイルではありません)`,
    ]);
    const report = JSON.parse(await readFile(join(root, 'out/report.json'), 'utf8')) as {
      books: { error?: { file?: string }; moreErrors?: { file?: string }[] }[];
    };
    expect(report.books.map((book) => [book.error?.file, ...(book.moreErrors ?? []).map((more) => more.file)])).toEqual([
      [join(root, '1.md'), join(root, '2.md')],
    ]);
  });
});
