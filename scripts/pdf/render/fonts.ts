/**
 * The fonts of the print book: the bundled Noto faces, or a font the metadata names (a file in
 * the manuscript folder, or a family installed on the machine, loaded by file like any other),
 * and the stacks the missing-glyph check asks. The files were found and read when the book
 * loaded (manuscript/assets.ts).
 */
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Book } from '../../book.ts';
import { fontFamilyName, GOTHIC_STACK, MINCHO_STACK } from '../../fonts/fontsource.ts';
import { FontStack, type StackFont } from '../../fonts/stack.ts';
import type { PrintStacks } from '../../layout/missing-glyphs.ts';
import type { PrintFonts } from '../../layout/print-document.ts';
import type { FontFile } from '../../manuscript/assets.ts';

/** The print fonts, the folders the page may load them from, and the book's own body font file. */
export interface ResolvedFonts {
  fonts: PrintFonts;
  stacks: PrintStacks;
  /** Folders of fonts outside the manuscript and the project (an installed family's). */
  roots: string[];
  /** The bytes of the book's own body font, which running heads try first. */
  bodyBytes?: Uint8Array;
}

/** The print fonts from the files the book loaded (`print.bodyFont`, `print.headingFont`), and the two font stacks. */
export function resolveFonts(book: Book): ResolvedFonts {
  const { root } = book.manuscript;
  const { fonts: files } = book.assets;
  const roots: string[] = [];
  const face = (file: FontFile | undefined, fallback: string, family: string) => {
    if (!file) return { family: fallback };
    if (!file.path.startsWith(root)) roots.push(dirname(file.path));
    return { family, url: pathToFileURL(file.path).href, file: file.path, bytes: file.bytes };
  };
  const body = face(files.body, fontFamilyName('serif'), 'Book Body');
  const heading = face(files.heading, fontFamilyName('sans'), 'Book Heading');
  const own = (font: typeof body): StackFont[] =>
    'file' in font && font.file ? [{ file: font.file, bytes: font.bytes }] : [];
  const stacks: PrintStacks = {
    body: new FontStack([...own(body), ...MINCHO_STACK.map((family) => ({ family }))], 400),
    heading: new FontStack([...own(heading), ...GOTHIC_STACK.map((family) => ({ family }))], 700),
  };
  return {
    fonts: {
      body: { family: body.family, url: body.url },
      heading: { family: heading.family, url: heading.url },
      stacks,
    },
    stacks,
    roots,
    bodyBytes: 'bytes' in body ? body.bytes : undefined,
  };
}
