/**
 * Cutting one Markdown file into chapters at its headings, on the syntax tree: many authors keep
 * a whole novel in one file (as Pandoc users do, and as every 青空文庫 text converts), with a `#`
 * heading for each chapter. Every node keeps its source position, so messages still point at
 * the file, line and column the author wrote.
 *
 * The cut is made after the notations have been read (so that a heading made by a 青空文庫
 * annotation counts too) and before footnotes are numbered and the tree becomes HTML, which is
 * done for each chapter on its own: each chapter numbers its notes from 1 and gets ids of its
 * own. What belongs to the whole file is shared out: a footnote definition goes to every chapter
 * that refers to it (a definition that nothing refers to stays where it was written, so that it
 * is still reported), and link reference definitions are visible from every chapter.
 */
import type { Definition, FootnoteDefinition, Nodes, Parent, Root, RootContent } from 'mdast';
import { INLINE_PARENTS } from './inline-parents.ts';

/** Which headings start a chapter: those of this depth or shallower; `none` never cuts. */
export type ChapterLevel = number | 'none';

/** Cut a file's tree before every top-level heading of depth `level` or less. */
export function splitIntoChapters(tree: Root, level: ChapterLevel): Root[] {
  const pieces: RootContent[][] = [[]];
  for (const node of tree.children) {
    if (level !== 'none' && node.type === 'heading' && node.depth <= level && hasContent(pieces.at(-1)!))
      pieces.push([]);
    pieces.at(-1)!.push(node);
  }
  if (pieces.length === 1) return [tree];
  // A page break just before a heading is the chapter's own page break: it opens the chapter
  // (where it still asks for a recto, if it is 改丁) instead of leaving an empty page behind.
  for (let index = 0; index < pieces.length - 1; index++) {
    const piece = pieces[index]!;
    while (piece.length > 0 && piece.at(-1)!.type === 'pageBreak') pieces[index + 1]!.unshift(piece.pop()!);
  }
  const roots = pieces.map((children): Root => ({ type: 'root', children }));
  // Definitions are taken out before an empty lead is dropped: they may be all it holds.
  const definitions = roots.map(takeDefinitions);
  const kept = roots.filter((root, index) => index > 0 || hasContent(root.children));
  shareDefinitions(kept, definitions.flat(), kept[0] === roots[0] ? undefined : definitions[0]);
  return kept;
}

/** Whether a run of nodes holds anything a reader would see (front matter and definitions are not). */
function hasContent(nodes: readonly RootContent[]): boolean {
  return nodes.some(
    (node) =>
      node.type !== 'yaml' &&
      node.type !== 'definition' &&
      node.type !== 'footnoteDefinition' &&
      !(node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value)),
  );
}

type AnyDefinition = FootnoteDefinition | Definition;

/** A definition and the chapter it was written in (undefined: a lead that was dropped). */
interface Written {
  node: AnyDefinition;
  home: Root | undefined;
}

/**
 * Give every chapter the definitions it uses: a footnote definition to each chapter that refers
 * to it (all copies of a duplicate to the first, so that it is still reported once), and every
 * link reference definition to every chapter, in the order written, since the first one of a
 * label wins.
 */
function shareDefinitions(roots: Root[], all: Written[], dropped: Written[] | undefined): void {
  const droppedNodes = new Set(dropped?.map((entry) => entry.node));
  const notes = new Map<string, Written[]>();
  const links: Definition[] = [];
  for (const entry of all) {
    if (entry.node.type === 'definition') links.push(entry.node);
    else {
      const list = notes.get(entry.node.identifier) ?? [];
      list.push({ node: entry.node, home: droppedNodes.has(entry.node) ? roots[0] : entry.home });
      notes.set(entry.node.identifier, list);
    }
  }
  const placed = new Set<string>();
  for (const root of roots) {
    const given = new Set<string>();
    // References inside a note that this chapter receives count as the chapter's own.
    const queue: Nodes[] = [...root.children];
    while (queue.length > 0) {
      const node = queue.pop()!;
      if (node.type === 'footnoteReference') {
        const list = notes.get(node.identifier);
        if (!list || given.has(node.identifier)) continue;
        given.add(node.identifier);
        const copies = placed.has(node.identifier) ? [structuredClone(list[0]!.node)] : list.map((entry) => entry.node);
        placed.add(node.identifier);
        root.children.push(...copies);
        queue.push(...copies);
      } else if ('children' in node) {
        queue.push(...(node.children as Nodes[]));
      }
    }
  }
  // A note that nothing refers to stays where it was written, to be reported there.
  for (const [identifier, list] of notes) {
    if (placed.has(identifier)) continue;
    for (const entry of list) (entry.home ?? roots[0]!).children.push(entry.node);
  }
  if (links.length > 0) for (const root of roots) root.children.unshift(...links.map((node) => structuredClone(node)));
}

/** Take footnote and link definitions out of a tree, wherever they are in it. */
function takeDefinitions(root: Root): Written[] {
  const taken: Written[] = [];
  const walk = (parent: Parent) => {
    parent.children = parent.children.filter((child) => {
      if (child.type === 'footnoteDefinition' || child.type === 'definition') {
        taken.push({ node: child, home: root });
        return false;
      }
      // Definitions are blocks: no need to look inside paragraphs, headings or tables.
      if ('children' in child && !INLINE_PARENTS.has(child.type)) walk(child as Parent);
      return true;
    }) as Parent['children'];
  };
  walk(root);
  return taken;
}
