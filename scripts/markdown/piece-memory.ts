/**
 * Pieces of a one-file book kept from one reading to the next (the preview reads the file again
 * at every save): a piece whose text is unchanged is not parsed again but copied from the last
 * reading and moved to where it is now, so that a save costs the piece that changed, not the
 * whole novel (明暗: every save of the file read it whole again, 1.3 s).
 *
 * What a piece gives depends on its text, where it is in the file (which only moves positions), the
 * file's path and data and the reading options: a change in any but the place reads it again.
 */
import type { Root } from 'mdast';
import { fromPlainMessage, toPlainMessage, type PlainMessage } from './plain-message.ts';
import { movePieceRead, type PieceRead, type PieceRecall, type PieceTask } from './read-in-pieces.ts';

/** A piece as it was read: its tree and messages at the place it was then. */
interface Kept {
  tree: Root;
  messages: PlainMessage[];
  offset: number;
  lines: number;
}

/** The pieces of each file as last read, and what they were read with. */
interface FileMemory {
  /** The reading options and the file's data, as one key: anything else read differently. */
  context: string;
  pieces: Map<string, Kept>;
}

/** Pieces read before, kept for the next reading of the same file (one per file: the latest). */
export class PieceMemory {
  private readonly files = new Map<string, FileMemory>();
  /** How many pieces were recalled rather than read, all readings together. */
  recalled = 0;

  /** The memory as a reader with these options (as a key) uses it. */
  forReader(reader: string): PieceRecall {
    let reading: { path: string; context: string; pieces: Map<string, Kept> } | undefined;
    const begin = (task: PieceTask) => {
      const context = JSON.stringify([reader, task.data]);
      if (reading?.path !== task.path || reading.context !== context)
        reading = { path: task.path, context, pieces: new Map() };
      return reading;
    };
    return {
      recall: (task) => {
        const { path, context } = begin(task);
        const before = this.files.get(path);
        const kept = before?.context === context ? before.pieces.get(keyOf(task)) : undefined;
        if (!kept) return undefined;
        this.recalled++;
        reading!.pieces.set(keyOf(task), kept);
        return placed(kept, task);
      },
      keep: (task, read) => {
        const { offset, lines } = task.piece;
        begin(task).pieces.set(keyOf(task), { ...copyOf(read), offset, lines });
      },
      done: () => {
        // What this reading did not use is forgotten: the memory holds one reading of each file.
        if (reading) this.files.set(reading.path, { context: reading.context, pieces: reading.pieces });
        reading = undefined;
      },
    };
  }
}

/** What, besides the place, decides what reading a piece gives. */
function keyOf({ piece, last }: PieceTask): string {
  return JSON.stringify([piece.text, piece.notes, piece.links, last]);
}

/** A copy of a piece as read, untouched by the stages after reading, which change the tree in place. */
function copyOf(read: PieceRead): Omit<Kept, 'offset' | 'lines'> {
  return {
    tree: structuredClone(read.tree),
    messages: read.messages.map(toPlainMessage),
  };
}

/** A new copy of a kept piece, moved to where the task's piece is in the file now. */
function placed(kept: Kept, { path, piece }: PieceTask): PieceRead {
  const read: PieceRead = {
    tree: structuredClone(kept.tree),
    messages: kept.messages.map((plain) => fromPlainMessage(plain, path)),
  };
  movePieceRead(read, { offset: piece.offset - kept.offset, lines: piece.lines - kept.lines });
  return read;
}
