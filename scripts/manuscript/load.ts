/**
 * Finding a manuscript: a folder with `book.yaml` and Markdown chapters, or one Markdown file
 * whose YAML front matter carries the metadata.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { parseBookConfig } from '../config/load.ts';
import type { BookConfig } from '../config/schema.ts';
import { closestMatch } from '../config/did-you-mean.ts';
import { BuildError, BuildErrors, type Place } from '../errors.ts';
import { loadAozoraBook } from './aozora-book.ts';
import { readAozoraText } from './aozora-text.ts';
import { readSourceFile } from './read-text.ts';
import '../markdown/types.ts';

/** A manuscript as read from disk, before any Markdown is parsed. */
export interface Manuscript {
  /** The folder everything in the book (chapters, images, cover) must come from. */
  root: string;
  /** The file the metadata came from (`book.yaml`, or the one-file book itself). */
  metadataFile: string;
  config: BookConfig;
  /** The chapter files in reading order, each a VFile with its path (one file may hold several chapters). */
  chapterFiles: VFile[];
  /** The place in the metadata file a setting came from, e.g. `['cover']`. */
  locate(keys: (string | number)[]): Place;
}

/** The names a manuscript folder's metadata file may have. */
export const METADATA_NAMES: readonly string[] = ['book.yaml', 'book.yml'];
/**
 * The chapters a folder's files are: its Markdown files, or, in a folder with none, its 青空文庫
 * texts (`.txt`, scripts/manuscript/aozora-text.ts), so that a notes file beside Markdown chapters
 * stays out of the book. `chapters:` in book.yaml may list either kind.
 */
const chapterExtension = (names: readonly string[]) =>
  names.some((name) => extname(name).toLowerCase() === '.md' && !/^readme\./i.test(name)) ? '.md' : '.txt';
const isAozoraText = (path: string) => extname(path).toLowerCase() === '.txt';

/** Where a manuscript is: its absolute path, whether it is a folder, and the folder its files come from. */
export interface ManuscriptPlace {
  path: string;
  folder: boolean;
  root: string;
}

/** Find the manuscript the command line names; one that is not there is a build error at its path. */
export async function locateManuscript(path: string): Promise<ManuscriptPlace> {
  const target = resolve(path);
  const info = await stat(target).catch((cause: NodeJS.ErrnoException) => {
    throw new BuildError(`manuscript not found: ${cause.code === 'ENOENT' ? 'no such file or folder' : cause.code}`, {
      file: target,
      hint: 'pass a manuscript folder or a Markdown file with --manuscript',
      ruleId: 'manuscript-missing',
      cause,
    });
  });
  const folder = info.isDirectory();
  return { path: target, folder, root: folder ? target : dirname(target) };
}

/** Load a manuscript folder or a one-file book (Markdown with front matter, or a 青空文庫 text). */
export async function loadManuscript(path: string): Promise<Manuscript> {
  const place = await locateManuscript(path);
  if (place.folder) return loadFolder(place.path);
  if (isAozoraText(place.path)) {
    const { file, metadataFile, config, locate } = await loadAozoraBook(place.path);
    return { root: place.root, metadataFile, config, chapterFiles: [file], locate };
  }
  return loadSingleFile(place.path);
}

/**
 * The chapter files a manuscript has now, in reading order, without reading them: how the
 * preview tells whether a new or removed file changes the book.
 */
export async function listChapterFiles(path: string): Promise<string[]> {
  const place = await locateManuscript(path);
  return place.folder ? (await findFolderBook(place.path)).chapterPaths : [place.path];
}

/** A manuscript folder's metadata and chapter paths, before any chapter is read. */
async function findFolderBook(root: string) {
  const names = await readdir(root);
  const metadataName = METADATA_NAMES.find((name) => names.includes(name));
  if (!metadataName) {
    throw new BuildError('no book.yaml in the manuscript folder', {
      file: root,
      hint: 'create book.yaml with at least `title: …` (README.md, "Your first book", shows one)',
      ruleId: 'metadata-missing',
    });
  }
  const metadataFile = join(root, metadataName);
  const source = await readSourceFile(metadataFile);
  const { config, locate } = parseBookConfig({ text: String(source.value), file: metadataFile });

  let chapterPaths: string[];
  if (config.chapters) {
    chapterPaths = await listedChapters(root, names, config.chapters, locate);
  } else {
    chapterPaths = names
      .filter((name) => extname(name).toLowerCase() === chapterExtension(names) && !/^[._]/.test(name) && !/^readme\./i.test(name))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
      .map((name) => join(root, name));
  }
  if (chapterPaths.length === 0) {
    throw new BuildError('the manuscript has no chapters', {
      file: metadataFile,
      hint: 'add Markdown files (01-chapter.md, …) next to book.yaml, or list them under `chapters:`',
      ruleId: 'manuscript-empty',
    });
  }
  return { metadataFile, config, locate, chapterPaths };
}

/**
 * The chapter files `chapters:` lists, each checked: every one that is missing is reported in
 * the same run, with the file of the folder its name is nearest to.
 */
async function listedChapters(
  root: string,
  names: readonly string[],
  listed: readonly string[],
  locate: (keys: (string | number)[]) => Place,
): Promise<string[]> {
  const paths: string[] = [];
  const missing: BuildError[] = [];
  for (const [index, entry] of listed.entries()) {
    const place = locate(['chapters', index]);
    const path = await insideRoot(root, entry, place);
    const ok = await stat(path).then((s) => s.isFile(), () => false);
    if (ok) {
      paths.push(path);
      continue;
    }
    const files = names.filter((name) => /\.(md|markdown|txt)$/i.test(name) && !/^readme\./i.test(name));
    const near = closestMatch(entry, files.filter((name) => !listed.includes(name)));
    missing.push(
      new BuildError(`chapter file not found: ${entry}${near ? ` (did you mean "${near}"?)` : ''}`, {
        ...place,
        hint: near
          ? `rename it to ${near} in chapters:, or the file to ${entry}`
          : `the text files in the manuscript folder: ${files.slice(0, 10).join(', ') || 'none'}`,
        ruleId: 'chapter-missing',
      }),
    );
  }
  if (missing.length === 1) throw missing[0]!;
  if (missing.length > 1) throw new BuildErrors(missing);
  return paths;
}

/** Read a chapter file of a manuscript folder: a 青空文庫 text (its header the chapter's title), or Markdown. */
export async function readChapterFile(path: string): Promise<VFile> {
  return isAozoraText(path) ? (await readAozoraText(path, 'title')).file : readSourceFile(path);
}

async function loadFolder(root: string): Promise<Manuscript> {
  const { metadataFile, config, locate, chapterPaths } = await findFolderBook(root);
  const chapterFiles = await Promise.all(chapterPaths.map(readChapterFile));
  return { root, metadataFile, config, chapterFiles, locate };
}

async function loadSingleFile(path: string): Promise<Manuscript> {
  const file = await readSourceFile(path);
  file.data.frontMatterIsMetadata = true;
  const text = String(file.value);
  const match = /^---\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/.exec(text);
  if (!match) {
    throw new BuildError('a one-file book needs YAML front matter with at least a title', {
      file: path,
      line: 1,
      column: 1,
      hint: 'start the file with three lines: ---, title: 本の題名, ---',
      ruleId: 'metadata-missing',
    });
  }
  const { config, locate } = parseBookConfig({ text: match[1] ?? '', file: path, lineOffset: 1 });
  if (config.chapters) {
    throw new BuildError('`chapters` is only for manuscript folders; a one-file book is its own chapter', {
      file: path,
      ruleId: 'metadata-invalid',
    });
  }
  return { root: dirname(path), metadataFile: path, config, chapterFiles: [file], locate };
}

/**
 * Resolve a path the manuscript names and refuse one that leads outside the manuscript folder,
 * directly or through a symbolic link: a book must never pick up other files of the machine.
 */
export async function insideRoot(
  root: string,
  reference: string,
  place: Place,
): Promise<string> {
  const path = resolve(root, reference);
  const outside = (p: string, r: string) => {
    const rel = relative(r, p);
    return rel.startsWith('..') || isAbsolute(rel);
  };
  if (isAbsolute(reference) || outside(path, root)) {
    throw new BuildError(`"${reference}" is outside the manuscript folder`, {
      ...place,
      hint: `keep every file of the book inside ${basename(root)}/`,
      ruleId: 'path-outside',
    });
  }
  const real = await realpath(path).catch(() => path);
  const realRoot = await realpath(root).catch(() => root);
  if (outside(real, realRoot)) {
    throw new BuildError(`"${reference}" is a link to a file outside the manuscript folder`, {
      ...place,
      hint: 'copy the file into the manuscript folder instead of linking to it',
      ruleId: 'path-outside',
    });
  }
  return path;
}
