/**
 * The book as the preview keeps it between saves: the last good parse of every chapter, and
 * what is wrong now. The book is loaded as a build loads it (`loadBook`), and a saved chapter
 * file is read and parsed again on its own with the book's processor and `parseChapters`. A
 * chapter file that appears, disappears or now holds a different number of chapters (cut at its
 * headings) moves the chapters after it: those are parsed again from the text already read, and
 * so are the files that link to other files; the rest stay as they are. `book.yaml`, or any save
 * while the book cannot be loaded, loads everything again, exactly as a build reads it.
 */
import { stat } from 'node:fs/promises';
import { dirname, extname, relative } from 'node:path';
import type { VFile } from 'vfile';
import { bookWarnings, loadBook, parseChapters, type Book, type Chapter } from '../book.ts';
import type { BuildError } from '../errors.ts';
import { listChapterFiles, readChapterFile } from '../manuscript/load.ts';
import { sourceFile } from '../manuscript/read-text.ts';
import { resolveChapterLinks } from '../markdown/links.ts';
import { PieceMemory } from '../markdown/piece-memory.ts';
import { readChapterAgain } from '../manuscript/aozora-text.ts';
import { silent } from '../progress.ts';
import { collectImages, pointImages, type ImageCheck, type PreviewImage } from './images.ts';
import { asWarnings, problemOf, problemsOf, type Problem } from './problems.ts';

/** What an update did: read the whole book again, parse some chapters, or only re-check images. */
type UpdateKind = 'book' | 'chapters' | 'images';

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
/** Chapter files: Markdown, or 青空文庫 texts. */
const CHAPTER_EXTENSIONS = new Set(['.md', '.txt']);
const SOURCE_EXTENSIONS = new Set([...CHAPTER_EXTENSIONS, '.yaml', '.yml', ...IMAGE_EXTENSIONS]);

interface ChapterImages {
  images: PreviewImage[];
  check: ImageCheck;
}

/** One chapter file of the book after an update: the file, its chapters, and how they were come by. */
interface Placed {
  file: VFile;
  chapters: Chapter[];
  /** Read from disk in this update (saved, or new to the book). */
  read: boolean;
  /** Parsed in this update (read, or moved and parsed again from the text in memory). */
  parsed: boolean;
}

/** A manuscript loaded for the preview, updated file by file. */
export class PreviewBook {
  /** The last book that loaded; it stays on screen while a later save is broken. */
  book: Book | undefined;
  /** Why the book could not be loaded the last time it was tried (every mistake found, as a build reports them). */
  private loadError: Problem[] | undefined;
  /**
   * Chapter files whose latest save could not be read or parsed, or has notation errors, with
   * every problem of each; the previous text of a broken save stays.
   */
  private readonly chapterErrors = new Map<string, Problem[]>();
  private readonly images = new Map<string, ChapterImages>();
  /** Problems of the files book.yaml names (the cover, the print fonts), found when the book loaded. */
  private metadataProblems: Problem[] = [];
  private imageVersion = 0;
  /**
   * A long file's pieces as last read: a save reads again only the pieces it changed (a one-file
   * book's every save loads the book again, its file being its metadata too).
   */
  private readonly pieces = new PieceMemory();

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
      // A first load with notation errors still shows the book, the errors beside it.
      const notationProblems: BuildError[] = [];
      const book = await loadBook(this.manuscriptPath, silent, {
        assetProblems,
        notationProblems,
        pieceMemory: this.pieces,
        // A second reading thread may pay on the first load (with the cores for it); on a save,
        // most pieces are recalled and starting it would cost more than the few pieces it could read.
        readingThread: this.book === undefined ? undefined : false,
      });
      for (const problem of notationProblems) {
        const path = problem.file ?? this.manuscriptPath;
        this.chapterErrors.set(path, [...(this.chapterErrors.get(path) ?? []), problemOf(problem)]);
      }
      this.metadataProblems = assetProblems
        .filter((problem) => problem.file === book.manuscript.metadataFile)
        .map((problem) => problemOf(problem));
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
      this.loadError = problemsOf(error, this.manuscriptPath);
      return { kind: 'book', files, parsed: 0, errors: this.errors(), warnings: [] };
    }
  }

  /**
   * Bring the book up to date with saved files; `undefined` when none of them is part of the book.
   * `onRead` hears of each chapter file as soon as it is read, before it is parsed (the preview
   * proofreads it meanwhile).
   */
  async update(paths: ReadonlySet<string>, onRead?: (file: VFile) => void): Promise<UpdateResult | undefined> {
    // Editors also write swap, backup and lock files next to the one saved; they are not the book.
    const sources = [...paths].filter((path) => SOURCE_EXTENSIONS.has(extname(path).toLowerCase()));
    const book = this.book;
    if (!book || this.loadError) return sources.length > 0 ? this.reload(this.relative(sources)) : undefined;
    if (sources.includes(book.manuscript.metadataFile)) return this.reload(this.relative(sources));

    const current = book.manuscript.chapterFiles.map((file) => file.path);
    const list = await this.chapterList(book, current, sources);
    if (list === undefined) return this.reload(this.relative(sources));
    const images = sources.some((path) => IMAGE_EXTENSIONS.has(extname(path).toLowerCase()));
    if (images) await this.recheckImages(book);
    const saved = sources.filter((path) => current.includes(path) && list.includes(path));
    const changed = [...saved, ...sources.filter((path) => current.includes(path) !== list.includes(path))];
    if (changed.length === 0) {
      if (!images) return undefined;
      const replaced = sources.filter((path) => IMAGE_EXTENSIONS.has(extname(path).toLowerCase()));
      return { kind: 'images', files: this.relative(replaced), parsed: 0, errors: this.errors(), warnings: [] };
    }
    const placed = await this.place(book, list, new Set(saved), onRead);
    if (!placed) return this.reload(this.relative(sources));
    const read = new Set(placed.filter((entry) => entry.read).map((entry) => entry.file.path));
    return {
      kind: 'chapters',
      files: this.relative(changed),
      parsed: placed.filter((entry) => entry.parsed).reduce((sum, entry) => sum + entry.chapters.length, 0),
      errors: this.errors(),
      warnings: asWarnings(
        bookWarnings(book).filter((warning) => warning.file !== undefined && read.has(warning.file)),
      ),
    };
  }

  /** Every error there is now: the book's, or each broken chapter's and image's. */
  errors(): Problem[] {
    if (this.loadError) return this.loadError;
    return [
      ...this.metadataProblems,
      ...[...this.chapterErrors.values()].flat(),
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
   * The chapter files the book has now: the same list unless a Markdown file appeared or one of
   * the book's is gone, then the manuscript's list as a build would find it (without reading a
   * chapter). `undefined` when it cannot be listed: the reload that follows reports why.
   */
  private async chapterList(book: Book, current: string[], sources: string[]): Promise<string[] | undefined> {
    // A one-file book is its own only chapter.
    if (book.manuscript.chapterFiles[0]?.data.frontMatterIsMetadata) return current;
    let listed = false;
    for (const path of sources) {
      if (current.includes(path) ? !(await isFile(path)) : CHAPTER_EXTENSIONS.has(extname(path).toLowerCase()))
        listed = true;
    }
    if (!listed) return current;
    return listChapterFiles(this.manuscriptPath).catch(() => undefined);
  }

  /**
   * Lay the book's chapter files out as `list` says: saved and new files are read and parsed,
   * files whose chapters moved are parsed again from their text, the rest keep their chapters.
   * `undefined` when a saved file cannot be parsed where its old chapters no longer fit.
   */
  private async place(
    book: Book,
    list: readonly string[],
    saved: ReadonlySet<string>,
    onRead?: (file: VFile) => void,
  ): Promise<Placed[] | undefined> {
    const before = groupByFile(book);
    const placed: Placed[] = [];
    let count = 0;
    for (const path of list) {
      const old = before.get(path);
      const entry = await this.placeFile(book, path, old, count, saved.has(path), onRead);
      if (entry === 'reload') return undefined;
      if (entry) {
        placed.push(entry);
        count += entry.chapters.length;
      }
    }
    // A file that links to another file points at that file's chapters by their ids, which the
    // chapters parsed now may have changed. Its own chapters stay where they are.
    const reparsed = placed.some((entry) => entry.parsed);
    for (const [index, entry] of placed.entries()) {
      if (!reparsed || entry.parsed || !entry.file.data.linksToFiles) continue;
      placed[index] = await this.reparse(book, entry.file, placed.slice(0, index).reduce(chapterCount, 0));
    }
    for (const path of this.chapterErrors.keys()) if (!list.includes(path)) this.chapterErrors.delete(path);
    await this.commit(book, placed);
    return placed;
  }

  /** One file of `place`: kept, read and parsed, or parsed again; `undefined` for a new file that cannot be read. */
  private async placeFile(
    book: Book,
    path: string,
    old: { file: VFile; first: number; chapters: Chapter[] } | undefined,
    first: number,
    save: boolean,
    onRead?: (file: VFile) => void,
  ): Promise<Placed | 'reload' | undefined> {
    if (old && !save) {
      return old.first === first
        ? { file: old.file, chapters: old.chapters, read: false, parsed: false }
        : this.reparse(book, old.file, first);
    }
    try {
      // Read as the book read it: a 青空文庫 text with its header used as before, a one-file
      // book's front matter as its metadata; a new file as a manuscript folder's chapter.
      const file = old ? await readChapterAgain(path, old.file) : await readChapterFile(path);
      if (old?.file.data.frontMatterIsMetadata) file.data.frontMatterIsMetadata = true;
      onRead?.(file);
      const chapters = await parseChapters(book.processor, file, first, book.config.chapterLevel, this.pieces);
      this.chapterErrors.delete(path);
      return { file, chapters, read: true, parsed: true };
    } catch (error) {
      this.chapterErrors.set(path, problemsOf(error, path));
      // A broken save keeps the chapters it had, where they still fit.
      if (!old) return undefined;
      return old.first === first ? { file: old.file, chapters: old.chapters, read: false, parsed: false } : 'reload';
    }
  }

  /** A file parsed again from the text already read, its chapters numbered from `first`. */
  private async reparse(book: Book, file: VFile, first: number): Promise<Placed> {
    const copy = sourceFile(file.path, file.data.decodedText ?? String(file.value));
    copy.data.frontMatterIsMetadata = file.data.frontMatterIsMetadata;
    copy.data.aozoraText = structuredClone(file.data.aozoraText);
    const chapters = await parseChapters(book.processor, copy, first, book.config.chapterLevel, this.pieces);
    return { file: copy, chapters, read: false, parsed: true };
  }

  /** Make `placed` the book's files and chapters, resolve the new chapters' links and check their images. */
  private async commit(book: Book, placed: readonly Placed[]): Promise<void> {
    book.manuscript.chapterFiles = placed.map((entry) => entry.file);
    book.chapters = placed.flatMap((entry) => entry.chapters);
    // As loadBook does once all chapters are parsed; links already resolved are left alone.
    resolveChapterLinks(book.chapters);
    const ids = new Set(book.chapters.map((chapter) => chapter.id));
    for (const id of this.images.keys()) if (!ids.has(id)) this.images.delete(id);
    for (const entry of placed.filter((each) => each.parsed))
      for (const chapter of entry.chapters) await this.checkImages(chapter, collectImages(chapter.tree));
  }

  /** A replaced image needs a new URL; an added one may mend a chapter that referred to it. */
  private async recheckImages(book: Book): Promise<void> {
    this.imageVersion++;
    for (const chapter of book.chapters) {
      const entry = this.images.get(chapter.id);
      if (entry) await this.checkImages(chapter, entry.images);
    }
  }

  private async checkImages(chapter: Chapter, images: PreviewImage[]): Promise<void> {
    const check = await pointImages(images, this.root, chapter.file.path, this.imageVersion);
    this.images.set(chapter.id, { images, check });
  }

  private relative(paths: readonly string[]): string[] {
    return paths.map((path) => relative(this.root, path));
  }
}

/** Each chapter file's chapters and where they start in the book. */
function groupByFile(book: Book): Map<string, { file: VFile; first: number; chapters: Chapter[] }> {
  const groups = new Map<string, { file: VFile; first: number; chapters: Chapter[] }>();
  for (const file of book.manuscript.chapterFiles) groups.set(file.path, { file, first: -1, chapters: [] });
  for (const [index, chapter] of book.chapters.entries()) {
    const group = groups.get(chapter.file.path);
    if (!group) continue;
    if (group.first === -1) group.first = index;
    group.chapters.push(chapter);
  }
  return groups;
}

const chapterCount = (sum: number, entry: Placed) => sum + entry.chapters.length;

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
