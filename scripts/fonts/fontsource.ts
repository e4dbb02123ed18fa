/**
 * The default Japanese fonts, which arrive with `npm ci` as @fontsource packages: Noto Serif JP
 * (Mincho, for the body) and Noto Sans JP (Gothic, for headings). Google Fonts ships them cut
 * into ~120 files by Unicode range; this module finds the right file for a character.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/** The two default families. */
export type DefaultFamily = 'serif' | 'sans';

const PACKAGES: Record<DefaultFamily, { name: string; family: string }> = {
  serif: { name: '@fontsource/noto-serif-jp', family: 'Noto Serif JP' },
  sans: { name: '@fontsource/noto-sans-jp', family: 'Noto Sans JP' },
};

const require = createRequire(import.meta.url);

/** Folder of an @fontsource package. */
export function fontPackageDir(family: DefaultFamily): string {
  return dirname(require.resolve(`${PACKAGES[family].name}/package.json`));
}

/** The CSS family name a default font registers under. */
export function fontFamilyName(family: DefaultFamily): string {
  return PACKAGES[family].family;
}

/** The package's @font-face stylesheet for one weight (400, 700, …). */
export function fontStylesheet(family: DefaultFamily, weight: number): string {
  return join(fontPackageDir(family), `${weight}.css`);
}

interface Slice {
  file: string;
  ranges: [number, number][];
}

const sliceCache = new Map<string, Slice[]>();

function slices(family: DefaultFamily, weight: number): Slice[] {
  const key = `${family}-${weight}`;
  let cached = sliceCache.get(key);
  if (!cached) {
    const css = readFileSync(fontStylesheet(family, weight), 'utf8');
    cached = [...css.matchAll(/url\(\.\/files\/([^)]+)\.woff2\)[^;]*;[^}]*?unicode-range:\s*([^;]+);/g)].map(
      (match) => ({
        file: join(fontPackageDir(family), 'files', `${match[1]}.woff`),
        ranges: match[2]!.split(',').map((range) => {
          const [from = '0', to] = range.trim().slice(2).split('-');
          return [parseInt(from, 16), parseInt(to ?? from, 16)] as [number, number];
        }),
      }),
    );
    sliceCache.set(key, cached);
  }
  return cached;
}

const fontCache = new Map<string, fontkit.Font>();

/** Path of the WOFF file (one Unicode-range slice) that has a glyph for `char`, if any. */
export function fontFileForCharacter(family: DefaultFamily, weight: number, char: string): string | undefined {
  const code = char.codePointAt(0)!;
  return slices(family, weight).find(({ ranges }) => ranges.some(([from, to]) => code >= from && code <= to))?.file;
}

/** The font (one Unicode-range slice) that has a glyph for `char`, if any. */
export function fontForCharacter(family: DefaultFamily, weight: number, char: string): fontkit.Font | undefined {
  const file = fontFileForCharacter(family, weight, char);
  if (!file) return undefined;
  let font = fontCache.get(file);
  if (!font) {
    font = fontkit.create(readFileSync(file)) as fontkit.Font;
    fontCache.set(file, font);
  }
  return font;
}
