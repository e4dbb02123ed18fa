/**
 * Colour spaces as the gray conversion and preflight see them, and the one formula that turns
 * a colour into a gray level. The formulas are the PDF specification's own device conversions
 * (ISO 32000-1 10.3): gray = 0.3 R + 0.59 G + 0.11 B, and from CMYK
 * gray = 1 − min(1, 0.3 C + 0.59 M + 0.11 Y + K). They are applied to ICC-based RGB (Chromium
 * tags everything sRGB) as to DeviceRGB: not colour-managed, but what a RIP does to a
 * DeviceRGB object and stable from build to build.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib';
import { streamBytes } from './streams.ts';

/** A colour space reduced to what matters for conversion. */
export type ColorSpace =
  | { kind: 'gray' }
  | { kind: 'rgb' }
  | { kind: 'cmyk' }
  | { kind: 'lab' }
  | { kind: 'indexed'; base: ColorSpace; hival: number; lookup: Uint8Array }
  | { kind: 'pattern'; under?: ColorSpace }
  /** Separation, DeviceN and anything else: left alone by conversion, reported by preflight. */
  | { kind: 'other'; name: string };

/** The number of colour components of a space (1 for an index, 0 for a pattern without underlying space). */
export function componentCount(space: ColorSpace): number {
  switch (space.kind) {
    case 'gray':
    case 'indexed':
      return 1;
    case 'rgb':
    case 'lab':
      return 3;
    case 'cmyk':
      return 4;
    case 'pattern':
      return space.under ? componentCount(space.under) : 0;
    case 'other':
      return 1;
  }
}

/**
 * Resolve a colour space operand or object: a device name, a name in the `/ColorSpace`
 * resources, or an array such as `[/ICCBased 12 0 R]`.
 */
export function resolveColorSpace(value: PDFObject | string | undefined, resources?: PDFDict): ColorSpace {
  if (typeof value === 'string') {
    const device = deviceSpace(value);
    if (device) return device;
    const named = resources?.lookup(PDFName.of('ColorSpace'));
    const entry = named instanceof PDFDict ? named.lookup(PDFName.of(value)) : undefined;
    return entry === undefined ? { kind: 'other', name: value } : resolveColorSpace(entry, resources);
  }
  if (value instanceof PDFName) return resolveColorSpace(value.decodeText(), resources);
  if (!(value instanceof PDFArray) || value.size() === 0) return { kind: 'other', name: String(value) };
  const family = value.lookup(0);
  const name = family instanceof PDFName ? family.decodeText() : '';
  switch (name) {
    case 'ICCBased': {
      const profile = value.lookup(1);
      const n = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
      const count = n instanceof PDFNumber ? n.asNumber() : 3;
      return count === 1 ? { kind: 'gray' } : count === 4 ? { kind: 'cmyk' } : { kind: 'rgb' };
    }
    case 'CalGray':
      return { kind: 'gray' };
    case 'CalRGB':
      return { kind: 'rgb' };
    case 'Lab':
      return { kind: 'lab' };
    case 'Indexed':
    case 'I': {
      const base = resolveColorSpace(value.lookup(1), resources);
      const hival = (value.lookup(2) as PDFNumber | undefined)?.asNumber() ?? 0;
      const table = value.lookup(3);
      const lookup =
        table instanceof PDFRawStream
          ? streamBytes(table)
          : table instanceof PDFString || table instanceof PDFHexString
            ? table.asBytes()
            : new Uint8Array();
      return { kind: 'indexed', base, hival, lookup };
    }
    case 'Pattern':
      return { kind: 'pattern', under: value.size() > 1 ? resolveColorSpace(value.lookup(1), resources) : undefined };
    default:
      return deviceSpace(name) ?? { kind: 'other', name };
  }
}

function deviceSpace(name: string): ColorSpace | undefined {
  switch (name) {
    case 'DeviceGray':
    case 'G':
      return { kind: 'gray' };
    case 'DeviceRGB':
    case 'RGB':
      return { kind: 'rgb' };
    case 'DeviceCMYK':
    case 'CMYK':
      return { kind: 'cmyk' };
    case 'Pattern':
      return { kind: 'pattern' };
    default:
      return undefined;
  }
}

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
