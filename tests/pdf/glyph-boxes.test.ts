/** Shown strings read as a preflight reads them: hex and literal strings, TJ's adjustments, and the box they make. */
import { describe, expect, it } from 'vitest';
import { initialState } from '../../scripts/pdf/inspect/graphics-state.ts';
import { showBox, shownPieces, type FontMetrics } from '../../scripts/pdf/inspect/preflight/glyph-boxes.ts';

describe('shownPieces', () => {
  it('reads hex strings, literal strings with escapes and nested parentheses, and TJ numbers', () => {
    const raw = (text: string) => [{ kind: 'raw', text } as const];
    expect(shownPieces(raw('<0158 016c>'))).toEqual([Uint8Array.of(0x01, 0x58, 0x01, 0x6c)]);
    expect(shownPieces(raw('<7>'))).toEqual([Uint8Array.of(0x70)]);
    expect(shownPieces(raw('(a\\)b(c)\\101\\n)'))).toEqual([Uint8Array.of(97, 41, 98, 40, 99, 41, 65, 10)]);
    expect(shownPieces(raw('[<01> -20 (x) 3.5]'))).toEqual([Uint8Array.of(1), -20, Uint8Array.of(120), 3.5]);
  });
});

describe('showBox', () => {
  const metrics: FontMetrics = {
    bytesPerCode: 2,
    width: (code) => (code === 1 ? 1000 : 500),
    ascent: 880,
    descent: -120,
  };

  it('spans the advances through the text state, the text matrix and the CTM', () => {
    const state = { ...initialState(), fontSize: 10, textMatrix: [1, 0, 0, 1, 100, 200] as const, charSpacing: 1 };
    // Two glyphs (10 pt and 5 pt wide) and 1 pt of character spacing after each; TJ's 100 moves back 1 pt.
    const { box, advance } = showBox(
      [Uint8Array.of(0, 1, 0, 2), 100],
      { ...state, textMatrix: [...state.textMatrix] },
      metrics,
      0,
    );
    expect(advance).toBeCloseTo(16, 6);
    expect(box.map((n) => Number(n.toFixed(3)))).toEqual([100, 198.8, 117, 208.8]);
    // A CTM that halves everything halves the box.
    const half = showBox(
      [Uint8Array.of(0, 1)],
      { ...state, textMatrix: [...state.textMatrix], ctm: [0.5, 0, 0, 0.5, 0, 0] },
      metrics,
      0,
    );
    expect(half.box.map((n) => Number(n.toFixed(3)))).toEqual([50, 99.4, 55.5, 104.4]);
  });
});
