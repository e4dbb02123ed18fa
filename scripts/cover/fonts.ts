/**
 * Fonts for the cover's text (spine, back, 日本図書コード), embedded as subset CID TrueType fonts
 * from the bundled Noto WOFF slices — or from the book's own font file — never as Type 3. A
 * vertical line needs the fonts' vertical alternates (`vert`: 、。「」ー set for vertical), so a
 * face embedded for vertical text is a second subset with that feature on.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import * as fontkitReader from 'fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { fontFileForCharacter, type DefaultFamily } from '../fonts/fontsource.ts';
import { woffToSfnt } from '../fonts/woff.ts';

/** A typeface of the cover: a bundled family at a weight, tried after the book's own font file if it has one. */
export interface Face {
  family: DefaultFamily;
  weight: number;
  own?: Uint8Array;
}

/** One character (or run) ready to draw: its font and its encoded glyphs. */
export interface Piece {
  text: string;
  font: PDFFont;
}

/** The cover's fonts, embedded on first use. */
export class CoverFonts {
  private readonly embedded = new Map<string, Promise<PDFFont>>();
  private readonly coverage = new Map<Uint8Array, (code: number) => boolean>();
  /** Characters no font could draw; left out and reported. */
  readonly missing = new Set<string>();

  constructor(private readonly pdf: PDFDocument) {
    pdf.registerFontkit(fontkit);
  }

  /** `text` cut into pieces that one font draws, for horizontal or vertical setting. */
  async pieces(text: string, face: Face, vertical: boolean): Promise<Piece[]> {
    const runs: { text: string; key: string }[] = [];
    for (const char of text) {
      const key = this.sourceOf(char, face);
      if (!key) {
        if (!/\s/.test(char)) this.missing.add(char);
        continue;
      }
      const last = runs.at(-1);
      if (last?.key === key) last.text += char;
      else runs.push({ text: char, key });
    }
    return Promise.all(runs.map(async (run) => ({ text: run.text, font: await this.font(run.key, face, vertical) })));
  }

  /** Which file draws `char`: the book's own font when it has the glyph, else the bundled slice. */
  private sourceOf(char: string, face: Face): string | undefined {
    const code = char.codePointAt(0)!;
    if (face.own) {
      let covers = this.coverage.get(face.own);
      if (!covers) {
        const font = fontkitReader.create(Buffer.from(woffToSfnt(face.own))) as fontkitReader.Font;
        covers = (point) => font.hasGlyphForCodePoint(point);
        this.coverage.set(face.own, covers);
      }
      if (covers(code)) return 'own';
    }
    return fontFileForCharacter(face.family, face.weight, char);
  }

  private font(key: string, face: Face, vertical: boolean): Promise<PDFFont> {
    const id = `${key === 'own' ? `own-${face.family}-${face.weight}` : key}${vertical ? ' vert' : ''}`;
    let font = this.embedded.get(id);
    if (!font) {
      const bytes = woffToSfnt(key === 'own' ? face.own! : readFileSync(key));
      // A subset's name carries a six-letter tag (ISO 32000 9.6.4); preflight checks look for it.
      const tag = [...createHash('sha1').update(id).digest()]
        .slice(0, 6)
        .map((byte) => String.fromCharCode(65 + (byte % 26)))
        .join('');
      const name = key === 'own' ? 'BookFont' : `Noto${face.family === 'sans' ? 'Sans' : 'Serif'}JP-W${face.weight}`;
      font = this.pdf.embedFont(bytes, {
        subset: true,
        customName: `${tag}+${name}`,
        features: vertical ? { vert: true } : undefined,
      });
      this.embedded.set(id, font);
    }
    return font;
  }
}
