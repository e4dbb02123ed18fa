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
  PDFRawStream,
  PDFRef,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { resolveColorSpace, type ColorSpace } from '../../inspect/color-spaces.ts';
import {
  colourOperation,
  ContentProgram,
  initialState,
  setsFill,
  readOperators,
  type Colour,
  type ExtGStateUse,
  type GraphicsState,
  type Opacity,
} from '../../inspect/graphics-state.ts';
import { formResources, isImageMask, isTransparencyGroup, lastName } from '../../inspect/resources.ts';
import type { Operation } from '../../inspect/scan.ts';
import { grayImage } from './images.ts';
import { grayShading, Unconvertible } from './shadings.ts';
import { streamBytes, UndecodableStream } from '../../inspect/streams.ts';
import { registerFlateStream, writeFlateStream } from './flate.ts';
import { formatNumber, grayOf, overWhite } from './formulas.ts';

/** Something on a page the conversion could not make gray. */
interface GrayProblem {
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

const name = (key: string) => PDFName.of(key);
/** Colour and opacity tracked; shown: what they set, and what is drawn (objects, shadings, inline images). */
const OPERATORS = readOperators([
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
/** The ExtGState entries of opacity, which the conversion paints as lighter gray instead. */
const OPACITY_ENTRIES = ['ca', 'CA', 'AIS', 'TK'];

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
    const program = new ContentProgram(initialState(), OPERATORS);
    for (const ref of refs) converter.rewriteStream(ref, resources, program);
    removeTransparencyGroup(page.node);
  }
  converter.cleanStates();
  return converter.report;
}

class GrayConverter {
  page = 0;
  readonly report: GrayReport = { streams: 0, images: 0, problems: [] };
  private readonly done = new Set<PDFObject>();
  private readonly variants = new Map<string, PDFRef>();
  private readonly reported = new Set<string>();
  /**
   * The ExtGStates read, cleaned only once every page is converted: one state serves every page
   * and form that names it, and each must still find its opacity there.
   */
  private readonly states = new Map<PDFDict, ExtGStateUse>();

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

  /** Take out of every ExtGState read what is now painted as gray: opacity, a Normal blend mode, a `/None` soft mask. */
  cleanStates(): void {
    for (const [dict, use] of this.states) {
      for (const entry of OPACITY_ENTRIES) dict.delete(name(entry));
      if (use.blendMode === undefined) dict.delete(name('BM'));
      if (!use.softMask) dict.delete(name('SMask'));
    }
  }

  /** Rewrite one content stream (by reference) in place, running on `program`'s state. */
  rewriteStream(ref: PDFObject, resources: PDFDict | undefined, program: ContentProgram): void {
    const stream = this.context.lookup(ref);
    if (!(stream instanceof PDFRawStream || stream instanceof PDFContentStream) || !(ref instanceof PDFRef)) return;
    let bytes: Uint8Array;
    try {
      bytes = streamBytes(stream);
    } catch (error) {
      this.problem(`a content stream could not be read (${(error as Error).message})`);
      return;
    }
    const rewritten = program.run(bytes, resources, (op, state, use) => this.operation(op, state, resources, use));
    if (!rewritten) return;
    const dict = stream instanceof PDFRawStream ? stream.dict : stream.dict.clone(this.context);
    writeFlateStream(this.context, ref, dict, rewritten);
    this.report.streams++;
  }

  /** One operation, in the state it runs in: its gray replacement, or undefined when it stays. */
  private operation(
    op: Operation,
    state: GraphicsState,
    resources: PDFDict | undefined,
    use: ExtGStateUse | undefined,
  ): string | undefined {
    switch (colourOperation(op.operator)) {
      case 'device':
        return this.deviceColour(op, state);
      case 'space':
        return this.colourSpace(op, state);
      case 'components':
        return this.components(op, state, resources);
    }
    switch (op.operator) {
      case 'gs':
        return use && this.graphicsState(use, state, resources);
      case 'Do':
        return this.xobject(op, resources, state);
      case 'sh': {
        const shading = lastName(op.operands);
        if (!shading) return undefined;
        const used = this.shading(resources, shading, state.alpha.fill);
        return used === shading ? undefined : `/${used} sh`;
      }
      case 'BI':
        this.inlineImage(op, resources);
        return undefined;
      default:
        return undefined;
    }
  }

  /** `g` `rg` `k` (and stroking): the colour as gray, lighter under opacity. */
  private deviceColour(op: Operation, state: GraphicsState): string | undefined {
    const fill = setsFill(op);
    const { space, components = [] } = fill ? state.fill : state.stroke;
    const alpha = fill ? state.alpha.fill : state.alpha.stroke;
    if (space.kind === 'gray' && alpha >= 1) return undefined;
    return `${formatNumber(overWhite(grayOf(space, components), alpha))} ${fill ? 'g' : 'G'}`;
  }

  /** `cs` `CS`: DeviceGray instead, with the gray of the space's initial colour. */
  private colourSpace(op: Operation, state: GraphicsState): string | undefined {
    const fill = setsFill(op);
    const { space } = fill ? state.fill : state.stroke;
    if (space.kind === 'pattern') return undefined;
    if (space.kind === 'other') {
      this.problem(`colour space ${space.name} (separation or DeviceN colour) is not converted`);
      return undefined;
    }
    const initial = initialGray(space);
    if (lastName(op.operands) === 'DeviceGray' && initial === 0) return undefined;
    return `/DeviceGray ${op.operator}${initial === 0 ? '' : ` ${formatNumber(initial)} ${fill ? 'sc' : 'SC'}`}`;
  }

  /** `sc` `scn` `SC` `SCN`: the components as gray, or a pattern made gray (under a new name at an opacity). */
  private components(op: Operation, state: GraphicsState, resources: PDFDict | undefined): string | undefined {
    const fill = setsFill(op);
    const { space, components = [] } = fill ? state.fill : state.stroke;
    const alpha = fill ? state.alpha.fill : state.alpha.stroke;
    if (space.kind === 'pattern') {
      const pattern = lastName(op.operands);
      if (!pattern) return undefined;
      const used = this.pattern(resources, pattern, alpha);
      const under =
        space.under && components.length > 0
          ? `${formatNumber(overWhite(grayOf(space.under, components), alpha))} `
          : '';
      return used === pattern && !under ? undefined : `${under}/${used} ${op.operator}`;
    }
    if (space.kind === 'other') return undefined;
    if (space.kind === 'gray' && alpha >= 1) return undefined;
    return `${formatNumber(overWhite(grayOf(space, components), alpha))} ${fill ? 'sc' : 'SC'}`;
  }

  /** An inline image: only a gray one or a stencil mask can stay. */
  private inlineImage(op: Operation, resources: PDFDict | undefined): void {
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
  }

  /**
   * `gs`: the opacity it sets is painted later as lighter gray, so the dictionary will lose it (and
   * a Normal blend mode, a `/None` soft mask); colours set before the opacity changed are set again.
   */
  private graphicsState(use: ExtGStateUse, state: GraphicsState, resources: PDFDict | undefined): string | undefined {
    if (use.softMask)
      this.problem('a soft mask (transparency from an SVG or CSS effect) cannot be flattened without rasterising');
    if (use.blendMode !== undefined)
      this.problem(`blend mode ${use.blendMode} cannot be flattened without rasterising`);
    if (!this.states.has(use.dict)) this.states.set(use.dict, use);
    let tail = '';
    if (state.alpha.fill !== use.before.fill)
      tail += this.repaint(paintOf(state.fill), state.alpha.fill, true, resources);
    if (state.alpha.stroke !== use.before.stroke)
      tail += this.repaint(paintOf(state.stroke), state.alpha.stroke, false, resources);
    return tail ? `/${use.key} gs${tail}` : undefined;
  }

  private repaint(paint: Paint, alpha: number, fill: boolean, resources: PDFDict | undefined): string {
    if (!paint) return '';
    if ('gray' in paint)
      return ` /DeviceGray ${fill ? 'cs' : 'CS'} ${formatNumber(overWhite(paint.gray, alpha))} ${fill ? 'sc' : 'SC'}`;
    const used = this.pattern(resources, paint.pattern, alpha);
    return ` /Pattern ${fill ? 'cs' : 'CS'} /${used} ${fill ? 'scn' : 'SCN'}`;
  }

  /** `Do`: images become gray (a lighter copy under opacity), forms are rewritten like pages. */
  private xobject(op: Operation, resources: PDFDict | undefined, state: GraphicsState): string | undefined {
    const key = lastName(op.operands);
    const xobjects = resources?.lookup(name('XObject'));
    if (!key || !(xobjects instanceof PDFDict)) return undefined;
    const ref = xobjects.get(name(key));
    const object = this.context.lookup(ref);
    if (!(object instanceof PDFRawStream) || !(ref instanceof PDFRef)) return undefined;
    const subtype = object.dict.lookup(name('Subtype'))?.toString();
    const { alpha } = state;
    if (subtype === '/Image') {
      if (isImageMask(object.dict)) return undefined;
      this.image(ref, object, 1);
      if (alpha.fill >= 1) return undefined;
      const variant = this.variant(xobjects, key, ref, alpha.fill, () => this.imageVariant(ref, alpha.fill));
      return `/${variant} Do`;
    }
    if (subtype === '/Form') {
      this.form(ref, resources, { fill: 1, stroke: 1 });
      if (alpha.fill >= 1 && alpha.stroke >= 1) return undefined;
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

  /** Rewrite a form (or tiling pattern) XObject's content with its own resources, as drawn at `alpha`. */
  private form(ref: PDFRef, outer: PDFDict | undefined, alpha: Opacity): void {
    if (this.done.has(ref)) return;
    this.done.add(ref);
    const resources = formResources(this.raw(ref).dict, outer);
    // A form starts from the initial state; its own `gs` multiply the opacity it is drawn at.
    this.rewriteStream(ref, resources, new ContentProgram(initialState(alpha), OPERATORS));
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
      if (states instanceof PDFDict) for (const entry of OPACITY_ENTRIES) states.delete(name(entry));
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

/** The gray of a space's initial colour (black, or an indexed space's first entry). */
function initialGray(space: ColorSpace): number {
  return space.kind === 'indexed' ? grayOf(space, [0]) : 0;
}

/** What a colour paints, as the conversion repaints it under a new opacity. */
function paintOf(colour: Colour): Paint {
  const { space, components, pattern } = colour;
  if (space.kind === 'pattern') return pattern === undefined ? undefined : { pattern };
  if (space.kind === 'other') return undefined;
  return { gray: components ? grayOf(space, components) : initialGray(space) };
}

/** Drop a `/Group << /S /Transparency >>`: once its content is opaque and Normal, it changes nothing. */
function removeTransparencyGroup(dict: PDFDict): void {
  if (isTransparencyGroup(dict)) dict.delete(name('Group'));
}
