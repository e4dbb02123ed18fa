/** What each destination asks of the PDF, resolved from the profile and `print:`, and KDP's margins and page count. */
import { describe, expect, it } from 'vitest';
import { parseBookConfig } from '../../scripts/config/load.ts';
import { resolveGeometry } from '../../scripts/layout/geometry.ts';
import { kdpFinalGeometry, kdpGeometry } from '../../scripts/pdf/press/kdp-margins.ts';
import { checkKdpPageCount, checkKdpType, resolvePress } from '../../scripts/pdf/press/options.ts';
import type { Profile } from '../../scripts/config/schema.ts';

const config = (yaml: string) => parseBookConfig({ text: `title: 本\n${yaml}`, file: 'book.yaml' });
const press = (yaml: string, profile: Profile) => {
  const { config: parsed, locate } = config(yaml);
  return resolvePress(parsed.print, profile, locate);
};

describe('resolvePress', () => {
  it('makes print-shop and kdp one colour, print-shop PDF/X-1a with marks, kdp without links or bookmarks', () => {
    expect(press('', 'screen')).toMatchObject({
      color: 'color',
      pdfx: false,
      marks: false,
      links: true,
      outline: true,
      padTo: 1,
    });
    expect(press('', 'print-shop')).toMatchObject({
      color: 'mono',
      pdfx: true,
      marks: true,
      links: false,
      outline: true,
      padTo: 2,
    });
    expect(press('', 'kdp')).toMatchObject({
      color: 'mono',
      pdfx: false,
      marks: false,
      links: false,
      outline: false,
      padTo: 1,
    });
  });

  it('follows print: color, pdfx, marks, padTo and the hidden-folio presets', () => {
    expect(press('print:\n  color: color\n  pdfx: none\n  marks: false\n', 'print-shop')).toMatchObject({
      color: 'color',
      pdfx: false,
      marks: false,
      links: true,
    });
    expect(press('print:\n  padTo: 16\n  hiddenFolio: gutter-middle\n', 'print-shop')).toMatchObject({
      padTo: 16,
      hiddenFolio: 'gutter-middle',
    });
    expect(press('print:\n  hiddenFolio: true\n', 'screen').hiddenFolio).toBe('gutter-foot');
    expect(press('print:\n  color: mono\n', 'screen')).toMatchObject({ color: 'mono', pdfx: false });
  });

  it('refuses a colour PDF/X-1a, a PDF/X without bleed and hidden folios for KDP, at the line that asks', () => {
    expect(() => press('print:\n  color: color\n  pdfx: x1a\n', 'print-shop')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('PDF/X-1a allows no RGB'),
        line: 4,
        ruleId: 'print-pdfx-color',
      }),
    );
    expect(() => press('print:\n  bleed: 0\n', 'print-shop')).toThrow(
      expect.objectContaining({ line: 3, ruleId: 'print-pdfx-bleed' }),
    );
    expect(() => press('print:\n  hiddenFolio: true\n', 'kdp')).toThrow(
      expect.objectContaining({ line: 3, ruleId: 'kdp-hidden-folio' }),
    );
  });

  it('reports padToMultipleOf4 with the way to write it now', () => {
    expect(() => config('print:\n  padToMultipleOf4: true\n')).toThrow(
      expect.objectContaining({
        message:
          'key "print.padToMultipleOf4": was replaced by padTo: write "padTo: 4" instead (padTo also takes 2, 8 or 16)',
        line: 3,
      }),
    );
    expect(() => config('print:\n  padTo: 3\n')).toThrow(
      expect.objectContaining({ message: 'key "print.padTo": must be 2, 4, 8 or 16' }),
    );
  });
});

describe('KDP rules', () => {
  const geometry = (yaml: string) => {
    const { config: parsed, locate } = config(yaml);
    return { g: resolveGeometry(parsed, 'kdp', locate), locate };
  };

  it("moves the 版面 off KDP's gutter for the final page count without changing its size, and stops at 828 pages", () => {
    // 5 × 8 in with 16 lines: a gutter of about 19.3 mm as laid out, too narrow from 501 pages on for
    // KDP's 0.75 in with the ruby beside the first line (half of 9.5 pt) and 0.5 mm to spare.
    const { g, locate } = geometry('print:\n  format: { width: 5in, height: 8in }\n  linesPerPage: 16\n');
    expect(g.margin.gutter).toBeLessThan(0.75 * 25.4 + 0.5 + (9.5 / 2) * (25.4 / 72));
    const print = { hanging: true };
    const placed = kdpGeometry(g, { ...print, runningHead: 'chapter' }, locate);
    const sides = placed.margin.fore + placed.margin.gutter;
    for (const [pages, inches] of [
      [150, 0.375],
      [300, 0.5],
      [301, 0.625],
      [500, 0.625],
      [501, 0.75],
      [700, 0.75],
    ] as const) {
      const final = kdpFinalGeometry(placed, print, pages, locate);
      // The gutter at least KDP's for the count (the ruby beside the first line comes on top).
      expect(final.margin.gutter, `${pages} pages`).toBeGreaterThanOrEqual(
        inches * 25.4 + 0.5 + (9.5 / 2) * (25.4 / 72),
      );
      expect(final.margin.fore, `${pages} pages`).toBeGreaterThanOrEqual(0.375 * 25.4 + 0.5);
      // The 版面 keeps its width: the pagination the layout made stays.
      expect(final.margin.fore + final.margin.gutter).toBeCloseTo(sides, 6);
      expect(final.margin.top).toBe(placed.margin.top);
    }
    // From 701 pages the gutter is 0.875 in: 16 lines no longer fit, and the error says so at their line.
    expect(() => kdpFinalGeometry(placed, print, 701, locate)).toThrow(
      expect.objectContaining({ ruleId: 'kdp-margins', line: 4, hint: expect.stringMatching(/^1 line fewer/) }),
    );
    expect(() => checkKdpPageCount(placed, 828, locate)).not.toThrow();
    expect(() => checkKdpPageCount(placed, 829, locate)).toThrow(expect.objectContaining({ ruleId: 'kdp-page-count' }));
  });

  it('says by how much a 版面 is too wide for KDP at the setting that makes it so, with the lines to drop', () => {
    const { g, locate } = geometry('print:\n  format: { width: 5in, height: 8in }\n  linesPerPage: 17\n');
    const print = { hanging: true, runningHead: 'chapter' } as const;
    const placed = kdpGeometry(g, print, locate);
    let error: unknown;
    try {
      kdpFinalGeometry(placed, print, 700, locate);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({
      message: expect.stringMatching(/^the 版面 is \d+\.\d mm too wide for KDP's margins for 700 pages/),
      hint: expect.stringMatching(/^\d+ lines? fewer makes room: linesPerPage: \d+ under print\.kdp/),
      line: 4,
      column: 17,
      ruleId: 'kdp-margins',
    });
  });

  it('needs body text of at least 7 pt', () => {
    const { g, locate } = geometry('print:\n  fontSize: 6.5\n');
    expect(() => checkKdpType(g, locate)).toThrow(expect.objectContaining({ line: 3, ruleId: 'kdp-text-size' }));
  });
});
