/**
 * Setting short texts on the cover with real fonts: one vertical line (the spine), columns of
 * vertical text or rows of horizontal text (the back), with 禁則 at line breaks. In a vertical
 * line Japanese characters stand upright in the font's vertical forms, one em each; one or two
 * half-width characters (`?`, `12`) stand upright side by side (縦中横); longer Latin runs lie on
 * their side, as CSS `text-orientation: mixed` sets them. Positions are in points.
 */
import {
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type Color,
  type PDFFont,
  type PDFName,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { CoverFonts, Face } from './fonts.ts';
import { NO_END, NO_START } from '../layout/kinsoku.ts';

/** How a text is set. */
export interface TextStyle {
  face: Face;
  /** Type size in points. */
  size: number;
  colour: Color;
}

/** A unit of a line: what cannot be broken, and how far it advances along the line. */
export interface Unit {
  text: string;
  length: number;
  /** Upright in a vertical line (a Japanese character, or 縦中横), or sideways (a Latin run). */
  sideways: boolean;
}

// CJK fonts put the ideographic em box from 0.12 em below the baseline to 0.88 em above it.
const EM_TOP = 0.88;
const EM_MIDDLE = 0.38;

const LATIN = /[\u0020-\u024f]/;

/** Cut a paragraph into units: one per Japanese character, one per Latin run (vertical) or word (horizontal). */
export async function textUnits(fonts: CoverFonts, text: string, style: TextStyle, vertical: boolean): Promise<Unit[]> {
  const units: Unit[] = [];
  for (const match of text.matchAll(/[\u0021-\u024f]+(?: [\u0021-\u024f]+)*|\s+|./gsu)) {
    const part = match[0];
    if (/^\s+$/.test(part)) {
      units.push({ text: ' ', length: await width(fonts, ' ', style, false), sideways: false });
      continue;
    }
    if (!LATIN.test(part[0]!)) {
      units.push({
        text: part,
        length: vertical ? style.size : await width(fonts, part, style, false),
        sideways: false,
      });
    } else if (vertical && [...part].length <= 2) {
      units.push({ text: part, length: style.size, sideways: false });
    } else {
      // Words, so that a line may break between them; in a vertical line each lies on its side.
      for (const word of part.split(/( )/)) {
        if (word)
          units.push({
            text: word,
            length: await width(fonts, word, style, false),
            sideways: vertical && word !== ' ',
          });
      }
    }
  }
  return units;
}

async function width(fonts: CoverFonts, text: string, style: TextStyle, vertical: boolean): Promise<number> {
  const pieces = await fonts.pieces(text, style.face, vertical);
  return pieces.reduce((sum, piece) => sum + piece.font.widthOfTextAtSize(piece.text, style.size), 0);
}

/** The length of a line of units. */
export function lineLength(units: readonly Unit[]): number {
  return units.reduce((sum, unit) => sum + unit.length, 0);
}

/**
 * Break units into lines no longer than `max`, keeping 禁則: a character that may not start a
 * line takes the one before it along (追い出し), as does one that may not end a line.
 */
export function breakUnits(units: readonly Unit[], max: number): Unit[][] {
  const lines: Unit[][] = [];
  let line: Unit[] = [];
  let length = 0;
  for (const unit of units) {
    if (length + unit.length > max && line.length > 0) {
      let carried: Unit[] = [];
      if (NO_START.has(unit.text[0]!) && line.length > 1) carried = line.splice(-1);
      while (line.length > 1 && NO_END.has(line.at(-1)!.text.at(-1)!)) carried.unshift(...line.splice(-1));
      lines.push(trimSpaces(line));
      line = carried;
      length = lineLength(carried);
    }
    if (line.length === 0 && unit.text === ' ') continue;
    line.push(unit);
    length += unit.length;
  }
  if (line.length > 0) lines.push(trimSpaces(line));
  return lines;
}

function trimSpaces(line: Unit[]): Unit[] {
  while (line.at(-1)?.text === ' ') line.pop();
  return line;
}

/** Collects text drawing operators for one page and adds them as one content stream. */
export class TextWriter {
  private readonly operators: PDFOperator[] = [pushGraphicsState(), beginText()];
  private readonly names = new Map<PDFFont, PDFName>();

  constructor(
    private readonly page: PDFPage,
    private readonly fonts: CoverFonts,
  ) {}

  /** Set one vertical line of units, centred on `centreX`, from `top` downwards. */
  async vertical(units: readonly Unit[], style: TextStyle, centreX: number, top: number): Promise<void> {
    let pen = top;
    this.operators.push(setFillingColor(style.colour));
    for (const unit of units) {
      if (unit.sideways) {
        // Turned a quarter clockwise: the run reads downwards, its em box centred on the line.
        let along = pen;
        for (const piece of await this.fonts.pieces(unit.text, style.face, false)) {
          this.show(piece.font, piece.text, style.size, [0, -1, 1, 0, centreX - EM_MIDDLE * style.size, along]);
          along -= piece.font.widthOfTextAtSize(piece.text, style.size);
        }
      } else if (unit.text !== ' ') {
        const upright = LATIN.test(unit.text[0]!);
        const pieces = await this.fonts.pieces(unit.text, style.face, !upright);
        const total = pieces.reduce((sum, piece) => sum + piece.font.widthOfTextAtSize(piece.text, style.size), 0);
        let x = centreX - total / 2;
        for (const piece of pieces) {
          this.show(piece.font, piece.text, style.size, [1, 0, 0, 1, x, pen - EM_TOP * style.size]);
          x += piece.font.widthOfTextAtSize(piece.text, style.size);
        }
      }
      pen -= unit.length;
    }
  }

  /** Set one horizontal line of units from `left` on the baseline `baseline`. */
  async horizontal(units: readonly Unit[], style: TextStyle, left: number, baseline: number): Promise<void> {
    let x = left;
    this.operators.push(setFillingColor(style.colour));
    for (const unit of units) {
      for (const piece of await this.fonts.pieces(unit.text, style.face, false)) {
        if (piece.text.trim()) this.show(piece.font, piece.text, style.size, [1, 0, 0, 1, x, baseline]);
        x += piece.font.widthOfTextAtSize(piece.text, style.size);
      }
    }
  }

  private show(font: PDFFont, text: string, size: number, matrix: [number, number, number, number, number, number]) {
    let name = this.names.get(font);
    if (!name) {
      name = this.page.node.newFontDictionary(font.name, font.ref);
      this.names.set(font, name);
    }
    this.operators.push(setFontAndSize(name, size), setTextMatrix(...matrix), showText(font.encodeText(text)));
  }

  /** Add what was set to the page. */
  finish(): void {
    this.operators.push(endText(), popGraphicsState());
    this.page.pushOperators(...this.operators);
  }
}
