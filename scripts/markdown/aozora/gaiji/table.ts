/**
 * JIS X 0213 面区点 (plane-row-cell) to Unicode, from the table in data/jisx0213.json, which
 * tests/data/jisx0213-table.test.ts makes from glibc's iconv (EUC-JISX0213, the 2004 edition) and
 * checks against it.
 */
import table from '../../../../data/jisx0213.json' with { type: 'json' };

/** Marks a cell with no character in a row string of the table. */
const NONE = '\uFFFD';
const rows = table.rows as Record<string, string>;
const sequences = table.sequences as Record<string, string>;
const rowCache = new Map<string, string[]>();

/** The character (or two-character sequence) at a 面区点, or `undefined` where JIS X 0213 has none. */
export function jisX0213Character(plane: number, row: number, cell: number): string | undefined {
  const key = `${plane}-${row}`;
  const sequence = sequences[`${key}-${cell}`];
  if (sequence) return sequence;
  let cells = rowCache.get(key);
  if (!cells) {
    cells = [...(rows[key] ?? '')];
    rowCache.set(key, cells);
  }
  const char = cells[cell - 1];
  return char === undefined || char === NONE ? undefined : char;
}
