/**
 * A long book is rendered in parts side by side; the result must be the book a single rendering
 * gives: same pages, same text on every page, same bookmarks, same 目次 numbers and links.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { expect, it } from 'vitest';
import { generateBook } from '../../scripts/bench/generate-book.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { pageWords, pdfStructure } from '../helpers/pdf.ts';

const shared = shareBrowser();

it('renders a book in three parts exactly as in one', async () => {
  const work = await mkdtemp(join(tmpdir(), 'parts-'));
  const manuscript = join(work, 'book');
  await generateBook(manuscript, { chapters: 7, characters: 30_000, seed: 3 });
  await writeFile(join(manuscript, 'book.yaml'), 'title: 分割\nfilename: book\nprint:\n  chapterStart: recto\n');
  // A link across parts: the last chapter points back at the first.
  await writeFile(
    join(manuscript, '07.md'),
    `${await readFile(join(manuscript, '07.md'), 'utf8')}\n[第一章へ](01.md)\n`,
  );
  const build = async (parts: number) => {
    const out = join(work, `out-${parts}`);
    const result = await shared.run('build-pdf', ['--manuscript', manuscript, '--out-dir', out], {
      TATEGAKI_PDF_PARTS: String(parts),
    });
    expect(result.code, result.stderr).toBe(0);
    return join(out, 'book.pdf');
  };
  const [one, three] = [await build(1), await build(3)];
  const [a, b] = [await pdfStructure(one), await pdfStructure(three)];
  expect(b.pageCount).toBe(a.pageCount);
  expect(b.outline).toEqual(a.outline);
  const glyphs = (page: { words: { text: string }[] }) =>
    page.words
      .map((word) => word.text)
      .join('')
      .split('')
      .sort()
      .join('');
  const [pagesA, pagesB] = [await pageWords(one), await pageWords(three)];
  pagesA.forEach((page, index) => expect(glyphs(pagesB[index]!), `page ${index + 1}`).toBe(glyphs(page)));

  // Every link of the merged book leads to a destination that exists, on the page it should.
  const pdf = await PDFDocument.load(await readFile(three));
  const dests = pdf.catalog.lookup(PDFName.of('Dests'), PDFDict);
  const pageOf = new Map(pdf.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  let links = 0;
  for (const page of pdf.getPages()) {
    const annotations = page.node.lookup(PDFName.of('Annots'));
    if (!(annotations instanceof PDFArray)) continue;
    for (const ref of annotations.asArray()) {
      const dest = pdf.context.lookup(ref, PDFDict).lookup(PDFName.of('Dest'));
      if (!(dest instanceof PDFName)) continue;
      const target = dests.lookup(dest, PDFArray);
      expect(pageOf.get(target.get(0).toString()), dest.toString()).toBeGreaterThan(0);
      links++;
    }
  }
  expect(links).toBeGreaterThanOrEqual(a.outline.length + 1);
});
