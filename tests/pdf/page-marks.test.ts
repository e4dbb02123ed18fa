/** Running heads follow the text's rule: each character from the body face's stack, 〓 where no font has one. */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MINCHO_STACK } from '../../scripts/fonts/fontsource.ts';
import { FontStack } from '../../scripts/fonts/stack.ts';
import { MarkFonts } from '../../scripts/pdf/press/page-marks.ts';

describe('MarkFonts', () => {
  it('draws Greek from the bundled Noto Serif, keeps spaces, and draws 〓 from Noto Serif JP for a character no font has', async () => {
    const pdf = await PDFDocument.create();
    const fonts = new MarkFonts(
      pdf,
      new FontStack(
        MINCHO_STACK.map((family) => ({ family })),
        400,
      ),
    );
    const runs = await fonts.measure('字形 Ωμέγα \u{10FFFD}', 9);
    // The bundled faces come in slices by Unicode range: one run per slice.
    expect(runs.map((run) => run.text).join('')).toBe('字形 Ωμέγα 〓');
    const fontOf = (text: string) => runs.find((run) => run.text.includes(text))!.font.name.replace(/^[A-Z]{6}\+/, '');
    expect(fontOf('Ωμέγα')).toBe('NotoSerif-Regular');
    expect(fontOf('〓')).toBe('NotoSerifJP-Regular');
    expect(fontOf('字')).toBe('NotoSerifJP-Regular');
    expect(runs.every((run) => run.width > 0)).toBe(true);
    expect([...fonts.missing]).toEqual(['\u{10FFFD}']);
  });
});
