/** The content-stream scanner: operators found with their operands, strings and inline images passed over, rewriting in place. */
import { describe, expect, it } from 'vitest';
import { operatorKeys, scanContent, type Operation } from '../../scripts/pdf/inspect/scan.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const operations = (text: string, wanted?: string[]) => {
  const found: { operator: string; operands: unknown[] }[] = [];
  scanContent(
    bytes(text),
    (op: Operation) => {
      found.push({ operator: op.operator, operands: op.operands.map((o) => (o.kind === 'raw' ? o.text : o.value)) });
      return undefined;
    },
    wanted && operatorKeys(wanted),
  );
  return found;
};

describe('scanContent', () => {
  it('reads operators with number, name and other operands', () => {
    expect(operations('q 1 0 0 -1 .5 -3 cm /G3 gs 0 0 0 rg [(a) 12 (b)] TJ Q')).toEqual([
      { operator: 'q', operands: [] },
      { operator: 'cm', operands: [1, 0, 0, -1, 0.5, -3] },
      { operator: 'gs', operands: ['G3'] },
      { operator: 'rg', operands: [0, 0, 0] },
      { operator: 'TJ', operands: ['[(a) 12 (b)]'] },
      { operator: 'Q', operands: [] },
    ]);
  });

  it('is not fooled by operators inside strings, names with escapes, dictionaries or comments', () => {
    const found = operations(
      'BT (1 0 0 rg \\) K) Tj <0102> Tj ET % 1 0 0 rg\n/P#20x cs /Span <</MCID 0 /Alt (x rg)>> BDC EMC',
      ['rg', 'Tj', 'cs', 'BDC'],
    );
    expect(found).toEqual([
      { operator: 'Tj', operands: ['(1 0 0 rg \\) K)'] },
      { operator: 'Tj', operands: ['<0102>'] },
      { operator: 'cs', operands: ['P x'] },
      { operator: 'BDC', operands: ['Span', '<</MCID 0 /Alt (x rg)>>'] },
    ]);
  });

  it('passes over inline image data, whatever bytes it holds', () => {
    const found = operations('BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00rg EI\xff\x00 EI Q 1 g', ['BI', 'g', 'rg']);
    expect(found.map((op) => op.operator)).toEqual(['BI', 'g']);
  });

  it('replaces the operations the visitor rewrites and keeps every other byte', () => {
    const source = 'q\n0 0 0 RG 1 0 0 rg\nBT /F1 12 Tf <00ff> Tj ET\nQ\n';
    const out = scanContent(bytes(source), (op) =>
      op.operator === 'rg' ? '0.3 g' : op.operator === 'RG' ? '0 G' : undefined,
    );
    expect(Buffer.from(out!).toString('latin1')).toBe('q\n0 G 0.3 g\nBT /F1 12 Tf <00ff> Tj ET\nQ\n');
    expect(scanContent(bytes(source), () => undefined)).toBeUndefined();
  });
});
