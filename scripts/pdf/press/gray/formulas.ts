/**
 * The one formula that turns a colour into a gray level, and how the conversion writes it. The
 * formulas are the PDF specification's own device conversions (ISO 32000-1 10.3):
 * gray = 0.3 R + 0.59 G + 0.11 B, and from CMYK gray = 1 − min(1, 0.3 C + 0.59 M + 0.11 Y + K).
 * They are applied to ICC-based RGB (Chromium tags everything sRGB) as to DeviceRGB: not
 * colour-managed, but what a RIP does to a DeviceRGB object and stable from build to build.
 */
import { componentCount, type ColorSpace } from '../../inspect/color-spaces.ts';

/** Gray level (0 black … 1 white) of a colour given as components in [0, 1] (Lab: L 0–100). */
export function grayOf(space: ColorSpace, values: readonly number[]): number {
  const [a = 0, b = 0, c = 0, d = 0] = values;
  switch (space.kind) {
    case 'gray':
      return clamp(a);
    case 'rgb':
      return clamp(0.3 * a + 0.59 * b + 0.11 * c);
    case 'cmyk':
      return 1 - Math.min(1, 0.3 * a + 0.59 * b + 0.11 * c + d);
    case 'lab':
      return clamp(a / 100);
    case 'indexed': {
      const n = componentCount(space.base);
      const index = Math.max(0, Math.min(space.hival, Math.round(a)));
      const entry = Array.from(space.lookup.subarray(index * n, index * n + n), (byte) => byte / 255);
      return grayOf(space.base, space.base.kind === 'lab' ? entry.map((v, i) => (i === 0 ? v * 100 : v)) : entry);
    }
    default:
      return clamp(a);
  }
}

/** Gray `g` painted at opacity `alpha` over white paper. */
export function overWhite(g: number, alpha: number): number {
  return alpha >= 1 ? g : 1 - alpha * (1 - g);
}

/** A number as a content stream writes it: at most four decimals, no exponent. */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10000) / 10000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

const clamp = (value: number) => Math.max(0, Math.min(1, value));
