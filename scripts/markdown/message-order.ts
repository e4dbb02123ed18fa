/** Messages in the order a reader meets their places. */
import type { VFile } from 'vfile';

/**
 * Sort `messages` from `from` on by where they point in the file, keeping the order of those at
 * the same place (a message with no place comes first). The stages of a chain report one after
 * the other, each over the whole tree; sorted, a book's warnings read from its start to its end,
 * whether the file was read whole or in pieces.
 */
export function putInReadingOrder(messages: VFile['messages'], from: number): void {
  if (messages.length - from < 2) return;
  const sorted = messages.slice(from).sort((a, b) => {
    const [lineA, columnA] = startOf(a);
    const [lineB, columnB] = startOf(b);
    return lineA - lineB || columnA - columnB;
  });
  messages.splice(from, sorted.length, ...sorted);
}

/** Line and column of where a message points; 0, 0 for none. */
function startOf(message: VFile['messages'][number]): [number, number] {
  const place = message.place;
  if (!place) return [0, 0];
  const point = 'start' in place ? place.start : place;
  return [point.line, point.column];
}
