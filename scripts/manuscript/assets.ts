/**
 * The files a book uses besides its text — the chapters' images, the cover image and the print
 * fonts — found and checked once, when the book loads. Every problem is kept with its place, so
 * that a build reports them all in one run; the outputs take the resolved files from here and
 * check nothing again.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import type { Element, Root } from 'hast';
import { visit } from '../markdown/visit.ts';
import type { VFile } from 'vfile';
import { BuildError, type Place } from '../errors.ts';
import { resolveImage, type ImageFile } from './images.ts';
import { insideRoot, type Manuscript } from './load.ts';

const run = promisify(execFile);

/** A print font the metadata names, as a file and its bytes. */
export interface FontFile {
  /** The setting as written (a file in the manuscript, or an installed family's name). */
  setting: string;
  path: string;
  bytes: Uint8Array;
  /** Whether it was named as a font file of the manuscript, rather than as an installed family. */
  inManuscript: boolean;
}

/** Every file the book uses besides its text, resolved and checked. */
export interface BookAssets {
  /** Each image reference the chapters make, as written, with its checked file. */
  images: Map<string, ImageFile>;
  /** The `cover` image, when the metadata names one. */
  cover?: ImageFile;
  /** The 口絵 (`frontispiece`), in order, those that resolved. */
  frontispiece: ImageFile[];
  /** `print.bodyFont` and `print.headingFont`, when the metadata names them. */
  fonts: { body?: FontFile; heading?: FontFile };
}

/** What resolving found: the assets that resolved, and every problem with its place. */
export interface AssetCheck {
  assets: BookAssets;
  problems: BuildError[];
}

/** A chapter as far as its images go: its file (for places) and its tree. */
export interface ChapterImages {
  file: VFile;
  tree: Root;
}

/** An image as a chapter refers to it: the reference as written, and where. */
export interface ImageReference {
  reference: string;
  place: Place;
}

/** Every image reference of `chapters`, in reading order, each place of it. */
export function imageReferences(chapters: readonly ChapterImages[]): ImageReference[] {
  return chapters.flatMap(({ file, tree }) =>
    imagesOf(tree).map((image) => ({
      reference: String(image.properties.src ?? ''),
      place: { file: file.path, line: image.position?.start.line, column: image.position?.start.column },
    })),
  );
}

/**
 * Resolve and check the images the chapters refer to (`imageReferences`), the cover and the print
 * fonts of a manuscript.
 */
export async function resolveAssets(manuscript: Manuscript, images: readonly ImageReference[]): Promise<AssetCheck> {
  const assets: BookAssets = { images: new Map(), fonts: {}, frontispiece: [] };
  const problems: BuildError[] = [];
  const attempt = async <T>(check: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      problems.push(error);
      return undefined;
    }
  };
  for (const { reference, place } of images) {
    // Each place of a bad reference is reported; a good one is read once.
    if (assets.images.has(reference)) continue;
    const resolved = await attempt(() => resolveImage(reference, manuscript.root, place));
    if (resolved) assets.images.set(reference, resolved);
  }
  const { cover, print } = manuscript.config;
  if (cover) assets.cover = await attempt(() => resolveImage(cover, manuscript.root, manuscript.locate(['cover'])));
  const { frontispiece } = manuscript.config;
  const plates = frontispiece === undefined ? [] : [frontispiece].flat();
  for (const [index, plate] of plates.entries()) {
    // A list's items are located one by one; a single name at the key.
    const place = manuscript.locate(Array.isArray(frontispiece) ? ['frontispiece', index] : ['frontispiece']);
    const resolved = await attempt(() => resolveImage(plate, manuscript.root, place));
    if (resolved) assets.frontispiece.push(resolved);
  }
  for (const [key, setting] of [
    ['body', print.bodyFont],
    ['heading', print.headingFont],
  ] as const) {
    if (setting)
      assets.fonts[key] = await attempt(() =>
        resolveFont(manuscript, setting, manuscript.locate(['print', `${key}Font`])),
      );
  }
  return { assets, problems };
}

/** The `img` elements of a chapter tree. */
function imagesOf(tree: Root): Element[] {
  const images: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'img') images.push(node);
  });
  return images;
}

/** A print font: a font file in the manuscript, or a family installed on the machine. */
async function resolveFont(manuscript: Manuscript, setting: string, place: Place): Promise<FontFile> {
  const inManuscript = /\.(otf|ttf|woff2?)$/i.test(extname(setting));
  const path = inManuscript
    ? await insideRoot(manuscript.root, setting, place)
    : await installedFontFile(setting, place);
  const bytes = await readFile(path).catch((cause: NodeJS.ErrnoException) => {
    throw new BuildError(`cannot read the font ${setting}: ${cause.code ?? cause.message}`, {
      ...place,
      ruleId: 'font-missing',
      cause,
    });
  });
  return { setting, path, bytes: new Uint8Array(bytes), inManuscript };
}

/**
 * The file of a font family installed on the machine, found with fontconfig's `fc-match`. The
 * browser that lays the book out sees no installed font (see pdf/render/browser.ts), so a family the
 * book names is loaded from its file like a font of the manuscript.
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
