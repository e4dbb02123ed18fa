/**
 * Image XObjects to 8-bit DeviceGray. The samples are decoded whatever their depth and colour
 * space, turned to gray with the specification's formulas, and a soft mask or colour-key mask
 * is flattened onto white paper (what lies under a picture in a book), so that the result has
 * no transparency. A gray JPEG that needs nothing else only has its colour space renamed.
 */
import jpeg from 'jpeg-js';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFContext } from 'pdf-lib';
import { componentCount, resolveColorSpace, type ColorSpace } from '../../inspect/color-spaces.ts';
import { isImageMask } from '../../inspect/resources.ts';
import { grayOf } from './formulas.ts';
import { filtersOf, streamBytes } from '../../inspect/streams.ts';

/** An image turned gray: new dictionary entries and 8-bit samples, or `rename` when only the colour space changes. */
export type GrayImage = { dict: PDFDict; bytes: Uint8Array } | { rename: true };

const name = (key: string) => PDFName.of(key);
const num = (dict: PDFDict, key: string, fallback: number) => {
  const value = dict.lookup(name(key));
  return value instanceof PDFNumber ? value.asNumber() : fallback;
};

/**
 * The gray version of an image drawn at opacity `alpha`. Throws UndecodableStream for data it
 * cannot read.
 */
export function grayImage(stream: PDFRawStream, context: PDFContext, alpha: number): GrayImage {
  const dict = stream.dict;
  const width = num(dict, 'Width', 0);
  const height = num(dict, 'Height', 0);
  const space = resolveColorSpace(dict.lookup(name('ColorSpace')));
  const smask = dict.lookup(name('SMask'));
  const colorKey = dict.lookup(name('Mask'));
  const filters = filtersOf(dict);
  const simple = smask === undefined && !(colorKey instanceof PDFArray) && alpha >= 1 && !dict.has(name('Decode'));
  if (simple && space.kind === 'gray' && num(dict, 'BitsPerComponent', 8) === 8 && filters.at(-1) === 'DCTDecode') {
    return { rename: true };
  }

  const gray = decodeToGray(stream, space);
  if (colorKey instanceof PDFArray) {
    // Pixels whose raw samples fall in the key ranges are not painted: on paper, they are white.
    const raw = rawSamples(stream);
    const n = componentCount(space);
    const ranges = colorKey.asArray().map((value) => (value instanceof PDFNumber ? value.asNumber() : 0));
    for (let pixel = 0; pixel < width * height; pixel++) {
      let masked = true;
      for (let c = 0; c < n && masked; c++) {
        const sample = raw[pixel * n + c]!;
        masked = sample >= ranges[2 * c]! && sample <= ranges[2 * c + 1]!;
      }
      if (masked) gray[pixel] = 255;
    }
  }
  let coverage: Uint8Array | undefined;
  if (smask instanceof PDFRawStream) {
    const maskWidth = num(smask.dict, 'Width', width);
    const maskHeight = num(smask.dict, 'Height', height);
    const mask = decodeToGray(smask, { kind: 'gray' });
    coverage = resample(mask, maskWidth, maskHeight, width, height);
  }
  if (coverage || alpha < 1) {
    for (let pixel = 0; pixel < gray.length; pixel++) {
      const a = ((coverage ? coverage[pixel]! : 255) / 255) * alpha;
      gray[pixel] = Math.round(255 - a * (255 - gray[pixel]!));
    }
  }
  const out = context.obj({}) as PDFDict;
  for (const [key, value] of dict.entries()) {
    if (
      [
        'Length',
        'Filter',
        'DecodeParms',
        'SMask',
        'Mask',
        'Decode',
        'ColorSpace',
        'BitsPerComponent',
        'SMaskInData',
      ].includes(key.decodeText())
    )
      continue;
    out.set(key, value);
  }
  out.set(name('ColorSpace'), name('DeviceGray'));
  out.set(name('BitsPerComponent'), PDFNumber.of(8));
  return { dict: out, bytes: gray };
}

/** One byte of gray per pixel, from any depth and colour space, with the Decode array applied. */
function decodeToGray(stream: PDFRawStream, space: ColorSpace): Uint8Array {
  const dict = stream.dict;
  const width = num(dict, 'Width', 0);
  const height = num(dict, 'Height', 0);
  const pixels = width * height;
  const gray = new Uint8Array(pixels);
  if (filtersOf(dict).at(-1) === 'DCTDecode') {
    const decoded = jpeg.decode(streamBytes(stream, true), {
      useTArray: true,
      formatAsRGBA: false,
      maxMemoryUsageInMB: 2048,
    });
    const n = Math.round(decoded.data.length / Math.max(1, decoded.width * decoded.height));
    const jpegSpace: ColorSpace = n === 1 ? { kind: 'gray' } : n === 4 ? { kind: 'cmyk' } : space;
    const values = new Array<number>(n);
    for (let pixel = 0; pixel < Math.min(pixels, decoded.width * decoded.height); pixel++) {
      for (let c = 0; c < n; c++) values[c] = decoded.data[pixel * n + c]! / 255;
      gray[pixel] = Math.round(grayOf(jpegSpace, values) * 255);
    }
    return gray;
  }
  const bits = num(dict, 'BitsPerComponent', 8);
  const n = componentCount(space);
  const raw = rawSamples(stream);
  const max = 2 ** bits - 1;
  const decode = dict.lookup(name('Decode'));
  const ranges =
    decode instanceof PDFArray
      ? decode.asArray().map((value) => (value instanceof PDFNumber ? value.asNumber() : 0))
      : space.kind === 'indexed'
        ? [0, max]
        : space.kind === 'lab'
          ? [0, 100, -128, 127, -128, 127]
          : Array.from({ length: n }, () => [0, 1]).flat();
  const values = new Array<number>(n);
  // Colour images repeat few colours (text, rules, flat fills): remember each one's gray.
  const cache = new Map<number, number>();
  for (let pixel = 0; pixel < pixels; pixel++) {
    let key = 0;
    for (let c = 0; c < n; c++) {
      const sample = raw[pixel * n + c] ?? 0;
      key = key * (max + 1) + sample;
      values[c] = ranges[2 * c]! + (sample * (ranges[2 * c + 1]! - ranges[2 * c]!)) / max;
    }
    let level = n <= 4 && bits <= 8 ? cache.get(key) : undefined;
    if (level === undefined) {
      level = Math.round(grayOf(space, values) * 255);
      if (cache.size < 65536) cache.set(key, level);
    }
    gray[pixel] = level;
  }
  return gray;
}

/** The samples of an image as integers, one per component, rows unpacked from any bit depth. */
function rawSamples(stream: PDFRawStream): Uint16Array | Uint8Array {
  const dict = stream.dict;
  const width = num(dict, 'Width', 0);
  const height = num(dict, 'Height', 0);
  const bits = num(dict, 'BitsPerComponent', 8);
  const n = isImageMask(dict) ? 1 : componentCount(resolveColorSpace(dict.lookup(name('ColorSpace'))));
  const data = streamBytes(stream);
  if (bits === 8) return data;
  const perRow = width * n;
  const rowBytes = Math.ceil((perRow * bits) / 8);
  const out = bits === 16 ? new Uint16Array(perRow * height) : new Uint8Array(perRow * height);
  for (let row = 0; row < height; row++) {
    for (let i = 0; i < perRow; i++) {
      const offset = row * rowBytes;
      if (bits === 16) out[row * perRow + i] = (data[offset + 2 * i]! << 8) | data[offset + 2 * i + 1]!;
      else {
        const bit = i * bits;
        const byte = data[offset + (bit >> 3)] ?? 0;
        out[row * perRow + i] = (byte >> (8 - bits - (bit & 7))) & (2 ** bits - 1);
      }
    }
  }
  return out;
}

/** Nearest-neighbour resampling of a one-byte-per-pixel plane. */
function resample(plane: Uint8Array, width: number, height: number, toWidth: number, toHeight: number): Uint8Array {
  if (width === toWidth && height === toHeight) return plane;
  const out = new Uint8Array(toWidth * toHeight);
  for (let y = 0; y < toHeight; y++) {
    const sy = Math.min(height - 1, Math.floor((y * height) / toHeight));
    for (let x = 0; x < toWidth; x++)
      out[y * toWidth + x] = plane[sy * width + Math.min(width - 1, Math.floor((x * width) / toWidth))]!;
  }
  return out;
}
