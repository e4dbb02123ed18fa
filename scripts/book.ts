/**
 * The book as both outputs see it: metadata plus every chapter parsed once into a hast tree.
 */
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import type { BookConfig } from './config/schema.ts';
import type { Warning } from './errors.ts';
import { loadManuscript, type Manuscript } from './manuscript/load.ts';
import { createMarkdownProcessor, type MarkdownProcessor } from './markdown/processor.ts';
import type { HeadingEntry } from './markdown/types.ts';
import { resolveChapterLinks } from './layout/links.ts';
import { silent, type Progress } from './progress.ts';

/** One chapter file, parsed. */
export interface Chapter {
  /** `ch-1`, `ch-2`, … in reading order; element ids inside the chapter start with it. */
  id: string;
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
}

/** Read a manuscript and parse every chapter. */
export async function loadBook(path: string, progress: Progress = silent): Promise<Book> {
  const manuscript = await loadManuscript(path);
  const processor = createMarkdownProcessor(manuscript.config.markdown);
  const chapters: Chapter[] = [];
  for (const [index, file] of manuscript.chapters.entries()) {
    chapters.push(await parseChapter(processor, file, index));
    progress('parsing chapters', { done: index + 1, total: manuscript.chapters.length });
  }
  resolveChapterLinks(chapters);
  return { manuscript, config: manuscript.config, chapters };
}

/** Parse one chapter source as the book's chapter number `index + 1` (the preview re-parses one at a time). */
export async function parseChapter(processor: MarkdownProcessor, file: VFile, index: number): Promise<Chapter> {
  const id = `ch-${index + 1}`;
  file.data.chapterId = id;
  const tree = await processor.toHast(file);
  const headings = file.data.headings ?? [];
  const title = (headings.find((heading) => heading.depth === 1) ?? headings[0])?.text;
  return { id, file, tree, title, headings };
}

/** Every warning the chapters collected, in reading order. */
export function bookWarnings(book: Book): Warning[] {
  return book.manuscript.chapters.flatMap((file) =>
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
