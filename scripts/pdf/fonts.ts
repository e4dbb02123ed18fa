/**
 * The fonts of the print book: the bundled Noto faces, or a font the metadata names (a file in
 * the manuscript folder, or a family installed on the machine, which is looked up here once and
 * then loaded by file like any other), and the stacks the missing-glyph check asks.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Book } from '../book.ts';
import { BuildError, type Place } from '../errors.ts';
import { fontFamilyName, GOTHIC_STACK, MINCHO_STACK } from '../fonts/fontsource.ts';
import { FontStack, type StackFont } from '../fonts/stack.ts';
import type { PrintStacks } from '../layout/missing-glyphs.ts';
import type { PrintFonts } from '../layout/print-document.ts';
import { insideRoot } from '../manuscript/load.ts';

const run = promisify(execFile);

/** The print fonts, the folders the page may load them from, and the book's own body font file. */
export interface ResolvedFonts {
  fonts: PrintFonts;
  stacks: PrintStacks;
  /** Folders of fonts outside the manuscript and the project (an installed family's). */
  roots: string[];
  /** The bytes of the book's own body font, which running heads try first. */
  bodyBytes?: Uint8Array;
}

/** Resolve `print.bodyFont` and `print.headingFont` to files, and build the two font stacks. */
export async function resolveFonts(book: Book): Promise<ResolvedFonts> {
  const { print } = book.config;
  const roots: string[] = [];
  const resolve = async (setting: string | undefined, key: string, fallback: string, family: string) => {
    if (!setting) return { family: fallback };
    const place = book.manuscript.locate(['print', key]);
    const file = /\.(otf|ttf|woff2?)$/i.test(extname(setting))
      ? await insideRoot(book.manuscript.root, setting, place)
      : await installedFontFile(setting, place);
    if (!file.startsWith(book.manuscript.root)) roots.push(dirname(file));
    const bytes = await readFile(file).catch((cause: NodeJS.ErrnoException) => {
      throw new BuildError(`cannot read the font ${setting}: ${cause.code ?? cause.message}`, {
        ...place,
        ruleId: 'font-missing',
        cause,
      });
    });
    return { family, url: pathToFileURL(file).href, file, bytes };
  };
  const body = await resolve(print.bodyFont, 'bodyFont', fontFamilyName('serif'), 'Book Body');
  const heading = await resolve(print.headingFont, 'headingFont', fontFamilyName('sans'), 'Book Heading');
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

/**
 * The file of a font family installed on the machine, found with fontconfig's `fc-match`. The
 * browser that lays the book out sees no installed font (see browser.ts), so a family the book
 * names is loaded from its file like a font of the manuscript.
 */
async function installedFontFile(family: string, place: Place): Promise<string> {
  let answer: string;
  try {
    answer = (await run('fc-match', ['--format=%{file}\\n%{family}\\n%{index}', family])).stdout;
  } catch (cause) {
    throw new BuildError(`cannot look up the installed font "${family}": fontconfig's fc-match did not run`, {
      ...place,
      hint: 'name a font file in the manuscript folder instead (e.g. fonts/MyFont.ttf), or install fontconfig',
      ruleId: 'font-missing',
      cause,
    });
  }
  const [file = '', families = '', index = '0'] = answer.split('\n');
  const matches = families.split(',').some((name) => name.trim().toLowerCase() === family.trim().toLowerCase());
  if (!file || !matches) {
    throw new BuildError(`no font named "${family}" is installed`, {
      ...place,
      hint: 'name a font file in the manuscript folder (e.g. fonts/MyFont.ttf), or an installed family (`fc-list : family`)',
      ruleId: 'font-missing',
    });
  }
  if (index !== '0' || /\.(ttc|otc)$/i.test(file)) {
    throw new BuildError(`"${family}" is installed only inside the font collection ${file}, which cannot be embedded`, {
      ...place,
      hint: 'put a single-font file (.ttf) of it in the manuscript folder and name that file',
      ruleId: 'font-collection',
    });
  }
  return file;
}
