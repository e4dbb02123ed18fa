/**
 * Folios (ノンブル) and running heads (柱), drawn onto the finished pages with pdf-lib. Drawing them
 * here rather than with CSS margin boxes lets each page's kind decide: no running head on a
 * chapter opening, nothing on a blank page. The text is set in the body face: the bundled fonts
 * come in Unicode-range slices, so a string may need several fonts, each embedded once as a
 * subset.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  moveText,
  popGraphicsState,
  pushGraphicsState,
  setFillingGrayscaleColor,
  setFontAndSize,
  showText,
  PDFContentStream,
  type PDFDocument,
  type PDFFont,
  type PDFHexString,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import type { FontStack } from '../../fonts/stack.ts';
import { woffToSfnt } from '../../fonts/woff.ts';
import { MISSING_GLYPH_MARK, needsGlyph } from '../../layout/missing-glyphs.ts';
import type { Box } from './crop-marks.ts';
import type { HiddenFolioStyle } from './options.ts';
import { PT_PER_MM } from '../../layout/units.ts';

/** What a page shows once the layout is known; a `picture` page is a full-page 挿絵 (no folio or running head shows). */
export type PageKind = 'blank' | 'opening' | 'body' | 'colophon' | 'picture';

/** The marks of one page; text fields are absent where the page shows nothing. */
export interface PageMark {
  /** 0-based index of the page in the final document. */
  index: number;
  kind: PageKind;
  folio?: string;
  runningHead?: string;
  /** A tiny folio by the gutter on pages without a visible one (隠しノンブル). */
  hiddenFolio?: string;
}

/** Sizes and places, in points, that depend on the 版面. */
export interface MarkLayout {
  folioSize: number;
  headSize: number;
  /** Distance of the text block from the fore-edge, and of the block's top and bottom from the trim. */
  fore: number;
  top: number;
  bottom: number;
  /**
   * The folio's baseline above the trim's bottom and the running head's below its top, where the
   * destination fixes them (KDP's margins); otherwise each sits a third of its size below the
   * middle of its margin.
   */
  folioBaseline?: number;
  headBaseline?: number;
  /** Where hidden folios go. */
  hiddenFolio?: HiddenFolioStyle;
}

/** Type size of hidden folios, as shops ask for them. */
const HIDDEN_SIZE = 5;

/**
 * Fonts for marks: the body face's stack (the book's own body font, when it has one, then the
 * bundled Mincho faces), each file embedded once as a subset. A character no font has is drawn
 * as 〓, as in the text.
 */
export class MarkFonts {
  private readonly embedded = new Map<string, Promise<PDFFont>>();
  private readonly measured = new Map<string, Promise<Run[]>>();
  /** Characters no font could draw; each was drawn as 〓 and is reported. */
  readonly missing = new Set<string>();

  constructor(
    private readonly pdf: PDFDocument,
    private readonly stack: FontStack,
  ) {
    pdf.registerFontkit(fontkit);
  }

  /** Text split into runs that one font draws, with their widths at `size`; the same few strings recur on every page. */
  measure(text: string, size: number): Promise<Run[]> {
    const key = `${size} ${text}`;
    let runs = this.measured.get(key);
    if (!runs) {
      runs = this.runs(text).then((list) =>
        list.map((run) => ({
          ...run,
          glyphs: run.font.encodeText(run.text),
          width: run.font.widthOfTextAtSize(run.text, size),
        })),
      );
      this.measured.set(key, runs);
    }
    return runs;
  }

  private async runs(text: string): Promise<{ text: string; font: PDFFont }[]> {
    const runs: { text: string; file: string }[] = [];
    for (let char of text) {
      let file = this.stack.fileFor(char.codePointAt(0)!);
      if (!file) {
        // Invisible characters (a zero-width joiner, a variation selector) are simply left out.
        if (!needsGlyph(char)) continue;
        this.missing.add(char);
        char = MISSING_GLYPH_MARK;
        file = this.stack.fileFor(char.codePointAt(0)!);
        if (!file) continue;
      }
      const last = runs.at(-1);
      if (last?.file === file) last.text += char;
      else runs.push({ text: char, file });
    }
    return Promise.all(runs.map(async (run) => ({ text: run.text, font: await this.font(run.file) })));
  }

  private font(file: string): Promise<PDFFont> {
    let font = this.embedded.get(file);
    if (!font) {
      const bytes = woffToSfnt(readFileSync(file));
      // A subset's name carries a six-letter tag (ISO 32000 9.6.4); preflight checks look for
      // it. It comes from the font's bytes, so that the PDF does not depend on where they lie.
      const tag = [...createHash('sha1').update(bytes).digest()]
        .slice(0, 6)
        .map((byte) => String.fromCharCode(65 + (byte % 26)))
        .join('');
      const name = (fontkit.create(Buffer.from(bytes)).postscriptName ?? 'Font').replace(
        /[^\x21-\x7e]|[()<>[\]{}/%#]/g,
        '',
      );
      font = this.pdf.embedFont(bytes, { subset: true, customName: `${tag}+${name}` });
      this.embedded.set(file, font);
    }
    return font;
  }
}

/** Draw one page's marks; `trim` is the page's trim box, `foreLeft` where its outer edge is. */
export async function drawPageMarks(
  page: PDFPage,
  mark: PageMark,
  trim: Box,
  foreLeft: boolean,
  layout: MarkLayout,
  fonts: MarkFonts,
): Promise<void> {
  const outer = (width: number) => (foreLeft ? trim.x + layout.fore : trim.x + trim.width - layout.fore - width);
  // Baselines sit a third of the type size below the middle of the margin.
  if (mark.folio) {
    const baseline = layout.folioBaseline ?? layout.bottom / 2 - layout.folioSize / 3;
    await drawText(page, mark.folio, layout.folioSize, fonts, outer, trim.y + baseline);
  }
  if (mark.runningHead) {
    const baseline = layout.headBaseline ?? layout.top / 2 + layout.headSize / 3;
    await drawText(page, mark.runningHead, layout.headSize, fonts, outer, trim.y + trim.height - baseline);
  }
  if (mark.hiddenFolio) {
    // Inside the trim by the gutter, where the binding hides it: 2 mm from the fold.
    const inset = 2 * PT_PER_MM;
    const gutter = (width: number) => (foreLeft ? trim.x + trim.width - inset - width : trim.x + inset);
    if (layout.hiddenFolio === 'gutter-middle') {
      // Digits one under the other, centred on the middle of the page's height.
      const digits = [...mark.hiddenFolio];
      const top = trim.y + trim.height / 2 + (digits.length * HIDDEN_SIZE) / 2;
      for (const [k, digit] of digits.entries()) {
        await drawText(page, digit, HIDDEN_SIZE, fonts, gutter, top - (k + 1) * HIDDEN_SIZE + HIDDEN_SIZE / 6);
      }
    } else {
      await drawText(page, mark.hiddenFolio, HIDDEN_SIZE, fonts, gutter, trim.y + 3 * PT_PER_MM);
    }
  }
}

/** A piece of text in one font: its glyphs encoded once, and its width at the size it was measured for. */
interface Run {
  text: string;
  font: PDFFont;
  glyphs: PDFHexString;
  width: number;
}

/**
 * Set text with plain PDF operators in a stream of its own. pdf-lib's drawText would lay the
 * text out again on every page and compress a stream per page; a book repeats a few strings on
 * a thousand pages.
 */
async function drawText(
  page: PDFPage,
  text: string,
  size: number,
  fonts: MarkFonts,
  x: (width: number) => number,
  y: number,
): Promise<void> {
  const runs = await fonts.measure(text, size);
  let left = x(runs.reduce((sum, run) => sum + run.width, 0));
  // Black as K only (DeviceGray): right for one-colour printing and the same on screen.
  const operators: PDFOperator[] = [pushGraphicsState(), beginText(), setFillingGrayscaleColor(0)];
  let penX = 0;
  for (const run of runs) {
    operators.push(
      setFontAndSize(page.node.newFontDictionary(run.font.name, run.font.ref), size),
      moveText(left - penX, penX === 0 ? y : 0),
      showText(run.glyphs),
    );
    penX = left;
    left += run.width;
  }
  operators.push(endText(), popGraphicsState());
  const context = page.doc.context;
  page.node.addContentStream(context.register(PDFContentStream.of(context.obj({}), operators, false)));
}
