/**
 * One-colour (K only) conversion of a finished PDF, in place, with pdf-lib: every content
 * stream (pages, forms, tiling patterns) is scanned and its colour operators rewritten to
 * DeviceGray, images are turned to gray samples, gradients get gray functions, and the
 * transparency Chromium writes is flattened onto white paper — constant opacity becomes a
 * lighter gray, an image's soft mask is composited, no-op ExtGState entries and transparency
 * groups are removed. Text stays text in its fonts; nothing is rasterised. What cannot be
 * flattened that way (a soft mask in the graphics state, a blend mode, separation colours) is
 * reported with its page, not guessed.
 */
import {
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { operatorKeys, scanContent, type Operand, type Operation } from '../../inspect/scan.ts';
import { isImageMask } from '../../inspect/resources.ts';
import { grayImage } from './images.ts';
import { grayShading, Unconvertible } from './shadings.ts';
import { resolveColorSpace, type ColorSpace } from '../../inspect/color-spaces.ts';
import { streamBytes, UndecodableStream } from '../../inspect/streams.ts';
import { registerFlateStream, writeFlateStream } from './flate.ts';
import { formatNumber, grayOf, overWhite } from './formulas.ts';

/** Something on a page the conversion could not make gray. */
export interface GrayProblem {
  /** 1-based page number. */
  page: number;
  message: string;
}

/** What the conversion did. */
export interface GrayReport {
  /** Content streams rewritten. */
  streams: number;
  /** Images turned gray. */
  images: number;
  problems: GrayProblem[];
}

type Paint = { gray: number } | { pattern: string } | undefined;

interface State {
  fillSpace: ColorSpace;
  strokeSpace: ColorSpace;
  fill: Paint;
  stroke: Paint;
  fillAlpha: number;
  strokeAlpha: number;
}

const name = (key: string) => PDFName.of(key);
const GRAY: ColorSpace = { kind: 'gray' };
/** The operators the conversion reads; the others are passed over without being decoded. */
const WANTED = operatorKeys([
  'q',
  'Q',
  'g',
  'G',
  'rg',
  'RG',
  'k',
  'K',
  'cs',
  'CS',
  'sc',
  'scn',
  'SC',
  'SCN',
  'gs',
  'Do',
  'sh',
  'BI',
]);

/** Convert every page of `pdf` to DeviceGray in place. */
export function convertToGray(pdf: PDFDocument): GrayReport {
  const converter = new GrayConverter(pdf.context);
  for (const [index, page] of pdf.getPages().entries()) {
    converter.page = index + 1;
    const resources = page.node.Resources();
    const contents = page.node.Contents();
    const refs =
      contents instanceof PDFArray
        ? contents.asArray()
        : page.node.get(name('Contents'))
          ? [page.node.get(name('Contents'))!]
          : [];
    // The streams of a page are one program: the graphics state runs on from one to the next.
    const state: State = {
      fillSpace: GRAY,
      strokeSpace: GRAY,
      fill: { gray: 0 },
      stroke: { gray: 0 },
      fillAlpha: 1,
      strokeAlpha: 1,
    };
    const stack: State[] = [];
    for (const ref of refs) converter.rewriteStream(ref, resources, state, stack);
    removeTransparencyGroup(page.node);
  }
  return converter.report;
}

class GrayConverter {
  page = 0;
  readonly report: GrayReport = { streams: 0, images: 0, problems: [] };
  private readonly done = new Set<PDFObject>();
  private readonly variants = new Map<string, PDFRef>();
  private readonly reported = new Set<string>();

  constructor(private readonly context: PDFContext) {}

  private raw(ref: PDFRef): PDFRawStream {
    const object = this.context.lookup(ref);
    if (!(object instanceof PDFRawStream)) throw new Unconvertible(`object ${ref.toString()} is not a stream`);
    return object;
  }

  private problem(message: string): void {
    const key = `${this.page} ${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.report.problems.push({ page: this.page, message });
  }

  /** Rewrite one content stream (by reference) in place. */
  rewriteStream(ref: PDFObject, resources: PDFDict | undefined, state: State, stack: State[]): void {
    const stream = this.context.lookup(ref);
    if (!(stream instanceof PDFRawStream || stream instanceof PDFContentStream) || !(ref instanceof PDFRef)) return;
    let bytes: Uint8Array;
    try {
      bytes = streamBytes(stream);
    } catch (error) {
      this.problem(`a content stream could not be read (${(error as Error).message})`);
      return;
    }
    const rewritten = this.rewriteContent(bytes, resources, state, stack);
    if (!rewritten) return;
    const dict = stream instanceof PDFRawStream ? stream.dict : stream.dict.clone(this.context);
    writeFlateStream(this.context, ref, dict, rewritten);
    this.report.streams++;
  }

  /** The content rewritten to gray, or undefined when it needs no change. */
  private rewriteContent(
    bytes: Uint8Array,
    resources: PDFDict | undefined,
    state: State,
    stack: State[],
  ): Uint8Array | undefined {
    return scanContent(bytes, (operation) => this.operation(operation, resources, state, stack), WANTED);
  }

  private operation(op: Operation, resources: PDFDict | undefined, state: State, stack: State[]): string | undefined {
    const nums = op.operands.flatMap((operand) => (operand.kind === 'number' ? [operand.value] : []));
    const fill = op.operator === op.operator.toLowerCase();
    switch (op.operator) {
      case 'q':
        stack.push({ ...state });
        return undefined;
      case 'Q':
        Object.assign(state, stack.pop() ?? state);
        return undefined;
      case 'g':
      case 'G':
      case 'rg':
      case 'RG':
      case 'k':
      case 'K': {
        const space: ColorSpace = nums.length === 1 ? GRAY : nums.length === 3 ? { kind: 'rgb' } : { kind: 'cmyk' };
        const gray = grayOf(space, nums);
        this.setSpace(state, fill, GRAY);
        this.setPaint(state, fill, { gray });
        const alpha = fill ? state.fillAlpha : state.strokeAlpha;
        if (space.kind === 'gray' && alpha >= 1) return undefined;
        return `${formatNumber(overWhite(gray, alpha))} ${fill ? 'g' : 'G'}`;
      }
      case 'cs':
      case 'CS': {
        const spaceName = lastName(op.operands);
        const space = resolveColorSpace(spaceName, resources);
        this.setSpace(state, fill, space);
        if (space.kind === 'pattern') {
          this.setPaint(state, fill, undefined);
          return undefined;
        }
        if (space.kind === 'other') {
          this.problem(`colour space ${space.name} (separation or DeviceN colour) is not converted`);
          return undefined;
        }
        const initial = space.kind === 'indexed' ? grayOf(space, [0]) : 0;
        this.setPaint(state, fill, { gray: initial });
        if (spaceName === 'DeviceGray' && initial === 0) return undefined;
        return `/DeviceGray ${op.operator}${initial === 0 ? '' : ` ${formatNumber(initial)} ${fill ? 'sc' : 'SC'}`}`;
      }
      case 'sc':
      case 'scn':
      case 'SC':
      case 'SCN': {
        const space = fill ? state.fillSpace : state.strokeSpace;
        const alpha = fill ? state.fillAlpha : state.strokeAlpha;
        if (space.kind === 'pattern') {
          const pattern = lastName(op.operands);
          if (!pattern) return undefined;
          const used = this.pattern(resources, pattern, alpha);
          this.setPaint(state, fill, { pattern });
          const under =
            space.under && nums.length > 0 ? `${formatNumber(overWhite(grayOf(space.under, nums), alpha))} ` : '';
          return used === pattern && !under ? undefined : `${under}/${used} ${op.operator}`;
        }
        if (space.kind === 'other') return undefined;
        const gray = grayOf(space, nums);
        this.setPaint(state, fill, { gray });
        if (space.kind === 'gray' && alpha >= 1) return undefined;
        return `${formatNumber(overWhite(gray, alpha))} ${fill ? 'sc' : 'SC'}`;
      }
      case 'gs':
        return this.graphicsState(op, resources, state);
      case 'Do':
        return this.xobject(op, resources, state);
      case 'sh': {
        const shading = lastName(op.operands);
        if (!shading) return undefined;
        const used = this.shading(resources, shading, state.fillAlpha);
        return used === shading ? undefined : `/${used} sh`;
      }
      case 'BI': {
        const entries = op.inlineImage?.entries ?? [];
        const at = entries.findIndex(
          (entry) => entry.kind === 'name' && (entry.value === 'CS' || entry.value === 'ColorSpace'),
        );
        const mask = entries.some(
          (entry, i) =>
            entry.kind === 'name' &&
            (entry.value === 'IM' || entry.value === 'ImageMask') &&
            entries[i + 1]?.kind === 'raw' &&
            (entries[i + 1] as { text: string }).text === 'true',
        );
        const space = at >= 0 ? entries[at + 1] : undefined;
        const gray = space?.kind === 'name' && resolveColorSpace(space.value, resources).kind === 'gray';
        if (!mask && !gray) this.problem('an inline colour image is not converted');
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private setSpace(state: State, fill: boolean, space: ColorSpace): void {
    if (fill) state.fillSpace = space;
    else state.strokeSpace = space;
  }

  private setPaint(state: State, fill: boolean, paint: Paint): void {
    if (fill) state.fill = paint;
    else state.stroke = paint;
  }

  /** `gs`: track opacity (painted later as lighter gray), clean the dictionary, re-set colours it changed. */
  private graphicsState(op: Operation, resources: PDFDict | undefined, state: State): string | undefined {
    const key = lastName(op.operands);
    const states = resources?.lookup(name('ExtGState'));
    const dict = key && states instanceof PDFDict ? states.lookup(name(key)) : undefined;
    if (!(dict instanceof PDFDict)) return undefined;
    const ca = dict.lookup(name('ca'));
    const CA = dict.lookup(name('CA'));
    const smask = dict.lookup(name('SMask'));
    const blend = dict.lookup(name('BM'));
    if (smask !== undefined && smask.toString() !== '/None') {
      this.problem('a soft mask (transparency from an SVG or CSS effect) cannot be flattened without rasterising');
    }
    const blendName = blend instanceof PDFArray ? blend.lookup(0)?.toString() : blend?.toString();
    if (blendName !== undefined && blendName !== '/Normal' && blendName !== '/Compatible') {
      this.problem(`blend mode ${blendName.slice(1)} cannot be flattened without rasterising`);
    }
    const before = { fill: state.fillAlpha, stroke: state.strokeAlpha };
    const base = this.baseAlpha;
    if (ca instanceof PDFNumber) state.fillAlpha = base.fill * ca.asNumber();
    if (CA instanceof PDFNumber) state.strokeAlpha = base.stroke * CA.asNumber();
    for (const entry of ['ca', 'CA', 'AIS', 'TK']) dict.delete(name(entry));
    if (blendName === '/Normal' || blendName === '/Compatible') dict.delete(name('BM'));
    if (smask?.toString() === '/None') dict.delete(name('SMask'));
    // Colours set before the opacity changed are painted after it: set them again, lighter.
    let tail = '';
    if (state.fillAlpha !== before.fill) tail += this.repaint(state.fill, state.fillAlpha, true, resources);
    if (state.strokeAlpha !== before.stroke) tail += this.repaint(state.stroke, state.strokeAlpha, false, resources);
    return tail ? `/${key} gs${tail}` : undefined;
  }

  /** The opacity a form was drawn at: its own `gs` multiply it (Chromium draws opacity as a group). */
  private baseAlpha = { fill: 1, stroke: 1 };

  private repaint(paint: Paint, alpha: number, fill: boolean, resources: PDFDict | undefined): string {
    if (!paint) return '';
    if ('gray' in paint)
      return ` /DeviceGray ${fill ? 'cs' : 'CS'} ${formatNumber(overWhite(paint.gray, alpha))} ${fill ? 'sc' : 'SC'}`;
    const used = this.pattern(resources, paint.pattern, alpha);
    return ` /Pattern ${fill ? 'cs' : 'CS'} /${used} ${fill ? 'scn' : 'SCN'}`;
  }

  /** `Do`: images become gray (a lighter copy under opacity), forms are rewritten like pages. */
  private xobject(op: Operation, resources: PDFDict | undefined, state: State): string | undefined {
    const key = lastName(op.operands);
    const xobjects = resources?.lookup(name('XObject'));
    if (!key || !(xobjects instanceof PDFDict)) return undefined;
    const ref = xobjects.get(name(key));
    const object = this.context.lookup(ref);
    if (!(object instanceof PDFRawStream) || !(ref instanceof PDFRef)) return undefined;
    const subtype = object.dict.lookup(name('Subtype'))?.toString();
    if (subtype === '/Image') {
      if (isImageMask(object.dict)) return undefined;
      this.image(ref, object, 1);
      if (state.fillAlpha >= 1) return undefined;
      const variant = this.variant(xobjects, key, ref, state.fillAlpha, () => this.imageVariant(ref, state.fillAlpha));
      return `/${variant} Do`;
    }
    if (subtype === '/Form') {
      this.form(ref, resources, { fill: 1, stroke: 1 });
      if (state.fillAlpha >= 1 && state.strokeAlpha >= 1) return undefined;
      const alpha = { fill: state.fillAlpha, stroke: state.strokeAlpha };
      const variant = this.variant(xobjects, key, ref, alpha.fill * 1000 + alpha.stroke, () => {
        const copy = this.raw(ref);
        const newRef = this.context.register(PDFRawStream.of(copy.dict.clone(this.context), copy.contents));
        this.done.delete(newRef);
        this.form(newRef, resources, alpha);
        return newRef;
      });
      return `/${variant} Do`;
    }
    return undefined;
  }

  private image(ref: PDFRef, stream: PDFRawStream, alpha: number): void {
    if (this.done.has(ref)) return;
    this.done.add(ref);
    try {
      const gray = grayImage(stream, this.context, alpha);
      if ('rename' in gray) stream.dict.set(name('ColorSpace'), name('DeviceGray'));
      else writeFlateStream(this.context, ref, gray.dict, gray.bytes);
      this.report.images++;
    } catch (error) {
      this.problem(`an image could not be converted (${(error as Error).message})`);
    }
  }

  private imageVariant(ref: PDFRef, alpha: number): PDFRef {
    const gray = grayImage(this.raw(ref), this.context, alpha);
    if ('rename' in gray) return ref;
    return registerFlateStream(this.context, gray.dict, gray.bytes);
  }

  /** Rewrite a form (or tiling pattern) XObject's content with its own resources. */
  private form(ref: PDFRef, outer: PDFDict | undefined, alpha: { fill: number; stroke: number }): void {
    if (this.done.has(ref)) return;
    this.done.add(ref);
    const stream = this.raw(ref);
    const own = stream.dict.lookup(name('Resources'));
    const resources = own instanceof PDFDict ? own : outer;
    const saved = this.baseAlpha;
    this.baseAlpha = alpha;
    const state: State = {
      fillSpace: GRAY,
      strokeSpace: GRAY,
      fill: { gray: 0 },
      stroke: { gray: 0 },
      fillAlpha: alpha.fill,
      strokeAlpha: alpha.stroke,
    };
    this.rewriteStream(ref, resources, state, []);
    this.baseAlpha = saved;
    removeTransparencyGroup(this.raw(ref).dict);
  }

  /** A resource under a new name for its copy painted at an opacity. */
  private variant(dict: PDFDict, key: string, ref: PDFRef, alpha: number, make: () => PDFRef): string {
    const id = `${ref.toString()} ${alpha}`;
    let variant = this.variants.get(id);
    if (!variant) {
      try {
        variant = make();
      } catch (error) {
        this.problem(`a transparent object could not be flattened (${(error as Error).message})`);
        return key;
      }
      this.variants.set(id, variant);
    }
    const variantName = `${key}_a${String(alpha).replace('.', '_')}`;
    dict.set(name(variantName), variant);
    return variantName;
  }

  /** `sh` or a shading pattern's shading: gray, under a new name when painted at an opacity. */
  private shading(resources: PDFDict | undefined, key: string, alpha: number): string {
    const shadings = resources?.lookup(name('Shading'));
    if (!(shadings instanceof PDFDict)) return key;
    const ref = shadings.get(name(key));
    if (!(ref instanceof PDFRef)) {
      const object = shadings.lookup(name(key));
      if (object) shadings.set(name(key), this.convertShading(object, 1) ?? object);
      return key;
    }
    if (!this.done.has(ref)) {
      this.done.add(ref);
      const converted = this.convertShading(this.context.lookup(ref)!, 1);
      if (converted) this.context.assign(ref, converted);
    }
    if (alpha >= 1) return key;
    return this.variant(shadings, key, ref, alpha, () =>
      this.context.register(this.convertShading(this.context.lookup(ref)!, alpha) ?? this.context.lookup(ref)!),
    );
  }

  private convertShading(shading: PDFObject, alpha: number): PDFObject | undefined {
    try {
      return grayShading(shading, this.context, alpha);
    } catch (error) {
      if (error instanceof Unconvertible || error instanceof UndecodableStream)
        this.problem(`${error.message} is not converted`);
      else throw error;
      return undefined;
    }
  }

  /** A pattern: shading patterns get a gray shading, tiling patterns are rewritten like forms. */
  private pattern(resources: PDFDict | undefined, key: string, alpha: number): string {
    const patterns = resources?.lookup(name('Pattern'));
    if (!(patterns instanceof PDFDict)) return key;
    const ref = patterns.get(name(key));
    const object = this.context.lookup(ref);
    if (!(ref instanceof PDFRef) || !object) return key;
    const dict = object instanceof PDFRawStream ? object.dict : object instanceof PDFDict ? object : undefined;
    if (!dict) return key;
    const type = dict.lookup(name('PatternType'))?.toString();
    if (type === '1' && object instanceof PDFRawStream) {
      this.form(ref, resources, { fill: 1, stroke: 1 });
      if (alpha >= 1) return key;
      return this.variant(patterns, key, ref, alpha, () => {
        const newRef = this.context.register(PDFRawStream.of(object.dict.clone(this.context), object.contents));
        this.form(newRef, resources, { fill: alpha, stroke: alpha });
        return newRef;
      });
    }
    const shadingOf = (pattern: PDFDict, painted: number): PDFObject | undefined => {
      const shading = pattern.get(name('Shading'));
      const target = this.context.lookup(shading);
      return target ? this.convertShading(target, painted) : undefined;
    };
    if (!this.done.has(ref)) {
      this.done.add(ref);
      const gray = shadingOf(dict, 1);
      if (gray) dict.set(name('Shading'), gray instanceof PDFRawStream ? this.context.register(gray) : gray);
      const states = dict.lookup(name('ExtGState'));
      if (states instanceof PDFDict) for (const entry of ['ca', 'CA', 'AIS', 'TK']) states.delete(name(entry));
    }
    if (alpha >= 1) return key;
    return this.variant(patterns, key, ref, alpha, () => {
      const copy = dict.clone(this.context);
      const gray = shadingOf(dict, alpha);
      if (gray) copy.set(name('Shading'), gray instanceof PDFRawStream ? this.context.register(gray) : gray);
      return this.context.register(copy);
    });
  }
}

function lastName(operands: readonly Operand[]): string | undefined {
  const last = operands.at(-1);
  return last?.kind === 'name' ? last.value : undefined;
}

/** Drop a `/Group << /S /Transparency >>`: once its content is opaque and Normal, it changes nothing. */
function removeTransparencyGroup(dict: PDFDict): void {
  const group = dict.lookup(name('Group'));
  if (group instanceof PDFDict && group.lookup(name('S'))?.toString() === '/Transparency') dict.delete(name('Group'));
}
