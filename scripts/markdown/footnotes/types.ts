/** The mdast nodes of footnotes (注) once they are numbered for the chapter. */
import type { BlockContent, DefinitionContent, Node, Parent } from 'mdast';

/** A reference to a note in the text (`[^1]`), numbered and with its element ids. */
export interface NoteReference extends Node {
  type: 'noteReference';
  /** The note's number in the chapter, from 1, in the order of first reference. */
  number: number;
  /** Id of this reference (`ch-2-fnref-1`, `ch-2-fnref-1-2` for a second reference). */
  id: string;
  /** Id of the note it refers to (`ch-2-fn-1`). */
  noteId: string;
}

/** One note (`[^1]: …`). */
export interface Note extends Parent {
  type: 'note';
  number: number;
  id: string;
  /** Ids of the references to it, in order; the first is where its number links back to. */
  referenceIds: string[];
  children: Array<BlockContent | DefinitionContent>;
}

/** The notes of a chapter, placed at its end. */
export interface NoteList extends Parent {
  type: 'noteList';
  children: Note[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    noteReference: NoteReference;
  }
  interface BlockContentMap {
    noteList: NoteList;
  }
  interface RootContentMap {
    noteReference: NoteReference;
    note: Note;
    noteList: NoteList;
  }
}
