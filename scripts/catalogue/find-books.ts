/**
 * Finding the books of a catalogue: each path is a manuscript folder (it holds `book.yaml`), a
 * one-file book (Markdown with YAML front matter), or a folder holding several of those at any
 * depth. Every book gets an id made from its path, stable across machines, that CI uses for job
 * and artifact names.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { BuildError } from '../errors.ts';
import { METADATA_NAMES } from '../manuscript/load.ts';

/** One book of a catalogue. */
export interface BookLocation {
  /** `books-novel-a`: the path relative to the base folder, made safe for file and artifact names. */
  id: string;
  /** Absolute path of the manuscript folder or the one-file book. */
  path: string;
  kind: 'folder' | 'file';
}

/** Folders a catalogue scan never enters: tools' own folders, output, hidden and `_draft` folders. */
const SKIPPED = new Set(['node_modules', 'dist', 'templates', 'scripts', 'tests']);

/** Find every book under `paths`, in a stable order; a path with no book is an error. */
export async function findBooks(paths: readonly string[], base: string = process.cwd()): Promise<BookLocation[]> {
  const found: Omit<BookLocation, 'id'>[] = [];
  for (const given of paths) {
    const path = resolve(base, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      throw new BuildError(`no such book or folder: ${given}`, { file: path, ruleId: 'catalogue-missing' });
    }
    const books = info.isDirectory() ? await scanFolder(path, true) : [{ path, kind: 'file' as const }];
    if (books.length === 0) {
      throw new BuildError(`no book found in ${given}`, {
        file: path,
        hint: 'a book is a folder with book.yaml, or a Markdown file that starts with YAML front matter (---)',
        ruleId: 'catalogue-empty',
      });
    }
    found.push(...books);
  }
  const unique = [...new Map(found.map((book) => [book.path, book])).values()];
  unique.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const used = new Map<string, number>();
  return unique.map((book) => {
    let id = bookId(relative(base, book.path) || basename(book.path));
    const seen = used.get(id) ?? 0;
    used.set(id, seen + 1);
    if (seen > 0) id = `${id}-${seen + 1}`;
    return { ...book, id };
  });
}

/** A folder is a book if it holds book.yaml; otherwise its books are looked for inside it. */
async function scanFolder(folder: string, given: boolean): Promise<Omit<BookLocation, 'id'>[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  if (entries.some((entry) => entry.isFile() && METADATA_NAMES.includes(entry.name))) {
    return [{ path: folder, kind: 'folder' }];
  }
  if (!given && (SKIPPED.has(basename(folder)) || /^[._]/.test(basename(folder)))) return [];
  const books: Omit<BookLocation, 'id'>[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) books.push(...(await scanFolder(path, false)));
    else if (entry.isFile() && isMarkdown(entry.name) && (await hasFrontMatter(path))) {
      books.push({ path, kind: 'file' });
    }
  }
  return books;
}

function isMarkdown(name: string): boolean {
  return extname(name).toLowerCase() === '.md' && !/^[._]/.test(name) && name.toLowerCase() !== 'readme.md';
}

/** Whether a Markdown file opens with `---` (after an optional BOM): a one-file book, not a stray note. */
async function hasFrontMatter(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return /^---\r?\n/.test(head);
  } finally {
    await handle.close();
  }
}

/** `books/小説 A.md` → `books-小説-A`: letters and digits of any script kept, the rest made dashes. */
function bookId(relativePath: string): string {
  const withoutExtension = relativePath.replace(/\.md$/i, '');
  const id = withoutExtension
    .split(sep)
    .join('/')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return id || 'book';
}
