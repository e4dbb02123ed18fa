/**
 * A font stack as the print document's CSS names it — the book's own font first, if it has one,
 * then the bundled families — and the question the build asks of it before layout: which font
 * file draws this character, if any? A character is drawable when some font of the stack has a
 * glyph for it within the `unicode-range` of the file that holds the glyph, as a browser decides.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { fontSlices, type BundledFamily, type Slice } from './fontsource.ts';

/** A font of a stack: a font file of the book's own, or a bundled family. */
export type StackFont = { file: string; bytes?: Uint8Array } | { family: BundledFamily };

/** An ordered list of fonts and, per code point, the file that draws it. */
export class FontStack {
  private readonly slices: Slice[];
  /** Indexes of the slices whose ranges touch each block of 256 code points, in stack order. */
  private readonly blocks = new Map<number, number[]>();
  private readonly answers = new Map<number, string | null>();

  constructor(fonts: readonly StackFont[], weight: number) {
    this.slices = fonts.flatMap((font) => {
      if ('family' in font) return fontSlices(font.family, weight);
      // The book's own file is read once here, so a later change to it cannot disagree with the check.
      cmapOf(font.file, font.bytes);
      return [{ file: font.file, ranges: [[0, 0x10ffff]] as [number, number][] }];
    });
    this.slices.forEach(({ ranges }, index) => {
      for (const [from, to] of ranges) {
        for (let block = from >> 8; block <= to >> 8; block++) {
          const list = this.blocks.get(block);
          if (!list) this.blocks.set(block, [index]);
          else if (list.at(-1) !== index) list.push(index);
        }
      }
    });
  }

  /** The font file that draws the code point, or undefined when no font of the stack has it. */
  fileFor(code: number): string | undefined {
    let answer = this.answers.get(code);
    if (answer === undefined) {
      answer = null;
      for (const index of this.blocks.get(code >> 8) ?? []) {
        const { file, ranges } = this.slices[index]!;
        if (ranges.some(([from, to]) => code >= from && code <= to) && cmapOf(file).hasGlyphForCodePoint(code)) {
          answer = file;
          break;
        }
      }
      this.answers.set(code, answer);
    }
    return answer ?? undefined;
  }

  /** Whether some font of the stack draws the code point. */
  has(code: number): boolean {
    return this.fileFor(code) !== undefined;
  }
}

const cmaps = new Map<string, fontkit.Font>();

/**
 * A font opened only to ask for glyphs: fontkit reads a WOFF file's tables lazily, so only the
 * small cmap table of each slice is inflated (a book touches a hundred slices or more).
 */
function cmapOf(file: string, bytes?: Uint8Array): fontkit.Font {
  let font = cmaps.get(file);
  if (!font) {
    font = fontkit.create(Buffer.from(bytes ?? readFileSync(file))) as fontkit.Font;
    cmaps.set(file, font);
  }
  return font;
}
