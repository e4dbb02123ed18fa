/**
 * The book as both outputs see it: metadata plus every chapter parsed once into a hast tree.
 */
import type { Root as HastRoot } from 'hast';
import { availableParallelism } from 'node:os';
import { VFile } from 'vfile';
import type { BookConfig } from './config/schema.ts';
import { BuildError, BuildErrors, type Warning } from './errors.ts';
import { imageReferences, resolveAssets, type BookAssets } from './manuscript/assets.ts';
import { loadManuscript, type Manuscript } from './manuscript/load.ts';
import { HELPED_SIZE, ReadHelper, readFromTheBack } from './manuscript/read-pool.ts';
import type { ChapterLevel } from './markdown/chapters.ts';
import { createMarkdownProcessor, type ChapterReading, type MarkdownProcessor } from './markdown/processor.ts';
import type { PieceMemory } from './markdown/piece-memory.ts';
import type { PieceRead } from './markdown/read-in-pieces.ts';
import { cutAtHeadings } from './markdown/source-cuts.ts';
import type { HeadingEntry } from './markdown/types.ts';
import { resolveChapterLinks } from './markdown/links.ts';
import { silent, type Progress } from './progress.ts';

/** One chapter: a chapter file, or a part of one cut at a heading (see `chapterLevel`). */
export interface Chapter {
  /** `ch-1`, `ch-2`, … in reading order; element ids inside the chapter start with it. */
  id: string;
  /** The file the chapter was written in (several chapters may share one). */
  file: VFile;
  tree: HastRoot;
  /** Text of the chapter's first heading, if it has one. */
  title?: string;
  headings: HeadingEntry[];
}

/**
 * A manuscript read from disk, with the one Markdown processor its settings make: what
 * proofreading and parsing share, so that neither reads a file or builds a processor again.
 */
export interface BookSource {
  manuscript: Manuscript;
  processor: MarkdownProcessor;
}

/** A manuscript with its chapters parsed. */
export interface Book extends BookSource {
  config: BookConfig;
  chapters: Chapter[];
  /** Images, cover and print fonts, found and checked when the book loaded. */
  assets: BookAssets;
}

/** How to load a book. */
export interface LoadOptions {
  /**
   * Where to put the problems the assets have (the preview shows them beside the book) rather
   * than stopping; without it, every problem is thrown together as a `BuildErrors`.
   */
  assetProblems?: BuildError[];
  /**
   * Whether a second thread reads (scripts/manuscript/read-pool.ts) when there is enough Markdown:
   * by default only with `THREAD_CORES` cores or more; true on any machine with two (tests, to
   * compare with false).
   */
  readingThread?: boolean;
  /** Pieces kept from the last load (the preview's): a long file's unchanged pieces are recalled, not read. */
  pieceMemory?: PieceMemory;
  /**
   * Where to put the chapters' notation errors (a ruby left open, …) rather than stopping; the
   * chapters are kept as parsed (the preview shows them, and the errors beside them).
   */
  notationProblems?: BuildError[];
}

/** Read a manuscript (every file once) and make its processor; nothing is parsed yet. */
export async function openManuscript(path: string): Promise<BookSource> {
  const manuscript = await loadManuscript(path);
  return { manuscript, processor: createMarkdownProcessor(manuscript.config.markdown) };
}

/**
 * Parse every chapter of a manuscript already read, and check every file it uses. A chapter
 * with a notation error (notation-rules.ts) does not stop the others: every mistake of the book
 * is reported in one run, with the warnings found beside them.
 */
export async function parseBook(
  source: BookSource,
  progress: Progress = silent,
  options: LoadOptions = {},
): Promise<Book> {
  const { manuscript, processor } = source;
  const chapters: Chapter[] = [];
  const errors: BuildError[] = [];
  const helper = readingHelper(manuscript, options.readingThread);
  const { chapterFiles, config } = manuscript;
  let reached = 0;
  const preRead = helper
    ? readFromTheBack(chapterFiles, helper, readWholeElsewhere(config), () => reached)
    : new Map<number, Promise<PieceRead | undefined>>();
  try {
    for (const [index, file] of chapterFiles.entries()) {
      reached = index;
      const reading = { helper, preRead: preRead.get(index), memory: options.pieceMemory };
      const parsed = await parseChapterFile(processor, file, chapters.length, config.chapterLevel, reading);
      if (options.notationProblems) options.notationProblems.push(...parsed.errors);
      else errors.push(...parsed.errors);
      // Kept either way: the images of a chapter with a notation error are checked all the same.
      chapters.push(...parsed.chapters);
      progress({ kind: 'parsing', step: { done: index + 1, total: chapterFiles.length } });
    }
  } finally {
    await helper?.close();
  }
  resolveChapterLinks(chapters);
  const { assets, problems } = await resolveAssets(manuscript, imageReferences(chapters));
  if (options.assetProblems) options.assetProblems.push(...problems);
  else errors.push(...problems);
  if (errors.length > 0) {
    const stop = new BuildErrors(errors);
    stop.warnings = fileWarnings(manuscript.chapterFiles);
    throw stop;
  }
  return { manuscript, processor, config: manuscript.config, chapters, assets };
}

/**
 * The cores a machine needs for a reading thread to pay. A build on one thread already keeps a
 * second core busy with V8's own helpers (concurrent marking and compiling: 明暗's EPUB used 2.4 s
 * of CPU in 1.7 s), and two threads that allocate as the parser does slow each other down (two
 * builds at once take 1.5× as long each). Measured on two cores, interleaved: 明暗 1.68 s without
 * the thread against 1.88 s with it, large-peer.md 2.28 against 2.48 s, 30 chapter files 1.52
 * against 1.53 s. With a third core the thread has one of its own.
 */
const THREAD_CORES = 3;

/** Whether a reading thread may start (`LoadOptions.readingThread`), on a machine with `cores`. */
export function readingThreadWanted(asked: boolean | undefined, cores = availableParallelism()): boolean {
  if (asked === false || cores < 2) return false;
  return asked === true || cores >= THREAD_CORES;
}

/**
 * A second reading thread, for a manuscript with much Markdown to read: a long file that will be
 * read in pieces (a one-file novel), or many files, which it reads whole from the last while the
 * main thread parses from the first. Started before the first file is read, so that it has its
 * parser loaded when there is work; none on a machine with too few cores (`THREAD_CORES`) unless
 * asked for, and never on one core, where it could only take turns.
 */
function readingHelper(manuscript: Manuscript, asked: boolean | undefined): ReadHelper | undefined {
  const { chapterFiles, config } = manuscript;
  if (!readingThreadWanted(asked)) return undefined;
  const markdown = chapterFiles.filter((file) => !file.data.aozoraText);
  const size = markdown.reduce((sum, file) => sum + String(file.value).length, 0);
  const cut = !config.markdown.paragraphPerLine && markdown.some(willBeCut);
  const many = markdown.filter(readWholeElsewhere(config)).length >= 2;
  return size >= HELPED_SIZE && (cut || many) ? new ReadHelper(config.markdown) : undefined;
}

/** Whether a file is long and will be read in pieces (source-cuts.ts). */
function willBeCut(file: VFile): boolean {
  const text = String(file.value);
  return text.length >= HELPED_SIZE && cutAtHeadings(text).length > 1;
}

/** Which files the reading thread may read whole: Markdown that will not be cut (a 青空文庫 text stays here). */
function readWholeElsewhere(config: BookConfig) {
  return (file: VFile) =>
    !file.data.aozoraText && (config.markdown.paragraphPerLine || cutAtHeadings(String(file.value)).length <= 1);
}

/**
 * The files a book uses, found for a manuscript not parsed, from the image references its chapters
 * made when it last was (as written); undefined when one of them, or the cover, 口絵 or a font,
 * does not resolve. What an up-to-date check before parsing hashes (build/write.ts).
 */
export async function assetsOfReferences(
  source: BookSource,
  images: readonly string[],
): Promise<BookAssets | undefined> {
  const { manuscript } = source;
  const references = images.map((reference) => ({ reference, place: { file: manuscript.metadataFile } }));
  const { assets, problems } = await resolveAssets(manuscript, references);
  return problems.length > 0 ? undefined : assets;
}

/** Read a manuscript, parse every chapter and check every file it uses. */
export async function loadBook(path: string, progress: Progress = silent, options: LoadOptions = {}): Promise<Book> {
  return parseBook(await openManuscript(path), progress, options);
}

/**
 * A copy of the book that one output may change in place: its chapter trees, headings and files
 * (with their messages) are its own, so that the next output of the same load reads the book as
 * it was parsed. The EPUB needs one: it points images at files, rewrites attributes for its
 * packager and reports links it drops on the chapter files.
 */
export function copyForOutput(book: Book): Book {
  const files = new Map(book.manuscript.chapterFiles.map((file) => [file, copyFile(file)]));
  return {
    ...book,
    manuscript: { ...book.manuscript, chapterFiles: [...files.values()] },
    chapters: book.chapters.map((chapter) => ({
      ...chapter,
      file: files.get(chapter.file) ?? chapter.file,
      tree: structuredClone(chapter.tree),
      headings: structuredClone(chapter.headings),
    })),
  };
}

function copyFile(file: VFile): VFile {
  const copy = new VFile({ path: file.path, value: file.value, data: { ...file.data } });
  copy.messages.push(...file.messages);
  return copy;
}

/**
 * Parse one chapter file into the chapters it holds, numbered from the book's chapter `first + 1`
 * (the preview re-parses one file at a time). A notation error in it (a ruby left open, …) is
 * thrown, every one of the file's together, once the whole file is read.
 */
export async function parseChapters(
  processor: MarkdownProcessor,
  file: VFile,
  first: number,
  level: ChapterLevel,
  memory?: PieceMemory,
): Promise<Chapter[]> {
  const { chapters, errors } = await parseChapterFile(processor, file, first, level, { memory });
  if (errors.length > 0) throw new BuildErrors(errors);
  return chapters;
}

/** Parse one chapter file: its chapters, and its notation errors, which the caller decides about. */
async function parseChapterFile(
  processor: MarkdownProcessor,
  file: VFile,
  first: number,
  level: ChapterLevel,
  reading?: ChapterReading,
): Promise<{ chapters: Chapter[]; errors: BuildError[] }> {
  const trees = await processor.toChapters(file, level, (index) => `ch-${first + index + 1}`, reading);
  const chapters = trees.map(({ id, tree, headings }) => {
    const top = Math.min(...headings.map((heading) => heading.depth));
    // A heading with no text (`#` alone, or only a note) names nothing.
    const title = headings.find((heading) => heading.depth === top && heading.text !== '')?.text;
    return { id, file, tree, headings, title };
  });
  return { chapters, errors: notationErrors(file) };
}

/** Every warning the chapters collected, in reading order. */
export function bookWarnings(book: Book): Warning[] {
  return fileWarnings(book.manuscript.chapterFiles);
}

/** The warnings of chapter files, each with the hint its rule gives (the message's note). */
function fileWarnings(files: readonly VFile[]): Warning[] {
  return files.flatMap((file) =>
    file.messages.filter((message) => !message.fatal).map((message) => ({ ...diagnosticOf(message), file: file.path })),
  );
}

/** The errors a chapter file's notation has (fatal messages: notation-rules.ts), as build errors. */
function notationErrors(file: VFile): BuildError[] {
  return file.messages
    .filter((message) => message.fatal)
    .map((message) => new BuildError(message.reason, { ...diagnosticOf(message), file: file.path }));
}

function diagnosticOf(message: VFile['messages'][number]) {
  return {
    message: message.reason,
    line: message.line ?? undefined,
    column: message.column ?? undefined,
    ruleId: message.ruleId ?? undefined,
    ...(message.note ? { hint: message.note } : {}),
  };
}
