/**
 * The bundled fonts, which arrive with `npm ci` as @fontsource packages. Noto Serif JP (Mincho)
 * and Noto Sans JP (Gothic) set the Japanese text; Noto Serif and Noto Sans add the Latin,
 * Greek and Cyrillic the Japanese faces lack; DejaVu Sans adds mathematical signs (≒), arrows,
 * Roman numerals and fractions, and Noto Sans Symbols 2 the pictographs (monochrome emoji). Google Fonts ships each
 * cut into files by Unicode range; this module reads those ranges and finds the file for a
 * character.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { woffToSfnt } from './woff.ts';

/** The two faces of the text: Mincho (明朝) for the body, Gothic (ゴシック) for headings. */
export type DefaultFamily = 'serif' | 'sans';

/** Every bundled family. */
export type BundledFamily = DefaultFamily | 'serif-latin' | 'sans-latin' | 'dejavu-sans' | 'symbols-2';

const PACKAGES: Record<BundledFamily, { name: string; family: string; weights: readonly number[] }> = {
  serif: { name: '@fontsource/noto-serif-jp', family: 'Noto Serif JP', weights: [400, 700] },
  sans: { name: '@fontsource/noto-sans-jp', family: 'Noto Sans JP', weights: [400, 700] },
  'serif-latin': { name: '@fontsource/noto-serif', family: 'Noto Serif', weights: [400, 700] },
  'sans-latin': { name: '@fontsource/noto-sans', family: 'Noto Sans', weights: [400, 700] },
  'symbols-2': { name: '@fontsource/noto-sans-symbols-2', family: 'Noto Sans Symbols 2', weights: [400] },
  'dejavu-sans': { name: '@fontsource/dejavu-sans', family: 'DejaVu Sans', weights: [400, 700] },
};

/**
 * The families a Mincho text falls back on, in order: the Japanese face first, so that Latin
 * letters keep its design, then the faces that fill its gaps.
 */
export const MINCHO_STACK: readonly BundledFamily[] = ['serif', 'serif-latin', 'dejavu-sans', 'symbols-2'];

/** The same for Gothic text (headings, bold, code). */
export const GOTHIC_STACK: readonly BundledFamily[] = ['sans', 'sans-latin', 'dejavu-sans', 'symbols-2'];

/** Every bundled family, each once. */
export const BUNDLED_FAMILIES = Object.keys(PACKAGES) as BundledFamily[];

const require = createRequire(import.meta.url);

/** Folder of a bundled family's @fontsource package. */
export function fontPackageDir(family: BundledFamily): string {
  return dirname(require.resolve(`${PACKAGES[family].name}/package.json`));
}

/** The CSS family name a bundled font registers under. */
export function fontFamilyName(family: BundledFamily): string {
  return PACKAGES[family].family;
}

/** The weights a bundled family comes in. */
export function fontWeights(family: BundledFamily): readonly number[] {
  return PACKAGES[family].weights;
}

/** The available weight closest to `weight`, as a browser's font matching picks it. */
function nearestWeight(family: BundledFamily, weight: number): number {
  return PACKAGES[family].weights.reduce((best, candidate) =>
    Math.abs(candidate - weight) < Math.abs(best - weight) ? candidate : best,
  );
}

/** The package's @font-face stylesheet for one weight (400, 700, …). */
export function fontStylesheet(family: BundledFamily, weight: number): string {
  return join(fontPackageDir(family), `${nearestWeight(family, weight)}.css`);
}

/** One file of a family and the code points the stylesheet lets it draw. */
export interface Slice {
  /** The WOFF file (the libraries here read WOFF 1; the browser loads the WOFF2 beside it). */
  file: string;
  /** Inclusive code point ranges from `unicode-range`; the whole of Unicode when it has none. */
  ranges: [number, number][];
}

const sliceCache = new Map<string, Slice[]>();

/** The slices of a bundled family at a weight, in stylesheet order. */
export function fontSlices(family: BundledFamily, weight: number): Slice[] {
  const key = `${family}-${nearestWeight(family, weight)}`;
  let cached = sliceCache.get(key);
  if (!cached) {
    const css = readFileSync(fontStylesheet(family, weight), 'utf8');
    cached = [...css.matchAll(/@font-face\s*{([^}]*)}/g)].flatMap(([, face = '']) => {
      const file = /url\(\.\/files\/([^)]+)\.woff2\)/.exec(face)?.[1];
      if (!file) return [];
      const range = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
      return [
        {
          file: join(fontPackageDir(family), 'files', `${file}.woff`),
          ranges: range ? parseUnicodeRange(range) : [[0, 0x10ffff]],
        },
      ];
    });
    sliceCache.set(key, cached);
  }
  return cached;
}

/** `U+0-FF,U+3000` → [[0, 255], [12288, 12288]]. Wildcards (`U+4??`) are not used by these packages. */
function parseUnicodeRange(value: string): [number, number][] {
  return value.split(',').map((range) => {
    const [from = '0', to] = range.trim().slice(2).split('-');
    return [parseInt(from, 16), parseInt(to ?? from, 16)];
  });
}

const fontCache = new Map<string, fontkit.Font>();

/** A font file opened with fontkit, once per process. */
function openFont(file: string, bytes?: Uint8Array): fontkit.Font {
  let font = fontCache.get(file);
  if (!font) {
    font = fontkit.create(Buffer.from(woffToSfnt(bytes ?? readFileSync(file)))) as fontkit.Font;
    fontCache.set(file, font);
  }
  return font;
}

/** Path of the WOFF file (one Unicode-range slice) that draws `char`, if the family has it. */
export function fontFileForCharacter(family: BundledFamily, weight: number, char: string): string | undefined {
  const code = char.codePointAt(0)!;
  return fontSlices(family, weight).find(
    ({ file, ranges }) =>
      ranges.some(([from, to]) => code >= from && code <= to) && openFont(file).hasGlyphForCodePoint(code),
  )?.file;
}

/** The font (one Unicode-range slice) that has a glyph for `char`, if any. */
export function fontForCharacter(family: BundledFamily, weight: number, char: string): fontkit.Font | undefined {
  const file = fontFileForCharacter(family, weight, char);
  return file === undefined ? undefined : openFont(file);
}
