/**
 * Covers built in-process whose checks need no program to read the PDF: the cover image's
 * resolution check and the metadata a cover needs (ISBN, paper, Cコード, price), each reported at
 * its line. The covers' drawing, read back with poppler, qpdf and zbarimg, is in cover.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../scripts/book.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { coverOf, solidPng } from './helpers.ts';

const chapter = { '01.md': '# 第一章\n\n吾輩は猫である。名前はまだ無い。\n' };
const yaml = (lines: string[]) => ({ 'book.yaml': `${lines.join('\n')}\n`, ...chapter });

describe('the cover image', () => {
  it('passes a sharp image without a warning', async () => {
    const cover = await coverOf(
      { 'book.yaml': 'title: 猫\ncover: cover.png\n', 'cover.png': solidPng(1600, 2200), ...chapter },
      { profile: 'print-shop', pages: 200 },
    );
    expect(cover.warnings).toEqual([]);
  });
});

describe('metadata checks', () => {
  const load = async (lines: string[]) => loadBook(await makeManuscript(yaml(lines)));

  it('reports a wrong ISBN check digit at its line', async () => {
    await expect(load(['title: 猫', 'isbn: 978-4-10-101001-5'])).rejects.toMatchObject({
      line: 2,
      message: expect.stringContaining('wrong check digit 5: 978410101001 needs 4'),
    });
  });

  it('reports an unknown paper at its line, listing the known papers', async () => {
    await expect(load(['title: 猫', 'print:', '  cover:', '    paper: コート紙'])).rejects.toMatchObject({
      line: 4,
      message: expect.stringMatching(/unknown paper "コート紙"; known papers: 上質70kg, .*kdp-white/),
    });
  });

  it('reports a paper of the other profile, a Cコード without a price and a malformed Cコード', async () => {
    await expect(
      coverOf(yaml(['title: 猫', 'print:', '  cover:', '    paper: kdp-white']), { profile: 'print-shop', pages: 100 }),
    ).rejects.toMatchObject({ line: 4, message: expect.stringContaining('paper "kdp-white" is KDP\'s') });
    await expect(
      coverOf(yaml(['title: 猫', 'isbn: 978-4-00-000000-0', 'cCode: C0093']), { profile: 'print-shop', pages: 100 }),
    ).rejects.toMatchObject({ line: 3, message: expect.stringContaining('"cCode" needs "price"') });
    await expect(load(['title: 猫', 'cCode: C93'])).rejects.toMatchObject({ line: 2 });
    await expect(load(['title: 猫', 'price: 100000'])).rejects.toMatchObject({ line: 2 });
  });
});
