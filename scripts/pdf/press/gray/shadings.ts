/**
 * Smooth shadings (gradients) to DeviceGray: the colour functions are rewritten to give one
 * gray output — exponential (type 2) end colours converted, stitching (type 3) functions
 * converted piece by piece, sampled (type 0) tables recomputed, and PostScript calculator
 * (type 4) functions given the luminance formula as a tail. Shadings whose colours sit in a
 * mesh's vertex data are not converted: the caller reports them.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { componentCount, resolveColorSpace, type ColorSpace } from '../../inspect/color-spaces.ts';
import { formatNumber, grayOf, overWhite } from './formulas.ts';
import { streamBytes } from '../../inspect/streams.ts';

/** A colour construct that cannot be turned gray without rasterising it. */
export class Unconvertible extends Error {}

const name = (key: string) => PDFName.of(key);
const numbers = (value: PDFObject | undefined): number[] =>
  value instanceof PDFArray ? value.asArray().map((item) => (item instanceof PDFNumber ? item.asNumber() : 0)) : [];
const numberArray = (context: PDFContext, values: readonly number[]) =>
  context.obj(values.map((value) => Number(formatNumber(value))));

/** A gray version of a shading (dictionary or stream) painted at opacity `alpha`. */
export function grayShading(shading: PDFObject, context: PDFContext, alpha: number): PDFObject {
  const dict = shading instanceof PDFRawStream ? shading.dict : shading;
  if (!(dict instanceof PDFDict)) throw new Unconvertible('a shading that is not a dictionary');
  const space = resolveColorSpace(dict.lookup(name('ColorSpace')));
  if (space.kind === 'gray' && alpha >= 1) return shading;
  const toGray = (values: readonly number[]) => overWhite(grayOf(space, values), alpha);
  const out = dict.clone(context);
  out.set(name('ColorSpace'), name('DeviceGray'));
  const background = dict.lookup(name('Background'));
  if (background) out.set(name('Background'), numberArray(context, [toGray(numbers(background))]));
  const fn = dict.lookup(name('Function'));
  if (fn) out.set(name('Function'), grayFunction(fn, space, context, toGray));
  else if (shading instanceof PDFRawStream) {
    throw new Unconvertible('a mesh shading with colours in its vertices');
  }
  if (shading instanceof PDFRawStream) return PDFRawStream.of(out, shading.contents);
  return out;
}

/** A function (or array of one-output functions) producing the colour, rewritten to output gray. */
function grayFunction(
  fn: PDFObject,
  space: ColorSpace,
  context: PDFContext,
  toGray: (values: readonly number[]) => number,
): PDFObject {
  if (fn instanceof PDFArray) {
    // One function per component: exponential ones over a shared domain merge into one.
    const dicts = fn.asArray().map((item) => context.lookup(item));
    if (dicts.every((part) => part instanceof PDFDict && part.lookup(name('FunctionType'))?.toString() === '2')) {
      const parts = dicts as PDFDict[];
      const c0 = parts.map((part) => numbers(part.lookup(name('C0')))[0] ?? 0);
      const c1 = parts.map((part) => numbers(part.lookup(name('C1')))[0] ?? 1);
      const out = parts[0]!.clone(context);
      out.set(name('C0'), numberArray(context, [toGray(c0)]));
      out.set(name('C1'), numberArray(context, [toGray(c1)]));
      out.delete(name('Range'));
      return out;
    }
    throw new Unconvertible('a gradient with one colour function per component');
  }
  const object = fn instanceof PDFRawStream ? fn : fn instanceof PDFDict ? fn : undefined;
  const dict = object instanceof PDFRawStream ? object.dict : object;
  if (!dict) throw new Unconvertible('a gradient whose colour function is unreadable');
  const type = (dict.lookup(name('FunctionType')) as PDFNumber | undefined)?.asNumber();
  const n = componentCount(space);
  if (type === 2) {
    const out = dict.clone(context);
    out.set(
      name('C0'),
      numberArray(context, [toGray(dict.has(name('C0')) ? numbers(dict.lookup(name('C0'))) : Array(n).fill(0))]),
    );
    out.set(
      name('C1'),
      numberArray(context, [toGray(dict.has(name('C1')) ? numbers(dict.lookup(name('C1'))) : Array(n).fill(1))]),
    );
    out.delete(name('Range'));
    return out;
  }
  if (type === 3) {
    const out = dict.clone(context);
    const functions = dict.lookup(name('Functions'));
    if (!(functions instanceof PDFArray)) throw new Unconvertible('a stitching gradient without functions');
    out.set(
      name('Functions'),
      context.obj(functions.asArray().map((item) => grayFunction(context.lookup(item)!, space, context, toGray))),
    );
    out.delete(name('Range'));
    return out;
  }
  if (type === 0 && object instanceof PDFRawStream) return graySampled(object, context, toGray);
  if (type === 4 && object instanceof PDFRawStream) {
    const code = Buffer.from(streamBytes(object)).toString('latin1').trim();
    const inner = code.replace(/^\{/, '').replace(/\}$/, '');
    const tail =
      space.kind === 'rgb'
        ? '0.11 mul exch 0.59 mul add exch 0.3 mul add'
        : space.kind === 'cmyk'
          ? 'exch 0.11 mul add exch 0.59 mul add exch 0.3 mul add 1 min 1 exch sub'
          : space.kind === 'gray'
            ? ''
            : undefined;
    if (tail === undefined) throw new Unconvertible(`a calculator gradient in ${space.kind}`);
    // Painting at an opacity over white maps gray g to alpha × g + (1 − alpha): the gray of black gives it.
    const low = toGray(space.kind === 'cmyk' ? [0, 0, 0, 1] : Array<number>(n).fill(0));
    const affine = low === 0 ? '' : ` ${formatNumber(1 - low)} mul ${formatNumber(low)} add`;
    const out = dict.clone(context);
    out.set(name('Range'), context.obj([0, 1]));
    return PDFRawStream.of(out, Buffer.from(`{${inner} ${tail}${affine}}`, 'latin1'));
  }
  throw new Unconvertible(`a gradient with a type ${type ?? '?'} colour function`);
}

/** A sampled function recomputed with one gray output per sample. */
function graySampled(
  fn: PDFRawStream,
  context: PDFContext,
  toGray: (values: readonly number[]) => number,
): PDFRawStream {
  const dict = fn.dict;
  const bits = (dict.lookup(name('BitsPerSample')) as PDFNumber | undefined)?.asNumber() ?? 8;
  const range = numbers(dict.lookup(name('Range')));
  const decode = dict.has(name('Decode')) ? numbers(dict.lookup(name('Decode'))) : range;
  const outputs = range.length / 2;
  const data = streamBytes(fn);
  const max = 2 ** bits - 1;
  const total = Math.floor((data.length * 8) / bits / Math.max(1, outputs));
  const read = (index: number) => {
    const bit = index * bits;
    let value = 0;
    for (let b = 0; b < bits; b++) {
      const at = bit + b;
      value = (value << 1) | ((data[at >> 3]! >> (7 - (at & 7))) & 1);
    }
    return value;
  };
  const out = new Uint8Array(total);
  const values = new Array<number>(outputs);
  for (let sample = 0; sample < total; sample++) {
    for (let c = 0; c < outputs; c++) {
      values[c] = decode[2 * c]! + (read(sample * outputs + c) * (decode[2 * c + 1]! - decode[2 * c]!)) / max;
    }
    out[sample] = Math.round(toGray(values) * 255);
  }
  const newDict = dict.clone(context);
  newDict.set(name('BitsPerSample'), PDFNumber.of(8));
  newDict.set(name('Range'), context.obj([0, 1]));
  newDict.delete(name('Decode'));
  newDict.delete(name('Filter'));
  newDict.delete(name('DecodeParms'));
  return PDFRawStream.of(newDict, out);
}
