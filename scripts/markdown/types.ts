/** Data the Markdown stages share through `file.data`, and the shapes they hand on. */
import type { ElementContent, Root as HastRoot } from 'hast';

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

/** One chapter cut from a file, as hast. */
export interface ChapterTree {
  /** The chapter id it was made with (`file.data.chapterId` at the time). */
  id: string;
  tree: HastRoot;
  headings: HeadingEntry[];
}

/** Ids as the author wrote them → as they are in the book. */
type IdRenames = Map<string, string>;

declare module 'vfile' {
  interface DataMap {
    /** Id of the chapter this file becomes (`ch-3`); element ids of the chapter start with it. */
    chapterId: string;
    /** The file is a one-file book, whose front matter is the book's metadata. */
    frontMatterIsMetadata?: boolean;
    /** Ids the author wrote, and what they became, in the whole file (for links across its chapters). */
    idRenames?: IdRenames;
    /** The chapter's headings in reading order. */
    headings: HeadingEntry[];
    /** The file links to other files of the manuscript (set when links are resolved). */
    linksToFiles?: boolean;
  }
}
