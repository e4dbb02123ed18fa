/**
 * Element ids unique in the whole book: the print edition is one HTML document and an EPUB
 * fails validation on a repeated id. Ids the author wrote in raw HTML get the chapter prefix
 * (links to them inside the chapter follow), and a repeated id gets a number, with a warning.
 */
import type { Element, Root } from 'hast';
import type { ChapterTree } from './types.ts';
import { visit } from './visit.ts';
import type { VFile } from 'vfile';
import { reportNotation } from './notation-rules.ts';

/** Rehype plugin: prefix foreign ids with the chapter id and make repeated ids unique. */
export function rehypeChapterIds() {
  return (tree: Root, file: VFile) => {
    const prefix = `${file.data.chapterId ?? 'ch'}-`;
    const renamed = new Map<string, string>();
    // The whole file's ids, for links to another chapter cut from the same file.
    const fileRenames = (file.data.idRenames ??= new Map<string, string>());
    const seen = new Set<string>();
    // The chapter's `#…` links, found in the same walk and pointed at the new ids once all are known.
    const links: Element[] = [];
    visit(tree, 'element', (node: Element) => {
      const { id, href } = node.properties;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) links.push(node);
      if (typeof id !== 'string' || id === '') return;
      let next = id.startsWith(prefix) ? id : `${prefix}${id}`;
      if (seen.has(next)) {
        let count = 2;
        while (seen.has(`${next}-${count}`)) count++;
        reportNotation(
          file,
          'duplicate-id',
          `duplicate id "${id}": renamed to keep ids unique in the book`,
          node.position,
        );
        next = `${next}-${count}`;
      } else if (!renamed.has(id)) {
        renamed.set(id, next);
        if (!fileRenames.has(id)) fileRenames.set(id, next);
      }
      seen.add(next);
      node.properties.id = next;
    });
    for (const link of links) {
      const target = renamed.get(decodeURIComponent((link.properties.href as string).slice(1)));
      if (target) link.properties.href = `#${target}`;
    }
  };
}

/**
 * After a file was cut into chapters: a `#id` link to an element the author placed in another
 * chapter of the same file gets that element's new id.
 */
export function linkAcrossChapters(chapters: readonly ChapterTree[], file: VFile): void {
  const renames = file.data.idRenames;
  if (!renames || renames.size === 0) return;
  const ids = new Set(renames.values());
  for (const chapter of chapters) {
    visit(chapter.tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      let target: string;
      try {
        target = decodeURIComponent(href.slice(1));
      } catch {
        return;
      }
      if (ids.has(target)) return;
      const renamed = renames.get(target);
      if (renamed) node.properties.href = `#${renamed}`;
    });
  }
}
