/**
 * What the bundled fonts cover beyond JIS X 0213 (bundled.test.ts), read from the font files
 * themselves (cmap within each file's unicode-range, as Chromium uses them): the Latin, Greek and
 * Cyrillic of Japanese books, common symbols, and the marks the stylesheets draw. And that every
 * file is a static TrueType font, the kind Chromium embeds as CID TrueType, never as Type 3.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FAMILIES, fontSlices, fontWeights } from '../../scripts/fonts/fontsource.ts';
import { woffToSfnt } from '../../scripts/fonts/woff.ts';
import { gothic, lacking, mincho } from '../helpers/font-stacks.ts';

describe('the bundled fonts', () => {
  it('cover accented Latin, Greek, Cyrillic, and the symbols and arrows of Japanese text', () => {
    const text =
      'éèêëàâäçñöüÅøßœĳŁŒŠžőűąęğışțșĀāŪū' +
      'αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΩάέήίόύώ' +
      'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяЇЄІЎ' +
      '→←↑↓⇒⇔↔↗※★☆♪♫♂♀℃‰∞≠≒≦≧±×÷√∴∵∈∪∩⊂①②⑳㈱№™©®•◆◇■□●○▲△▼▽〒〓♡♥✓✔✕ⅠⅡⅢⅣⅫⅰⅱ⅓⅔¼½';
    expect(lacking(mincho, text)).toEqual([]);
    expect(lacking(gothic, text)).toEqual([]);
  });

  it('have the marks the stylesheets draw themselves (傍点 and 圏点 shapes)', () => {
    expect(lacking(mincho, '﹅﹆•◦●○◉◎▲△')).toEqual([]);
  });

  it('lack what nobody has: private use and unassigned code points', () => {
    expect(mincho.has(0x10fffd)).toBe(false);
    expect(gothic.has(0xe000)).toBe(false);
    expect(mincho.has(0x2fffd)).toBe(false);
  });

  it('are static TrueType fonts (glyf outlines; no CFF, no variation axes), which Chromium embeds as CID TrueType', () => {
    for (const family of BUNDLED_FAMILIES) {
      for (const weight of fontWeights(family)) {
        for (const { file } of fontSlices(family, weight)) {
          const sfnt = Buffer.from(woffToSfnt(readFileSync(file)));
          const tags = Array.from({ length: sfnt.readUInt16BE(4) }, (_, index) =>
            sfnt.toString('latin1', 12 + index * 16, 16 + index * 16),
          );
          expect(sfnt.readUInt32BE(0), file).toBe(0x00010000);
          expect(tags, file).toContain('glyf');
          expect(
            tags.filter((tag) => ['CFF ', 'CFF2', 'fvar'].includes(tag)),
            file,
          ).toEqual([]);
        }
      }
    }
  });
});
