/** The table of contents as a tree, shared by the nav document, the 目次 page and the PDF. */
import type { ElementContent } from 'hast';
import type { VFile } from 'vfile';
import type { Chapter } from '../book.ts';

/** One line of the table of contents. */
export interface TocEntry {
  text: string;
  /** The text as the heading sets it (its 縦中横 kept), for a 目次 page; `text` when absent. */
  content?: ElementContent[];
  /** Id of the heading element the entry points to. */
  id: string;
  /** The chapter the heading is in. */
  chapterId: string;
  depth: number;
  children: TocEntry[];
}

/** Build the table of contents from chapter headings, down to `maxDepth` levels. */
export function tocEntries(chapters: readonly Chapter[], maxDepth: number): TocEntry[] {
  const roots: TocEntry[] = [];
  // A file's shallowest heading counts as level 1, so a book written with `##` throughout still
  // gets a table of contents; the chapters cut from one file share its levels, so that the
  // chapters of a part (`##` under `#`) are listed under it.
  const top = new Map<VFile, number>();
  for (const chapter of chapters)
    top.set(chapter.file, Math.min(top.get(chapter.file) ?? Infinity, ...chapter.headings.map((h) => h.depth)));
  let stack: TocEntry[] = [];
  for (const [index, chapter] of chapters.entries()) {
    if (chapters[index - 1]?.file !== chapter.file) stack = [];
    for (const heading of chapter.headings) {
      const depth = heading.depth - top.get(chapter.file)! + 1;
      if (depth > maxDepth || heading.text === '') continue;
      const entry: TocEntry = {
        text: heading.text,
        content: heading.phrasing,
        id: heading.id,
        chapterId: chapter.id,
        depth,
        children: [],
      };
      while (stack.length > 0 && stack.at(-1)!.depth >= depth) stack.pop();
      (stack.at(-1)?.children ?? roots).push(entry);
      stack.push(entry);
    }
  }
  return roots;
}
