/**
 * The graphics state a content stream runs in (ISO 32000-1 8.4), kept the way a PDF consumer
 * keeps it while it reads: the `q`/`Q` stack, the transformation matrix and line width, the fill
 * and stroke colours with their colour spaces, the opacity a `gs` sets, and the text state the
 * type size is measured with. The preflight, which reads what a page paints, and the gray
 * conversion, which rewrites it, both read content through this one interpreter: each sees every
 * operation with the state it runs in, so the two cannot come to disagree about what a `Q`
 * restores or at what opacity something is painted.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber } from 'pdf-lib';
import { resolveColorSpace, type ColorSpace } from './color-spaces.ts';
import { lastName, lookupIn } from './resources.ts';
import { operatorKeys, scanContent, type Operation } from './scan.ts';

/** A transformation matrix `[a b c d e f]`. */
export type Matrix = [number, number, number, number, number, number];

/** The identity matrix. */
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Multiply two matrices: `m` applied first, then `n`. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** A colour as the content set it: its space, its components (none yet: the space's initial colour), its pattern. */
export interface Colour {
  space: ColorSpace;
  components?: readonly number[];
  /** The pattern's resource name, in a Pattern space. */
  pattern?: string;
}

/** Fill and stroke opacity, each from 0 to 1. */
export interface Opacity {
  fill: number;
  stroke: number;
}

/** The graphics state between two operations. */
export interface GraphicsState {
  ctm: Matrix;
  lineWidth: number;
  fill: Colour;
  stroke: Colour;
  /** The opacity things are painted at: the group's (a form drawn at an opacity) times the last `gs`'s. */
  alpha: Opacity;
  fontSize: number;
  /** The font resource `Tf` named. */
  font?: string;
  /**
   * The text line matrix (`BT`, `Tm`, `Td`, `TD`, `T*`); showing text does not move it here. Each
   * of those operators sets a new array, so a reader can tell that a line started.
   */
  textMatrix: Matrix;
  renderMode: number;
  /** The text state's spacing (`Tc`, `Tw`), horizontal scale in percent (`Tz`), leading (`TL`) and rise (`Ts`). */
  charSpacing: number;
  wordSpacing: number;
  horizontalScale: number;
  leading: number;
  rise: number;
}

/** A `gs` operation: the ExtGState it named, what it holds as transparency, and the opacity before it. */
export interface ExtGStateUse {
  key: string;
  dict: PDFDict;
  /** `ca` and `CA` as written, not yet multiplied by the group's opacity. */
  fillOpacity?: number;
  strokeOpacity?: number;
  /** A soft mask other than `/None`. */
  softMask: boolean;
  /** A blend mode other than Normal or Compatible, by name (without its slash). */
  blendMode?: string;
  /** The opacity in force before this operation. */
  before: Opacity;
}

/** The state at the start of a page, or of a form drawn at `alpha`. */
export function initialState(alpha: Opacity = { fill: 1, stroke: 1 }): GraphicsState {
  const black: Colour = { space: { kind: 'gray' } };
  return {
    ctm: IDENTITY,
    lineWidth: 1,
    fill: black,
    stroke: black,
    alpha,
    fontSize: 0,
    textMatrix: IDENTITY,
    renderMode: 0,
    charSpacing: 0,
    wordSpacing: 0,
    horizontalScale: 100,
    leading: 0,
    rise: 0,
  };
}

/** The numeric operands of an operation. */
export function numbersOf(op: Operation): number[] {
  const list: number[] = [];
  for (const operand of op.operands) if (operand.kind === 'number') list.push(operand.value);
  return list;
}

/** What a colour operator sets: a device colour with its space (`g` `rg` `k`), a colour space (`cs`), components (`sc` `scn`). */
export type ColourOperation = 'device' | 'space' | 'components';

const COLOUR_OPERATIONS = new Map<string, ColourOperation>([
  ...['g', 'G', 'rg', 'RG', 'k', 'K'].map((operator) => [operator, 'device'] as const),
  ...['cs', 'CS'].map((operator) => [operator, 'space'] as const),
  ...['sc', 'scn', 'SC', 'SCN'].map((operator) => [operator, 'components'] as const),
]);

/** Which kind of colour operator an operator is, if it is one. */
export function colourOperation(operator: string): ColourOperation | undefined {
  return COLOUR_OPERATIONS.get(operator);
}

/** Whether a colour operator sets the fill colour (its name in lower case) rather than the stroke colour. */
export function setsFill(op: Operation): boolean {
  return op.operator === op.operator.toLowerCase();
}

// The operators the state takes in: colour and opacity always, geometry and text when tracked.
const KEY = { ca: PDFName.of('ca'), CA: PDFName.of('CA'), SMask: PDFName.of('SMask'), BM: PDFName.of('BM') };
const COLOUR_OPERATORS = ['q', 'Q', 'gs', ...COLOUR_OPERATIONS.keys()];
const GEOMETRY_OPERATORS = ['cm', 'w'];
const TEXT_OPERATORS = ['BT', 'Tf', 'Tm', 'Td', 'TD', 'Tr', 'Tc', 'Tw', 'Tz', 'TL', 'Ts', 'T*', "'", '"'];
const STATE_OPERATORS = new Set([...COLOUR_OPERATORS, ...GEOMETRY_OPERATORS, ...TEXT_OPERATORS]);

/**
 * Which parts of the state to keep besides colour and opacity: the geometry (`cm`, `w`) and the
 * text state. Each costs the decoding of operators that are everywhere in a book's pages.
 */
export interface Tracking {
  geometry?: boolean;
  text?: boolean;
}

/** The operators a content stream is scanned for (those the state takes in, and the reader's), and those the reader is shown. */
export interface ReadOperators {
  scanned: ReadonlySet<number>;
  shown: ReadonlySet<string>;
}

/** The operators for a reader shown `shown` (state operators among them, or text, paths, `Do` …) that tracks `tracking`. */
export function readOperators(shown: readonly string[], tracking: Tracking = {}): ReadOperators {
  const scanned = operatorKeys([
    ...COLOUR_OPERATORS,
    ...(tracking.geometry ? GEOMETRY_OPERATORS : []),
    ...(tracking.text ? TEXT_OPERATORS : []),
    ...shown,
  ]);
  return { scanned, shown: new Set(shown) };
}

/**
 * Called for each operation the reader is shown, once the state has taken it in (for `gs`, with
 * what the ExtGState held); a string returned replaces the operation in the stream.
 */
export type Visit = (op: Operation, state: GraphicsState, use?: ExtGStateUse) => string | undefined;

/**
 * One program of content: a page's streams, which share their state and stack from one to the
 * next, or a form's. The group's opacity, which every `gs` inside multiplies, is the opacity the
 * program starts at.
 */
export class ContentProgram {
  private readonly stack: GraphicsState[] = [];
  private readonly group: Opacity;

  /** Start from `state`, which the content changes in place, showing the reader `operators`. */
  constructor(
    readonly state: GraphicsState,
    private readonly operators: ReadOperators,
  ) {
    this.group = state.alpha;
  }

  /** Run one stream; returns it rewritten when `visit` replaced anything. */
  run(bytes: Uint8Array, resources: PDFDict | undefined, visit: Visit): Uint8Array | undefined {
    return scanContent(
      bytes,
      (op) => {
        const use = STATE_OPERATORS.has(op.operator) ? this.apply(op, resources) : undefined;
        return this.operators.shown.has(op.operator) ? visit(op, this.state, use) : undefined;
      },
      this.operators.scanned,
    );
  }

  /** Take one operation into the state; for `gs`, what its ExtGState held. */
  private apply(op: Operation, resources: PDFDict | undefined): ExtGStateUse | undefined {
    const state = this.state;
    const colour = COLOUR_OPERATIONS.get(op.operator);
    if (colour) {
      setColour(op, state, colour, resources);
      return undefined;
    }
    switch (op.operator) {
      case 'q':
        this.stack.push({ ...state });
        break;
      case 'Q':
        Object.assign(state, this.stack.pop() ?? state);
        break;
      case 'gs':
        return this.extGState(op, resources);
      case 'cm': {
        const m = numbersOf(op);
        if (m.length === 6) state.ctm = multiply(m as Matrix, state.ctm);
        break;
      }
      case 'w':
        state.lineWidth = numbersOf(op)[0] ?? state.lineWidth;
        break;
      default:
        setText(op, state);
    }
    return undefined;
  }

  /** `gs`: the opacity it sets, multiplied by the group's, and what it holds as transparency. */
  private extGState(op: Operation, resources: PDFDict | undefined): ExtGStateUse | undefined {
    const key = lastName(op.operands);
    const dict = lookupIn(resources, 'ExtGState', key);
    if (!key || !(dict instanceof PDFDict)) return undefined;
    const state = this.state;
    const before = state.alpha;
    const ca = dict.lookup(KEY.ca);
    const CA = dict.lookup(KEY.CA);
    const fillOpacity = ca instanceof PDFNumber ? ca.asNumber() : undefined;
    const strokeOpacity = CA instanceof PDFNumber ? CA.asNumber() : undefined;
    state.alpha = {
      fill: fillOpacity === undefined ? before.fill : this.group.fill * fillOpacity,
      stroke: strokeOpacity === undefined ? before.stroke : this.group.stroke * strokeOpacity,
    };
    const smask = dict.lookup(KEY.SMask);
    const blend = dict.lookup(KEY.BM);
    const blendName = (blend instanceof PDFArray ? blend.lookup(0) : blend)?.toString();
    return {
      key,
      dict,
      fillOpacity,
      strokeOpacity,
      softMask: smask !== undefined && smask.toString() !== '/None',
      blendMode:
        blendName === undefined || blendName === '/Normal' || blendName === '/Compatible'
          ? undefined
          : blendName.slice(1),
      before,
    };
  }
}

const DEVICE: Record<string, ColorSpace> = { g: { kind: 'gray' }, rg: { kind: 'rgb' }, k: { kind: 'cmyk' } };

/** A colour operator: the colour it sets, for the fill (lower case) or the stroke (upper case). */
function setColour(op: Operation, state: GraphicsState, kind: ColourOperation, resources: PDFDict | undefined): void {
  const fill = setsFill(op);
  const current = fill ? state.fill : state.stroke;
  let colour: Colour;
  if (kind === 'device') colour = { space: DEVICE[op.operator.toLowerCase()]!, components: numbersOf(op) };
  else if (kind === 'space') colour = { space: resolveColorSpace(lastName(op.operands), resources) };
  else {
    const { space, pattern } = current;
    const name = space.kind === 'pattern' ? (lastName(op.operands) ?? pattern) : undefined;
    colour = { space, components: numbersOf(op), pattern: name };
  }
  if (fill) state.fill = colour;
  else state.stroke = colour;
}

/** A text state operator: the line matrix, the font and its size, the rendering mode, spacing, leading and rise. */
function setText(op: Operation, state: GraphicsState): void {
  const [first = 0, second = 0] = numbersOf(op);
  switch (op.operator) {
    case 'BT':
      state.textMatrix = [...IDENTITY];
      break;
    case 'Tf':
      state.fontSize = numbersOf(op)[0] ?? 0;
      // `/F1 12 Tf`: the name comes first.
      state.font = op.operands.find((operand) => operand.kind === 'name')?.value as string | undefined;
      break;
    case 'Tm': {
      const m = numbersOf(op);
      if (m.length === 6) state.textMatrix = m as Matrix;
      break;
    }
    case 'TD':
      state.leading = -second;
      state.textMatrix = multiply([1, 0, 0, 1, first, second], state.textMatrix);
      break;
    case 'Td':
      state.textMatrix = multiply([1, 0, 0, 1, first, second], state.textMatrix);
      break;
    case '"':
      // aw ac string ": the word and character spacing, then the next line.
      state.wordSpacing = first;
      state.charSpacing = second;
      nextLine(state);
      break;
    default:
      setTextSpacing(op.operator, first, state);
  }
}

/** `T*` and `'` move to the next line; the spacing, scale, leading, rise and mode operators set their value. */
function setTextSpacing(operator: string, value: number, state: GraphicsState): void {
  switch (operator) {
    case 'T*':
    case "'":
      nextLine(state);
      break;
    case 'Tr':
      state.renderMode = value;
      break;
    case 'Tc':
      state.charSpacing = value;
      break;
    case 'Tw':
      state.wordSpacing = value;
      break;
    case 'Tz':
      state.horizontalScale = value;
      break;
    case 'TL':
      state.leading = value;
      break;
    case 'Ts':
      state.rise = value;
  }
}

/** The start of the next line: the leading down from this one. */
function nextLine(state: GraphicsState): void {
  state.textMatrix = multiply([1, 0, 0, 1, 0, -state.leading], state.textMatrix);
}
