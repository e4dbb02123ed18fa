/**
 * The graphics-state interpreter that the preflight and the gray conversion share: what each
 * operation sees of the state it runs in (colours, opacity, matrices, text), what `Q` restores,
 * and what a `gs` holds as transparency.
 */
import { PDFDocument, PDFName, type PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  ContentProgram,
  initialState,
  readOperators,
  type ExtGStateUse,
  type GraphicsState,
} from '../../scripts/pdf/inspect/graphics-state.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Run `content` and record, for each operation shown, a copy of the state and the `gs` it read. */
async function run(
  content: string,
  shown: string[],
  options: { state?: GraphicsState; tracking?: { geometry?: boolean; text?: boolean } } = {},
) {
  const pdf = await PDFDocument.create();
  const resources = pdf.context.obj({
    ExtGState: {
      Half: { ca: 0.5, CA: 0.25, BM: PDFName.of('Normal'), SMask: PDFName.of('None') },
      Multiply: { BM: [PDFName.of('Multiply'), PDFName.of('Normal')] },
      Masked: { SMask: { S: PDFName.of('Luminosity') } },
    },
    ColorSpace: { CS0: [PDFName.of('ICCBased'), pdf.context.obj({ N: 3 })] },
  }) as PDFDict;
  const program = new ContentProgram(options.state ?? initialState(), readOperators(shown, options.tracking));
  const seen: { operator: string; state: GraphicsState; use?: Omit<ExtGStateUse, 'dict'> }[] = [];
  const rewritten = program.run(bytes(content), resources, (op, state, use) => {
    const { dict: _dict, ...rest } = use ?? ({} as ExtGStateUse);
    seen.push({ operator: op.operator, state: { ...state }, use: use && rest });
    return undefined;
  });
  return { seen, rewritten, program };
}

describe('ContentProgram', () => {
  it('shows each operation the colour it sets, and Q restores the colour and opacity of the matching q', async () => {
    const { seen, program } = await run('1 0 0 rg q /CS0 cs 0 1 0 sc /Half gs 0 0 1 RG f Q f', [
      'rg',
      'cs',
      'sc',
      'RG',
      'f',
    ]);
    expect(seen.map((entry) => entry.operator)).toEqual(['rg', 'cs', 'sc', 'RG', 'f', 'f']);
    expect(seen[0]!.state.fill).toEqual({ space: { kind: 'rgb' }, components: [1, 0, 0] });
    // cs starts the space at its initial colour: no components yet.
    expect(seen[1]!.state.fill).toEqual({ space: { kind: 'rgb' } });
    expect(seen[2]!.state.fill).toEqual({ space: { kind: 'rgb' }, components: [0, 1, 0] });
    expect(seen[3]!.state.stroke).toEqual({ space: { kind: 'rgb' }, components: [0, 0, 1] });
    expect(seen[4]!.state.alpha).toEqual({ fill: 0.5, stroke: 0.25 });
    // After Q: the red of before the q, fully opaque, and a black stroke.
    expect(seen[5]!.state.fill.components).toEqual([1, 0, 0]);
    expect(seen[5]!.state.alpha).toEqual({ fill: 1, stroke: 1 });
    expect(program.state.stroke).toEqual({ space: { kind: 'gray' } });
  });

  it('reads a gs for its opacity and its transparency; a Normal blend and a /None soft mask are none', async () => {
    const { seen } = await run('/Half gs /Multiply gs /Masked gs /Missing gs', ['gs']);
    expect(seen.map((entry) => entry.use)).toEqual([
      {
        key: 'Half',
        fillOpacity: 0.5,
        strokeOpacity: 0.25,
        softMask: false,
        blendMode: undefined,
        before: { fill: 1, stroke: 1 },
      },
      {
        key: 'Multiply',
        fillOpacity: undefined,
        strokeOpacity: undefined,
        softMask: false,
        blendMode: 'Multiply',
        before: { fill: 0.5, stroke: 0.25 },
      },
      {
        key: 'Masked',
        fillOpacity: undefined,
        strokeOpacity: undefined,
        softMask: true,
        blendMode: undefined,
        before: { fill: 0.5, stroke: 0.25 },
      },
      // A name the resources do not have: nothing read, nothing changed.
      undefined,
    ]);
  });

  it('multiplies a gs by the opacity a form is drawn at (on a page, a gs sets it)', async () => {
    const page = await run('/Half gs f', ['f']);
    expect(page.seen[0]!.state.alpha).toEqual({ fill: 0.5, stroke: 0.25 });
    const form = await run('f /Half gs f', ['f'], { state: initialState({ fill: 0.5, stroke: 1 }) });
    expect(form.seen.map((entry) => entry.state.alpha)).toEqual([
      { fill: 0.5, stroke: 1 },
      { fill: 0.25, stroke: 0.25 },
    ]);
  });

  it('keeps the transformation matrix, line width and text state only when asked, and restores them with Q', async () => {
    const content = 'q 2 0 0 2 10 20 cm 0.5 w BT /F1 9 Tf 1 0 0 1 5 5 Tm 3 4 Td 3 Tr (a) Tj ET Q (b) Tj';
    const tracked = await run(content, ['Tj'], { tracking: { geometry: true, text: true } });
    expect(tracked.seen[0]!.state).toMatchObject({
      ctm: [2, 0, 0, 2, 10, 20],
      lineWidth: 0.5,
      fontSize: 9,
      textMatrix: [1, 0, 0, 1, 8, 9],
      renderMode: 3,
    });
    expect(tracked.seen[1]!.state).toMatchObject({ ctm: [1, 0, 0, 1, 0, 0], lineWidth: 1, fontSize: 0 });
    const untracked = await run(content, ['Tj']);
    expect(untracked.seen[0]!.state).toMatchObject({ ctm: [1, 0, 0, 1, 0, 0], lineWidth: 1, fontSize: 0 });
  });

  it('shows only the operators asked for, and rewrites nothing unless the reader replaces an operation', async () => {
    const { seen, rewritten } = await run('q 0 g 0 0 5 5 re f Q', ['f']);
    expect(seen.map((entry) => entry.operator)).toEqual(['f']);
    expect(rewritten).toBeUndefined();
  });
});
