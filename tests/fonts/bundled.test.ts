/**
 * What the bundled fonts cover, read from the font files themselves (cmap within each file's
 * unicode-range, as Chromium uses them): JIS X 0213 whole, the Latin, Greek and Cyrillic of
 * Japanese books, common symbols, and the marks the stylesheets draw. And that every file is a
 * static TrueType font, the kind Chromium embeds as CID TrueType, never as Type 3.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_FAMILIES,
  fontSlices,
  fontWeights,
  GOTHIC_STACK,
  MINCHO_STACK,
} from '../../scripts/fonts/fontsource.ts';
import { FontStack } from '../../scripts/fonts/stack.ts';
import { woffToSfnt } from '../../scripts/fonts/woff.ts';

const mincho = new FontStack(
  MINCHO_STACK.map((family) => ({ family })),
  400,
);
const gothic = new FontStack(
  GOTHIC_STACK.map((family) => ({ family })),
  700,
);
const lacking = (stack: FontStack, text: Iterable<string>) =>
  [...new Set(text)].filter((char) => !stack.has(char.codePointAt(0)!));

/** Every character of JIS X 0213:2004 (both planes), through the C library's converter. */
function jisX0213(): string[] {
  const codes: number[] = [];
  for (const plane of [1, 2]) {
    for (let row = 0xa1; row <= 0xfe; row++) {
      for (let cell = 0xa1; cell <= 0xfe; cell++) codes.push(...(plane === 1 ? [row, cell] : [0x8f, row, cell]), 0x0a);
    }
  }
  const text = execFileSync('iconv', ['-c', '-f', 'EUC-JISX0213', '-t', 'UTF-8'], { input: Buffer.from(codes) });
  return [...new Set([...text.toString('utf8').replace(/\n/g, '')])];
}

describe('the bundled fonts', () => {
  it('cover every character of JIS X 0213 (kanji levels 1–4, kana, symbols), in Mincho and in Gothic', () => {
    const characters = jisX0213();
    // 10,050 kanji and 1,183 other characters; a few are sequences of two code points.
    expect(characters.filter((char) => /\p{Ideographic}/u.test(char)).length).toBeGreaterThanOrEqual(10_040);
    expect(lacking(mincho, characters)).toEqual([]);
    expect(lacking(gothic, characters)).toEqual([]);
  });

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
