/** The spread's panels and boxes, without building anything. */
import { describe, expect, it } from 'vitest';
import { spreadGeometry } from '../../scripts/cover/geometry.ts';

const input = { trim: { width: 105, height: 148 }, spine: 12.34, bleed: 3, markArea: 12 };

describe('spread geometry', () => {
  it('is trim width × 2 + spine by trim height, plus bleed and the mark area on every side', () => {
    const g = spreadGeometry({ ...input, vertical: true });
    expect(g.trim).toEqual({ x: 15, y: 15, width: 222.34, height: 148 });
    expect(g.bleed).toEqual({ x: 12, y: 12, width: 228.34, height: 154 });
    expect(g.media.width).toBeCloseTo(252.34, 10);
    expect(g.media.height).toBe(178);
    expect(g.spine).toEqual({ x: 120, y: 15, width: 12.34, height: 148 });
    expect(g.folds).toEqual([120, 132.34]);
  });

  it('puts the front on the left for a vertical (right-bound) book, and on the right for a horizontal one', () => {
    const vertical = spreadGeometry({ ...input, vertical: true });
    expect(vertical.front.x).toBe(15);
    expect(vertical.back.x).toBeCloseTo(132.34, 10);
    expect([vertical.frontSpineSide, vertical.backSpineSide]).toEqual(['right', 'left']);
    const horizontal = spreadGeometry({ ...input, vertical: false });
    expect(horizontal.back.x).toBe(15);
    expect(horizontal.front.x).toBeCloseTo(132.34, 10);
    expect([horizontal.frontSpineSide, horizontal.backSpineSide]).toEqual(['left', 'right']);
  });

  it('extends the front image area over the bleed on its outer edge, top and bottom, never over the spine', () => {
    const vertical = spreadGeometry({ ...input, vertical: true });
    expect(vertical.frontBleed).toEqual({ x: 12, y: 12, width: 108, height: 154 });
    const horizontal = spreadGeometry({ ...input, vertical: false });
    expect(horizontal.frontBleed.x).toBeCloseTo(132.34, 10);
    expect(horizontal.frontBleed.x + horizontal.frontBleed.width).toBeCloseTo(
      horizontal.bleed.x + horizontal.bleed.width,
      10,
    );
  });

  it('changes only the spine and what lies beyond it when the spine changes', () => {
    const thin = spreadGeometry({ ...input, spine: 5, vertical: true });
    const thick = spreadGeometry({ ...input, spine: 20, vertical: true });
    expect(thick.front).toEqual(thin.front);
    expect(thick.back.x - thin.back.x).toBeCloseTo(15, 10);
    expect(thick.back.width).toBe(thin.back.width);
    expect(thick.media.width - thin.media.width).toBeCloseTo(15, 10);
  });
});
