/** The spine width formula and the paper table, without building anything. */
import { describe, expect, it } from 'vitest';
import { defaultPaper, findPaper, paperNames, PAPERS } from '../../scripts/config/papers.ts';
import { spineWidth } from '../../scripts/cover/spine.ts';

const paper = (name: string) => {
  const found = findPaper(name);
  if (!found) throw new Error(`no paper ${name}`);
  return found;
};

describe('spine width', () => {
  it('is pages ÷ 2 × the sheet thickness + the allowance for a Japanese paper', () => {
    expect(spineWidth(240, paper('上質70kg'), 0).width).toBeCloseTo(12, 10);
    expect(spineWidth(240, paper('上質90kg'), 0).width).toBeCloseTo(14.4, 10);
    expect(spineWidth(240, paper('上質110kg'), 0.5).width).toBeCloseTo(17.3, 10);
    expect(spineWidth(100, paper('淡クリームキンマリ'), 1).width).toBeCloseTo(6, 10);
  });

  it('is pages × inches per page for KDP, in millimetres', () => {
    expect(spineWidth(200, paper('kdp-white'), 0).width).toBeCloseTo(200 * 0.002252 * 25.4, 10);
    expect(spineWidth(300, paper('kdp-cream'), 0).width).toBeCloseTo(19.05, 10);
  });

  it('counts an odd last page as a whole leaf, and says so', () => {
    const spine = spineWidth(13, paper('上質70kg'), 0);
    expect(spine.pages).toBe(14);
    expect(spine.width).toBeCloseTo(0.7, 10);
    expect(spine.formula).toContain('13 pages made even');
  });

  it('writes the computation out for the summary', () => {
    expect(spineWidth(240, paper('上質90kg'), 0.5).formula).toBe(
      '240 pages ÷ 2 × 0.12 mm per sheet (上質90kg) + 0.5 mm allowance = 14.90 mm',
    );
    expect(spineWidth(300, paper('kdp-cream'), 0).formula).toBe(
      '300 pages × 0.0025 in per page (kdp-cream) × 25.4 = 19.05 mm',
    );
  });

  it('grows linearly with the page count', () => {
    const white = paper('kdp-white');
    const widths = [100, 200, 400].map((pages) => spineWidth(pages, white, 0).width);
    expect(widths[1]! / widths[0]!).toBeCloseTo(2, 10);
    expect(widths[2]! / widths[0]!).toBeCloseTo(4, 10);
  });
});

describe('paper table', () => {
  it('finds papers however the name is spaced, in full-width or in another case', () => {
    expect(findPaper('上質 70 kg')?.name).toBe('上質70kg');
    expect(findPaper('上質７０ｋｇ')?.name).toBe('上質70kg');
    expect(findPaper('上質紙90kg')?.name).toBe('上質90kg');
    expect(findPaper('KDP-Cream')?.name).toBe('kdp-cream');
    expect(findPaper('コート紙')).toBeUndefined();
  });

  it('gives every paper exactly one thickness, and each profile a default', () => {
    for (const row of PAPERS)
      expect([row.mmPerSheet, row.inchesPerPage].filter((v) => v !== undefined)).toHaveLength(1);
    expect(defaultPaper('print-shop').name).toBe('上質70kg');
    expect(defaultPaper('kdp').name).toBe('kdp-white');
    expect(paperNames('kdp').every((name) => name.startsWith('kdp-'))).toBe(true);
  });
});
