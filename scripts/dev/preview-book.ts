/**
 * The book as the preview keeps it between saves: the last good parse of every chapter, and
 * what is wrong now. A saved chapter file is parsed again on its own, with the processor built
 * for the book and `parseChapters`, as `loadBook` parses it. `book.yaml`, a chapter file that
 * appears or disappears or now holds a different number of chapters (cut at its headings), or
 * any save while the book cannot be loaded, reloads everything through `loadBook`, exactly as a
 * build reads it.
 */
import { stat } from 'node:fs/promises';
import { dirname, extname, relative } from 'node:path';
import { bookWarnings, loadBook, parseChapters, type Book, type Chapter } from '../book.ts';
import type { BuildError } from '../errors.ts';
import { silent } from '../progress.ts';
import { resolveChapterLinks } from '../markdown/links.ts';
import { loadManuscript } from '../manuscript/load.ts';
import { readChapterAgain } from '../manuscript/aozora-text.ts';
import { createMarkdownProcessor, type MarkdownProcessor } from '../markdown/processor.ts';
import { collectImages, pointImages, type ImageCheck, type PreviewImage } from './images.ts';
import { asWarnings, problemOf, type Problem } from './problems.ts';

/** What an update did: read the whole book again, parse some chapters, or only re-check images. */
export type UpdateKind = 'book' | 'chapters' | 'images';

/** The outcome of a load or an update, for the terminal. */
export interface UpdateResult {
  kind: UpdateKind;
  /** The files it read again, relative to the manuscript folder (none for the first load). */
  files: string[];
  /** Number of chapters parsed. */
  parsed: number;
  /** Every error there is now. */
  errors: Problem[];
  /** Warnings of the chapters parsed in this update. */
  warnings: Problem[];
}

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg']);
const SOURCE_EXTENSIONS = new Set(['.md', '.yaml', '.yml', ...IMAGE_EXTENSIONS]);

interface ChapterImages {
  images: PreviewImage[];
  check: ImageCheck;
}

/** A manuscript loaded for the preview, updated file by file. */
export class PreviewBook {
  /** The last book that loaded; it stays on screen while a later save is broken. */
  book: Book | undefined;
  private processor: MarkdownProcessor | undefined;
  /** Why the book could not be loaded the last time it was tried. */
  private loadError: Problem | undefined;
  /** Chapters whose latest save could not be read or parsed; their previous text stays. */
  private readonly chapterErrors = new Map<string, Problem>();
  private readonly images = new Map<string, ChapterImages>();
  /** Problems of the files book.yaml names (the cover, the print fonts), found when the book loaded. */
  private metadataProblems: Problem[] = [];
  private imageVersion = 0;

  /** `manuscriptPath` as given on the command line; `root` is the folder it makes the book from. */
  constructor(
    readonly manuscriptPath: string,
    readonly root: string,
  ) {}

  /** Read and parse the whole book. */
  async reload(files: string[] = []): Promise<UpdateResult> {
    this.chapterErrors.clear();
    try {
      // The chapters' images are checked below, chapter by chapter, as saves change them; the
      // files book.yaml names are checked by loadBook.
      const assetProblems: BuildError[] = [];
      const book = await loadBook(this.manuscriptPath, silent, { assetProblems });
      this.metadataProblems = assetProblems
        .filter((problem) => problem.file === book.manuscript.metadataFile)
        .map((problem) => problemOf(problem));
      this.processor = createMarkdownProcessor(book.config.markdown);
      this.images.clear();
      for (const chapter of book.chapters) await this.checkImages(chapter, collectImages(chapter.tree));
      this.book = book;
      this.loadError = undefined;
      return {
        kind: 'book',
        files,
        parsed: book.chapters.length,
        errors: this.errors(),
        warnings: asWarnings(bookWarnings(book)),
      };
    } catch (error) {
      this.loadError = problemOf(error, this.manuscriptPath);
      return { kind: 'book', files, parsed: 0, errors: this.errors(), warnings: [] };
    }
  }

  /** Bring the book up to date with saved files; `undefined` when none of them is part of the book. */
  async update(paths: ReadonlySet<string>): Promise<UpdateResult | undefined> {
    // Editors also write swap, backup and lock files next to the one saved; they are not the book.
    const sources = [...paths].filter((path) => SOURCE_EXTENSIONS.has(extname(path).toLowerCase()));
    const files = sources.map((path) => relative(this.root, path));
    const book = this.book;
    if (!book || this.loadError) return sources.length > 0 ? this.reload(files) : undefined;

    const chapterFiles = new Set(book.manuscript.chapters.map((file) => file.path));
    const chapters: string[] = [];
    let images = false;
    for (const path of sources) {
      const extension = extname(path).toLowerCase();
      if (path === book.manuscript.metadataFile) return this.reload(files);
      if (chapterFiles.has(path)) {
        // A chapter renamed or deleted changes the book's contents, not one chapter.
        if (!(await isFile(path))) return this.reload(files);
        chapters.push(path);
      } else if (extension === '.md') {
        if (await this.chapterListChanged(book)) return this.reload(files);
      } else if (IMAGE_EXTENSIONS.has(extension)) {
        images = true;
      }
    }
    if (images) {
      // A replaced image needs a new URL; an added one may mend a chapter that referred to it.
      this.imageVersion++;
      for (const chapter of book.chapters) {
        const entry = this.images.get(chapter.id);
        if (entry) await this.checkImages(chapter, entry.images);
      }
    }
    if (chapters.length === 0) {
      if (!images) return undefined;
      const replaced = files.filter((file) => IMAGE_EXTENSIONS.has(extname(file).toLowerCase()));
      return { kind: 'images', files: replaced, parsed: 0, errors: this.errors(), warnings: [] };
    }
    const parsed = new Set<string>();
    for (const path of chapters) {
      const outcome = await this.rebuildFile(book, path);
      // A file that now holds more or fewer chapters renumbers the chapters after it.
      if (outcome === 'renumber') return this.reload(files);
      if (outcome === 'parsed') parsed.add(path);
    }
    const warnings = bookWarnings(book).filter((warning) => warning.file !== undefined && parsed.has(warning.file));
    const rebuilt = [...parsed].map((path) => relative(this.root, path));
    return {
      kind: 'chapters',
      files: rebuilt,
      parsed: parsed.size,
      errors: this.errors(),
      warnings: asWarnings(warnings),
    };
  }

  /** Every error there is now: the book's, or each broken chapter's and image's. */
  errors(): Problem[] {
    if (this.loadError) return [this.loadError];
    return [
      ...this.metadataProblems,
      ...this.chapterErrors.values(),
      ...[...this.images.values()].flatMap((entry) => entry.check.problems),
    ];
  }

  /** Warnings of the book on screen, as a build would print them. */
  warnings(): Problem[] {
    return this.book ? asWarnings(bookWarnings(this.book)) : [];
  }

  /** Folders whose files make the book: the manuscript folder, chapters' and images' folders. */
  folders(): Set<string> {
    const folders = new Set([this.root]);
    if (this.book) {
      folders.add(dirname(this.book.manuscript.metadataFile));
      for (const chapter of this.book.chapters) folders.add(dirname(chapter.file.path));
    }
    for (const entry of this.images.values()) for (const folder of entry.check.folders) folders.add(folder);
    return folders;
  }

  /**
   * Parse one chapter file again, in place of the chapters it held: 'failed' if it cannot be read
   * or parsed now (the error is kept), 'renumber' if it now holds a different number of chapters.
   */
  private async rebuildFile(book: Book, path: string): Promise<'parsed' | 'failed' | 'renumber'> {
    const first = book.chapters.findIndex((chapter) => chapter.file.path === path);
    const count = book.chapters.filter((chapter) => chapter.file.path === path).length;
    try {
      const file = await readChapterAgain(
        path,
        book.manuscript.chapters.find((source) => source.path === path),
      );
      const chapters = await parseChapters(this.processor!, file, first, book.config.chapterLevel);
      if (chapters.length !== count) return 'renumber';
      book.chapters.splice(first, count, ...chapters);
      book.manuscript.chapters[book.manuscript.chapters.findIndex((source) => source.path === path)] = file;
      // As loadBook does once all chapters are parsed; links already resolved are left alone.
      resolveChapterLinks(book.chapters);
      this.chapterErrors.delete(path);
      for (const chapter of chapters) await this.checkImages(chapter, collectImages(chapter.tree));
      return 'parsed';
    } catch (error) {
      this.chapterErrors.set(path, problemOf(error, path));
      return 'failed';
    }
  }

  private async checkImages(chapter: Chapter, images: PreviewImage[]): Promise<void> {
    const check = await pointImages(images, this.root, chapter.file.path, this.imageVersion);
    this.images.set(chapter.id, { images, check });
  }

  /** Whether a new or removed Markdown file changes which files are chapters. */
  private async chapterListChanged(book: Book): Promise<boolean> {
    try {
      const manuscript = await loadManuscript(this.manuscriptPath);
      const now = manuscript.chapters.map((file) => file.path);
      return now.length !== book.chapters.length || now.some((path, index) => path !== book.chapters[index]!.file.path);
    } catch {
      // The reload that follows reports the problem with its place.
      return true;
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
