/**
 * Faces for ruby (ルビ) in print that keep the 版面 still. Chromium sizes a ruby annotation by its
 * font's ascent + descent (1.45 em for Noto), and when that is more than the half-leading over the
 * line and no line before lends the room (the first line of a page, of a block quote, …), it moves
 * the line, and every line after it, inwards: 1.8 pt at 文庫 9 pt, 3.3 pt at 四六判 9.5 pt.
 * The same font files registered under another name with ascent and descent overridden to
 * RUBY_BOX em together make the annotation small enough to fit any half-leading the schema allows
 * down to a line pitch of 1.2 em; the glyphs are drawn as before, and the stylesheet moves them back
 * out by RUBY_SHIFT em, so that the reading's em box touches the base's, as JLReq places it.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fontFamilyName, fontStylesheet, type BundledFamily } from './fontsource.ts';

/** Ascent + descent, in ems of the reading, of the faces the readings are set in. */
const RUBY_BOX = 0.2;

/** How far (in ems of the reading) the glyphs are moved outwards to sit where a full box would put them. */
export const RUBY_SHIFT = (1 - RUBY_BOX) / 2;

/** The family name a face's ruby copy registers under. */
export const rubyFamilyName = (family: string) => `${family} Ruby`;

const descriptors = `ascent-override: ${(RUBY_BOX * 50).toFixed(0)}%; descent-override: ${(RUBY_BOX * 50).toFixed(0)}%; line-gap-override: 0%;`;

/**
 * The @font-face rules of a bundled family's regular weight (readings are never bold), renamed
 * and with the small ascent and descent; the font files are the package's own, named by file URL.
 */
export function bundledRubyFaces(family: BundledFamily): string {
  const path = fontStylesheet(family, 400);
  const base = pathToFileURL(`${dirname(path)}/`).href;
  const name = fontFamilyName(family);
  return readFileSync(path, 'utf8')
    .replace(/font-family:\s*'[^']*';/g, `font-family: '${rubyFamilyName(name)}'; ${descriptors}`)
    .replace(/url\(\.\/([^)]+)\)/g, (_, file: string) => `url(${new URL(file, base).href})`);
}

/** The rule of a book's own font file (`url` a CSS string literal), renamed the same way. */
export function ownRubyFace(familyLiteral: string, urlLiteral: string): string {
  return `@font-face { font-family: ${familyLiteral}; src: url(${urlLiteral}); ${descriptors} }`;
}
