/**
 * Reading what a page paints, the way a preflight tool does: every content stream of the page
 * and of the forms it draws is run through the graphics-state interpreter, so that sizes are
 * what ends up on paper — an image's resolution where it is drawn, a line's width at
 * stroke time, the type size of text — along with every colour space and transparency used.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { resolveColorSpace, type ColorSpace } from '../color-spaces.ts';
import {
  colourOperation,
  ContentProgram,
  initialState,
  setsFill,
  multiply,
  numbersOf,
  readOperators,
  type ColourOperation,
  type ExtGStateUse,
  type GraphicsState,
  type Matrix,
} from '../graphics-state.ts';
import { formResources, isImageMask, isTransparencyGroup, lastName, lookupIn, numberArray } from '../resources.ts';
import type { Operation } from '../scan.ts';
import { streamBytes } from '../streams.ts';
import { fontMetrics, showBox, shownPieces } from './glyph-boxes.ts';

/** An image as drawn on a page. */
interface DrawnImage {
  width: number;
  height: number;
  /** Line art: one bit per pixel, or a stencil mask. */
  lineArt: boolean;
  /** Effective resolution on the page (the lower of the two axes), pixels per inch. */
  ppi: number;
  /** Where it lies on the page: the box around its unit square as the CTM draws it. */
  box: Rect;
}

/** What one page paints. */
export interface PaintFacts {
  /** Colour spaces used, by label: DeviceGray, DeviceRGB, ICCBased RGB, DeviceCMYK, Separation … */
  colorSpaces: Set<string>;
  /** Transparency used, by label: soft mask, opacity 0.5, blend mode Multiply, transparency group … */
  transparency: Set<string>;
  images: DrawnImage[];
  /** Thinnest stroke (width × scale at stroke time) and thinnest filled rectangle across its length, in points. */
  thinnestLine?: number;
  /** Smallest type size shown, in points. */
  smallestText?: number;
  /** The box round every glyph shown (glyph-boxes.ts), in page space. */
  textBox?: Rect;
  /** Whether anything is painted (inside `clip`, the trim, when given). */
  inked: boolean;
}

/** The whole state tracked; shown: colours and `gs` (for their labels) and what is drawn: text, paths, shadings, objects. */
const OPERATORS = readOperators(
  [
    ...['g', 'G', 'rg', 'RG', 'k', 'K', 'cs', 'CS', 'sc', 'scn', 'gs'],
    ...['Tj', 'TJ', "'", '"', 're', 'm', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'Do', 'BI'],
  ],
  { geometry: true, text: true },
);

/** The average scale of a matrix: lengths on the page per unit in its space. */
const scaleOf = (m: Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const;
const name = (key: string) => PDFName.of(key);

/** A rectangle in page space: x1, y1, x2, y2. */
export type Rect = readonly [number, number, number, number];

/** Read what a page paints, given its resources and content streams. */
export function walkPage(
  context: PDFContext,
  resources: PDFDict | undefined,
  contents: PDFObject[],
  clip?: Rect,
): PaintFacts {
  const facts: PaintFacts = { colorSpaces: new Set(), transparency: new Set(), images: [], inked: false };
  const walker = new Walker(context, facts, clip);
  // The streams of a page are one program: the graphics state and its stack run on.
  const program = new ContentProgram(initialState(), OPERATORS);
  for (const ref of contents) walker.stream(context.lookup(ref), resources, program);
  return facts;
}

class Walker {
  private readonly forms = new Set<PDFObject>();
  private pathRects: number[] = [];
  private pathStart?: readonly [number, number];
  /** The text matrix the current advance runs from, and the advance along it. */
  private lineMatrix?: Matrix;
  private advance = 0;

  constructor(
    private readonly context: PDFContext,
    private readonly facts: PaintFacts,
    private readonly clip?: Rect,
  ) {}

  stream(object: PDFObject | undefined, resources: PDFDict | undefined, program: ContentProgram): void {
    let bytes: Uint8Array;
    try {
      bytes = streamBytes(object!);
    } catch {
      this.facts.colorSpaces.add('unreadable content');
      return;
    }
    program.run(bytes, resources, (op, state, use) => this.operation(op, state, resources, use));
  }

  private ink(x: number, y: number, ctm: Matrix): void {
    if (this.facts.inked) return;
    const [px, py] = apply(ctm, x, y);
    const c = this.clip;
    if (!c || (px >= c[0] && px <= c[2] && py >= c[1] && py <= c[3])) this.facts.inked = true;
  }

  private space(label: string): void {
    this.facts.colorSpaces.add(label);
  }

  private operation(
    op: Operation,
    state: GraphicsState,
    resources: PDFDict | undefined,
    use: ExtGStateUse | undefined,
  ): undefined {
    const colour = colourOperation(op.operator);
    if (colour) this.colour(op, colour, state, resources);
    else if (op.operator === 'gs') {
      if (use) this.transparency(use);
    } else this.painting(op, state, resources);
    return undefined;
  }

  /** The colour space a colour operator paints in, by label; a pattern's content, where the fill paints with it. */
  private colour(op: Operation, kind: ColourOperation, state: GraphicsState, resources: PDFDict | undefined): void {
    const fill = setsFill(op);
    const { space } = fill ? state.fill : state.stroke;
    if (kind === 'device') this.space(`Device${spaceKindLabel(space)}`);
    else if (kind === 'space') {
      if (space.kind !== 'pattern') this.space(spaceLabel(lastName(op.operands), space, resources));
    } else if (fill && space.kind === 'pattern') this.pattern(resources, lastName(op.operands), state);
  }

  /** Text, paths and objects drawn: their size on the page, and whether they land on it. */
  private painting(op: Operation, state: GraphicsState, resources: PDFDict | undefined): void {
    switch (op.operator) {
      case 'Tj':
      case 'TJ':
      case "'":
      case '"': {
        if (state.renderMode === 3 || state.renderMode === 7) break;
        const m = multiply(state.textMatrix, state.ctm);
        const size = Math.abs(state.fontSize) * scaleOf(m);
        if (size > 0) this.facts.smallestText = Math.min(this.facts.smallestText ?? Infinity, size);
        this.ink(0, 0, m);
        this.glyphs(op, state, resources);
        break;
      }
      case 'sh':
        this.shading(resources, lastName(op.operands));
        this.ink(0, 0, state.ctm);
        break;
      case 'Do':
        this.xobject(resources, lastName(op.operands), state);
        break;
      case 'BI':
        this.inlineImage(op, resources, state);
        break;
      default:
        this.path(op, state);
    }
  }

  /** The shown string's box, added to the page's text box; the advance runs on until the text matrix is set again. */
  private glyphs(op: Operation, state: GraphicsState, resources: PDFDict | undefined): void {
    if (state.textMatrix !== this.lineMatrix) {
      this.lineMatrix = state.textMatrix;
      this.advance = 0;
    }
    const metrics = fontMetrics(lookupIn(resources, 'Font', state.font));
    const { box, advance } = showBox(shownPieces(op.operands), state, metrics, this.advance);
    this.advance = advance;
    const t = this.facts.textBox;
    this.facts.textBox = t
      ? [Math.min(t[0], box[0]), Math.min(t[1], box[1]), Math.max(t[2], box[2]), Math.max(t[3], box[3])]
      : box;
  }

  /** Path construction and painting: rectangles kept until the path is painted. */
  private path(op: Operation, state: GraphicsState): void {
    switch (op.operator) {
      case 're': {
        const r = numbersOf(op);
        if (r.length === 4) {
          this.pathRects.push(...r);
          this.pathStart ??= [r[0]!, r[1]!];
        }
        break;
      }
      case 'm': {
        const [x = 0, y = 0] = numbersOf(op);
        this.pathStart ??= [x, y];
        this.pathRects.length = 0;
        this.pathRects.push(NaN);
        break;
      }
      case 'S':
      case 's':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
      case 'f':
      case 'F':
      case 'f*': {
        const stroke = !op.operator.startsWith('f') && op.operator !== 'F';
        if (stroke) this.line(state.lineWidth * scaleOf(state.ctm));
        else this.thinRects(state.ctm);
        if (this.pathStart) this.ink(this.pathStart[0], this.pathStart[1], state.ctm);
        this.pathRects = [];
        this.pathStart = undefined;
      }
    }
  }

  private line(width: number): void {
    this.facts.thinnestLine = Math.min(this.facts.thinnestLine ?? Infinity, width);
  }

  /** Filled rectangles drawn as rules: the narrower side of each, when the other is long. */
  private thinRects(ctm: Matrix): void {
    const r = this.pathRects;
    if (r.length === 0 || r.some(Number.isNaN)) return;
    for (let i = 0; i + 3 < r.length; i += 4) {
      const [x0, y0] = apply(ctm, 0, 0);
      const [wx, wy] = apply(ctm, r[i + 2]!, 0);
      const [hx, hy] = apply(ctm, 0, r[i + 3]!);
      const width = Math.hypot(wx - x0, wy - y0);
      const height = Math.hypot(hx - x0, hy - y0);
      const thin = Math.min(width, height);
      if (Math.max(width, height) >= 2 && thin > 0) this.line(thin);
    }
  }

  /** What a `gs` holds as transparency, by label. */
  private transparency(use: ExtGStateUse): void {
    for (const opacity of [use.fillOpacity, use.strokeOpacity])
      if (opacity !== undefined && opacity < 1) this.facts.transparency.add(`opacity ${opacity}`);
    if (use.softMask) this.facts.transparency.add('soft mask');
    if (use.blendMode) this.facts.transparency.add(`blend mode ${use.blendMode}`);
  }

  private shading(resources: PDFDict | undefined, key: string | undefined, shading?: PDFObject): void {
    const object = shading ?? lookupIn(resources, 'Shading', key);
    const dict = object instanceof PDFRawStream ? object.dict : object;
    if (!(dict instanceof PDFDict)) return;
    const value = dict.lookup(name('ColorSpace'));
    this.space(spaceLabel(value, resolveColorSpace(value, resources), resources));
  }

  private pattern(resources: PDFDict | undefined, key: string | undefined, state: GraphicsState): void {
    const object = lookupIn(resources, 'Pattern', key);
    if (object instanceof PDFRawStream) this.form(object, resources, state);
    else if (object instanceof PDFDict) this.shading(resources, undefined, object.lookup(name('Shading')));
  }

  private xobject(resources: PDFDict | undefined, key: string | undefined, state: GraphicsState): void {
    const object = lookupIn(resources, 'XObject', key);
    if (!(object instanceof PDFRawStream)) return;
    const subtype = object.dict.lookup(name('Subtype'))?.toString();
    if (subtype === '/Image') {
      this.image(object.dict, resources, state.ctm);
      this.ink(0.5, 0.5, state.ctm);
    } else if (subtype === '/Form') this.form(object, resources, state);
  }

  private form(stream: PDFRawStream, outer: PDFDict | undefined, state: GraphicsState): void {
    // A form drawn twice is read twice (its placement differs), but never inside itself.
    if (this.forms.has(stream)) return;
    this.forms.add(stream);
    if (isTransparencyGroup(stream.dict)) this.facts.transparency.add('transparency group');
    const matrix = numberArray(stream.dict.lookup(name('Matrix')));
    const ctm = matrix.length === 6 ? multiply(matrix as Matrix, state.ctm) : state.ctm;
    const program = new ContentProgram({ ...state, ctm }, OPERATORS);
    this.stream(stream, formResources(stream.dict, outer), program);
    this.forms.delete(stream);
  }

  private image(dict: PDFDict, resources: PDFDict | undefined, ctm: Matrix): void {
    const width = numberOf(dict, 'Width');
    const height = numberOf(dict, 'Height');
    const mask = isImageMask(dict);
    if (!mask) {
      const value = dict.lookup(name('ColorSpace'));
      this.space(spaceLabel(value, resolveColorSpace(value, resources), resources));
    }
    if (dict.has(name('SMask')) || dict.lookup(name('SMaskInData'))?.toString() === '1')
      this.facts.transparency.add('image soft mask');
    // The image's unit square lands on the page as the parallelogram of the CTM's two axes.
    const across = Math.hypot(ctm[0], ctm[1]) / 72;
    const down = Math.hypot(ctm[2], ctm[3]) / 72;
    const ppi = Math.min(across > 0 ? width / across : Infinity, down > 0 ? height / down : Infinity);
    const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    const box: Rect = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    this.facts.images.push({ width, height, lineArt: mask || numberOf(dict, 'BitsPerComponent') === 1, ppi, box });
  }

  private inlineImage(op: Operation, resources: PDFDict | undefined, state: GraphicsState): void {
    const entries = op.inlineImage?.entries ?? [];
    const get = (...keys: string[]) => {
      const at = entries.findIndex((entry) => entry.kind === 'name' && keys.includes(entry.value));
      return at >= 0 ? entries[at + 1] : undefined;
    };
    const dict = this.context.obj({}) as PDFDict;
    const w = get('W', 'Width');
    const h = get('H', 'Height');
    const bpc = get('BPC', 'BitsPerComponent');
    const cs = get('CS', 'ColorSpace');
    const im = get('IM', 'ImageMask');
    if (w?.kind === 'number') dict.set(name('Width'), PDFNumber.of(w.value));
    if (h?.kind === 'number') dict.set(name('Height'), PDFNumber.of(h.value));
    if (bpc?.kind === 'number') dict.set(name('BitsPerComponent'), PDFNumber.of(bpc.value));
    if (cs?.kind === 'name') dict.set(name('ColorSpace'), name(cs.value));
    if (im?.kind === 'raw' && im.text === 'true') dict.set(name('ImageMask'), this.context.obj(true));
    this.image(dict, resources, state.ctm);
    this.ink(0.5, 0.5, state.ctm);
  }
}

function numberOf(dict: PDFDict, key: string): number {
  const value = dict.lookup(name(key));
  return value instanceof PDFNumber ? value.asNumber() : 0;
}

/** A colour space as a person reads it in a report: DeviceRGB, ICCBased RGB, Separation … */
function spaceLabel(value: PDFObject | string | undefined, space: ColorSpace, resources?: PDFDict): string {
  const raw =
    typeof value === 'string'
      ? value
      : value instanceof PDFName
        ? value.decodeText()
        : value instanceof PDFArray
          ? (value.lookup(0)?.toString().slice(1) ?? '')
          : '';
  const named = typeof value === 'string' ? resources?.lookup(name('ColorSpace')) : undefined;
  const resolved = named instanceof PDFDict && typeof value === 'string' ? named.lookup(name(value)) : undefined;
  const family = resolved instanceof PDFArray ? (resolved.lookup(0)?.toString().slice(1) ?? raw) : raw;
  const kind = {
    gray: 'Gray',
    rgb: 'RGB',
    cmyk: 'CMYK',
    lab: 'Lab',
    indexed: 'Indexed',
    pattern: 'Pattern',
    other: '',
  }[space.kind];
  if (family.startsWith('Device')) return family;
  if (space.kind === 'indexed') return `Indexed ${spaceKindLabel(space.base)}`;
  if (space.kind === 'other') return space.name;
  return family && family !== kind ? `${family} ${kind}` : `Device${kind}`;
}

function spaceKindLabel(space: ColorSpace): string {
  return space.kind === 'gray' ? 'Gray' : space.kind === 'rgb' ? 'RGB' : space.kind === 'cmyk' ? 'CMYK' : space.kind;
}
