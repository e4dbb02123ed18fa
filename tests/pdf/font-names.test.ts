/** The names given to the bundled faces in the PDF (scripts/pdf/press/font-names.ts). */
import { describe, expect, it } from 'vitest';
import { weightName } from '../../scripts/pdf/press/font-names.ts';

describe('weightName', () => {
  it('drops the weight word the variable font left in the bundled faces’ names', () => {
    expect(weightName('CAAAAA+NotoSerifJPExtraLight-Regular')).toBe('CAAAAA+NotoSerifJP-Regular');
    expect(weightName('AAAAAA+NotoSansJPThin-Bold')).toBe('AAAAAA+NotoSansJP-Bold');
    expect(weightName('NotoSansJPThin-Regular')).toBe('NotoSansJP-Regular');
  });

  it('leaves right names and a book’s own fonts alone', () => {
    expect(weightName('CAAAAA+NotoSerifJP-Regular')).toBeUndefined();
    expect(weightName('AAAAAA+MyFontLight-Regular')).toBeUndefined();
    expect(weightName('NotoSerifJPExtraLight-Italic')).toBeUndefined();
  });
});
