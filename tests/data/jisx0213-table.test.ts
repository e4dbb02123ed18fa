/**
 * The JIS X 0213 table (data/jisx0213.json) is made from glibc's iconv, which implements the
 * standard's 2004 edition as EUC-JISX0213: every 面区点 of both planes is decoded, and a code is
 * kept only when its character encodes back to the same bytes (iconv -c drops an undefined code's
 * first byte and reads the rest as another character). This test makes the table again and
 * compares it with the committed file; `UPDATE_JISX0213=1 npx vitest run tests/data` rewrites it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const path = new URL('../../data/jisx0213.json', import.meta.url);
/** Marks a 面区点 the standard leaves empty, in a row string of the committed table. */
const NONE = '\uFFFD';

interface Cell {
  plane: number;
  row: number;
  cell: number;
  bytes: Buffer;
}

function allCodes(): Cell[] {
  const codes: Cell[] = [];
  for (const plane of [1, 2])
    for (let row = 1; row <= 94; row++)
      for (let cell = 1; cell <= 94; cell++) {
        const pair = [0xa0 + row, 0xa0 + cell];
        codes.push({ plane, row, cell, bytes: Buffer.from(plane === 2 ? [0x8f, ...pair] : pair) });
      }
  return codes;
}

/** One iconv run over every code, one code a line; `-c` leaves an undefined code's line empty or wrong. */
function iconvLines(input: Buffer[], from: string, to: string): Buffer[] {
  const output = execFileSync('iconv', ['-c', '-f', from, '-t', to], {
    input: Buffer.concat(input.flatMap((b) => [b, Buffer.from('\n')])),
  });
  const lines: Buffer[] = [];
  let start = 0;
  for (let index = output.indexOf(0x0a); index !== -1; index = output.indexOf(0x0a, start)) {
    lines.push(output.subarray(start, index));
    start = index + 1;
  }
  return lines;
}

function makeTable() {
  const codes = allCodes();
  const decoded = iconvLines(
    codes.map((code) => code.bytes),
    'EUC-JISX0213',
    'UTF-8',
  );
  const encoded = iconvLines(decoded, 'UTF-8', 'EUC-JISX0213');
  const rows: Record<string, string> = {};
  const sequences: Record<string, string> = {};
  codes.forEach((code, index) => {
    const text = decoded[index]!.toString('utf8');
    const kept = text !== '' && encoded[index]!.equals(code.bytes);
    const key = `${code.plane}-${code.row}`;
    const single = kept && [...text].length === 1;
    rows[key] = (rows[key] ?? '') + (single ? text : NONE);
    if (kept && !single) sequences[`${key}-${code.cell}`] = text;
  });
  for (const [key, row] of Object.entries(rows)) if ([...row].every((char) => char === NONE)) delete rows[key];
  const glibc = execFileSync('ldd', ['--version']).toString().split('\n')[0]!.replace(/^.*\s/, '');
  return {
    about:
      'JIS X 0213:2004 面区点 (plane-row-cell) to Unicode, made by tests/data/jisx0213-table.test.ts from glibc iconv (EUC-JISX0213), round-trip checked. rows["p-r"] holds cells 1-94 in order, one code point each, U+FFFD where the standard has no character; sequences holds the cells that are two code points.',
    glibc,
    rows,
    sequences,
  };
}

describe('data/jisx0213.json', () => {
  it('is what glibc iconv says JIS X 0213 is', () => {
    const table = makeTable();
    const text = `${JSON.stringify(table, null, 2)}\n`;
    if (process.env.UPDATE_JISX0213 === '1') writeFileSync(path, text);
    const committed = JSON.parse(readFileSync(path, 'utf8')) as ReturnType<typeof makeTable>;
    expect(committed.rows).toEqual(table.rows);
    expect(committed.sequences).toEqual(table.sequences);
    // JIS X 0213:2004 has 11,233 characters: 8,797 in plane 1 and 2,436 in plane 2.
    const count = (plane: string) =>
      Object.entries(table.rows)
        .filter(([key]) => key.startsWith(`${plane}-`))
        .reduce((sum, [, row]) => sum + [...row].filter((char) => char !== NONE).length, 0) +
      Object.keys(table.sequences).filter((key) => key.startsWith(`${plane}-`)).length;
    expect([count('1'), count('2')]).toEqual([8797, 2436]);
  });
});
