/**
 * GFM footnotes (`[^1]` and `[^1]: …`) numbered per chapter, with ids that start with the
 * chapter id so they are unique in the whole book. The notes are collected at the end of the
 * chapter, in the order of their first reference.
 */
import type { FootnoteDefinition, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Note, NoteList, NoteReference } from './types.ts';
import { INLINE_PARENTS } from '../inline-parents.ts';
import { reportNotation } from '../notation-rules.ts';

/** Remark plugin: footnote references and definitions to numbered notes at the end of the chapter. */
export function remarkNotes() {
  return (tree: Root, file: VFile) => {
    const prefix = file.data.chapterId ?? 'ch';
    const definitions = new Map<string, FootnoteDefinition>();
    collectDefinitions(tree, definitions, file);
    // Without a definition nothing is numbered: most chapters have none, and the walk below visits every node.
    if (definitions.size === 0) return;
    const notes = new Map<string, Note>();

    const number = (parent: Parent) => {
      for (const [index, child] of parent.children.entries()) {
        if (child.type === 'footnoteReference') {
          const definition = definitions.get(child.identifier);
          if (!definition) continue;
          const n = notes.size + 1;
          const note: Note = notes.get(child.identifier) ?? {
            type: 'note',
            number: n,
            id: `${prefix}-fn-${n}`,
            referenceIds: [],
            children: definition.children,
            position: definition.position,
          };
          notes.set(child.identifier, note);
          const id = `${prefix}-fnref-${note.number}${note.referenceIds.length > 0 ? `-${note.referenceIds.length + 1}` : ''}`;
          note.referenceIds.push(id);
          parent.children[index] = {
            type: 'noteReference',
            number: note.number,
            id,
            noteId: note.id,
            position: child.position,
          } satisfies NoteReference;
        } else if ('children' in child) {
          number(child);
        }
      }
    };
    number(tree);
    // Notes can refer to notes; those get numbers after the notes that refer to them.
    for (const note of notes.values()) number(note);

    for (const [identifier, definition] of definitions) {
      if (notes.has(identifier)) continue;
      reportNotation(
        file,
        'footnote-unused',
        `footnote [^${definition.label ?? identifier}] is never referenced; it was left out (参照されていない注)`,
        definition.position,
      );
    }
    if (notes.size > 0) tree.children.push({ type: 'noteList', children: [...notes.values()] } satisfies NoteList);
  };
}

/**
 * Take every footnote definition out of the tree, in reading order (the first of a label wins);
 * a parent's children are copied only when it holds one.
 */
function collectDefinitions(parent: Parent, definitions: Map<string, FootnoteDefinition>, file: VFile): void {
  const children = parent.children;
  let kept: Parent['children'] | undefined;
  for (const [index, child] of children.entries()) {
    if (child.type !== 'footnoteDefinition') {
      if ('children' in child && !INLINE_PARENTS.has(child.type)) collectDefinitions(child, definitions, file);
      kept?.push(child);
      continue;
    }
    kept ??= children.slice(0, index);
    if (definitions.has(child.identifier)) {
      reportNotation(
        file,
        'footnote-duplicate',
        `footnote [^${child.label ?? child.identifier}] is defined twice; the first definition is used (注の定義が重複しています)`,
        child.position,
      );
    } else {
      definitions.set(child.identifier, child);
    }
  }
  if (kept) parent.children = kept;
}
