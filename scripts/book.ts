/**
 * The book as both outputs see it: metadata plus every chapter parsed once into a hast tree.
 */
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import type { BookConfig } from './config/schema.ts';
import { BuildErrors, type BuildError, type Warning } from './errors.ts';
import { resolveAssets, type BookAssets } from './manuscript/assets.ts';
import { loadManuscript, type Manuscript } from './manuscript/load.ts';
import type { ChapterLevel } from './markdown/chapters.ts';
import { createMarkdownProcessor, type MarkdownProcessor } from './markdown/processor.ts';
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

/** A manuscript with its chapters parsed. */
export interface Book {
  manuscript: Manuscript;
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
}

/** Read a manuscript, parse every chapter and check every file it uses. */
export async function loadBook(path: string, progress: Progress = silent, options: LoadOptions = {}): Promise<Book> {
  const manuscript = await loadManuscript(path);
  const processor = createMarkdownProcessor(manuscript.config.markdown);
  const chapters: Chapter[] = [];
  for (const [index, file] of manuscript.chapterFiles.entries()) {
    chapters.push(...(await parseChapters(processor, file, chapters.length, manuscript.config.chapterLevel)));
    progress('parsing chapters', { done: index + 1, total: manuscript.chapterFiles.length });
  }
  resolveChapterLinks(chapters);
  const { assets, problems } = await resolveAssets(manuscript, chapters);
  if (options.assetProblems) options.assetProblems.push(...problems);
  else if (problems.length > 0) throw new BuildErrors(problems);
  return { manuscript, config: manuscript.config, chapters, assets };
}

/**
 * Parse one chapter file into the chapters it holds, numbered from the book's chapter `first + 1`
 * (the preview re-parses one file at a time).
 */
export async function parseChapters(
  processor: MarkdownProcessor,
  file: VFile,
  first: number,
  level: ChapterLevel,
): Promise<Chapter[]> {
  const trees = await processor.toChapters(file, level, (index) => `ch-${first + index + 1}`);
  return trees.map(({ id, tree, headings }) => {
    const top = Math.min(...headings.map((heading) => heading.depth));
    // A heading with no text (`#` alone, or only a note) names nothing.
    const title = headings.find((heading) => heading.depth === top && heading.text !== '')?.text;
    return { id, file, tree, headings, title };
  });
}

/** Every warning the chapters collected, in reading order. */
export function bookWarnings(book: Book): Warning[] {
  return book.manuscript.chapterFiles.flatMap((file) =>
    file.messages
      .filter((message) => !message.fatal)
      .map((message) => ({
        message: message.reason,
        file: file.path,
        line: message.line ?? undefined,
        column: message.column ?? undefined,
        ruleId: message.ruleId ?? undefined,
      })),
  );
}
