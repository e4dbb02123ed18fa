/** What each destination asks of the PDF, resolved from the profile and `print:`, and KDP's page-count rules. */
import { describe, expect, it } from 'vitest';
import { parseBookConfig } from '../../scripts/config/load.ts';
import { resolveGeometry } from '../../scripts/layout/geometry.ts';
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

  it('needs the gutter margin KDP gives for the page count, naming print:', () => {
    // 四六判 with 3 mm extra gutter: a gutter margin of about 13.5 mm, enough for up to 300 pages.
    const { g, locate } = geometry('print:\n  format: shiroku\n');
    expect(g.margin.gutter).toBeGreaterThan(12.7);
    expect(g.margin.gutter).toBeLessThan(15.9);
    expect(() => checkKdpPageCount(g, 300, locate)).not.toThrow();
    expect(() => checkKdpPageCount(g, 301, locate)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(
          /^KDP needs an inside \(gutter\) margin of at least 0.625 in \(15.9 mm\) for 301–500 pages; this book has 301 pages/,
        ),
        hint: 'raise print.gutter by 2.5 mm (or fewer lines per page)',
        line: 3,
        ruleId: 'kdp-gutter',
      }),
    );
    expect(() => checkKdpPageCount(g, 829, locate)).toThrow(expect.objectContaining({ ruleId: 'kdp-page-count' }));
    const wide = geometry('print:\n  format: shiroku\n  gutter: 8\n');
    expect(() => checkKdpPageCount(wide.g, 500, wide.locate)).not.toThrow();
    expect(() => checkKdpPageCount(wide.g, 501, wide.locate)).toThrow(
      expect.objectContaining({ ruleId: 'kdp-gutter', line: 4, column: 11 }),
    );
  });

  it('needs body text of at least 7 pt', () => {
    const { g, locate } = geometry('print:\n  fontSize: 6.5\n');
    expect(() => checkKdpType(g, locate)).toThrow(expect.objectContaining({ line: 3, ruleId: 'kdp-text-size' }));
  });
});
