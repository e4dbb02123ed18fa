/**
 * Front matter in a chapter. In a one-file book it is the book's metadata; in a chapter of a
 * manuscript folder it is never printed, so the author is told rather than left to wonder where
 * the text went (a chapter that opens with a `---` scene break and has another later is read as
 * front matter too).
 */
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { reportNotation } from './notation-rules.ts';

/** Remark plugin: warn about front matter that the book does not use. */
export function remarkReportFrontMatter() {
  return (tree: Root, file: VFile) => {
    if (file.data.frontMatterIsMetadata) return;
    const [first] = tree.children;
    if (first?.type !== 'yaml') return;
    reportNotation(
      file,
      'chapter-front-matter',
      'front matter in a chapter file is not printed; book metadata belongs in book.yaml',
      first.position,
    );
  };
}
