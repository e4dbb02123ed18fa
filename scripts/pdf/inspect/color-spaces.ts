/**
 * Colour spaces as the preflight and the gray conversion see them: a device name, a named
 * resource or an array such as `[/ICCBased 12 0 R]`, reduced to its kind and what converting its
 * colours needs (an indexed space's table, a pattern's underlying space).
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
