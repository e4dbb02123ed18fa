/** Data the Markdown stages share through `file.data`. */
import type { ElementContent } from 'hast';

/** A heading of a chapter, as the table of contents needs it. */
export interface HeadingEntry {
  /** 1 for `#`, 2 for `##`, … */
  depth: number;
  /** The id given to the heading element, unique in the book. */
  id: string;
  /** The heading's text without ruby readings, for tables of contents and running heads. */
  text: string;
  /** The same text as it is set: plain text and the 縦中横 (and upright or sideways runs) it holds. */
  phrasing: ElementContent[];
}

declare module 'vfile' {
  interface DataMap {
    /** Id of the chapter this file becomes (`ch-3`); element ids of the chapter start with it. */
    chapterId: string;
    /** The file is a one-file book, whose front matter is the book's metadata. */
    frontMatterIsMetadata?: boolean;
    /** The chapter's headings in reading order. */
    headings: HeadingEntry[];
  }
}
