/**
 * Links between the files of a manuscript. `[第二章](02-chapter.md)` and `02-chapter.md#note`
 * become links inside the book; a relative link to anything else cannot work in an EPUB (and is
 * an EPUBCheck error), so it is reported and its text kept without the link.
 */
import { dirname, resolve } from 'node:path';
import type { Element } from 'hast';
import { EXIT, visit } from './visit.ts';
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { reportNotation } from './notation-rules.ts';

/** What the links need of a chapter: its id, its tree, and the file it was cut from. */
export interface LinkedChapter {
  id: string;
  file: VFile;
  tree: Root;
}

/** Rewrite relative links of every chapter: to another chapter → `#id`, elsewhere → no link. */
export function resolveChapterLinks(chapters: readonly LinkedChapter[]): void {
  // A file cut into several chapters is found by its path; the link goes to its first chapter,
  // or, with a fragment, to the chapter holding that element.
  const byPath = new Map<string, LinkedChapter[]>();
  for (const chapter of chapters) {
    const path = resolve(chapter.file.path);
    byPath.set(path, [...(byPath.get(path) ?? []), chapter]);
  }
  for (const chapter of chapters) {
    visit(chapter.tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || href === '' || href.startsWith('#')) return;
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return;
      const [rawPath = '', fragment] = href.split('#', 2);
      let path = rawPath;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        // A stray `%` is taken literally.
      }
      // The preview parses such a file again when the chapters it links to move.
      chapter.file.data.linksToFiles = true;
      const targets = byPath.get(resolve(dirname(chapter.file.path), path));
      if (targets) {
        const target =
          (fragment && targets.length > 1
            ? targets.find((candidate) => hasId(candidate.tree, `${candidate.id}-${fragment}`))
            : undefined) ?? targets[0]!;
        node.properties.href = fragment ? `#${target.id}-${fragment}` : `#${target.id}`;
        return;
      }
      reportNotation(
        chapter.file,
        'broken-link',
        `link to "${href}" leads to no chapter of the book; kept as plain text`,
        node.position,
        'links',
      );
      delete node.properties.href;
    });
  }
}

function hasId(tree: Root, id: string): boolean {
  let found = false;
  visit(tree, 'element', (node: Element) => {
    if (node.properties.id === id) found = true;
    return found ? EXIT : undefined;
  });
  return found;
}
