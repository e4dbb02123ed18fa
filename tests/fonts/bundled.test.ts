/**
 * The bundled fonts cover JIS X 0213 whole, read from the font files themselves (cmap within each
 * file's unicode-range, as Chromium uses them), with the characters listed by the C library's
 * converter (iconv, a program: hence an integration test). The rest of what they cover, and their
 * format, is checked in-process in coverage.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gothic, lacking, mincho } from '../helpers/font-stacks.ts';

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
});
