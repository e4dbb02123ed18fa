/**
 * Read a Markdown file piece by piece (source-cuts.ts says where) and join the pieces into the
 * tree reading it whole gives: every node and message moved to its place in the whole file, the
 * root's children in order. Each piece is parsed with a file of its own holding only its text,
 * so that the stages that look at the source by offset see the piece they parsed.
 */
import type { Root } from 'mdast';
import type { Point, Position } from 'unist';
import { VFile } from 'vfile';
import type { SourcePiece } from './source-cuts.ts';

/** Read a file's source as a tree (parse, then the reading stages), with its messages. */
export type ReadSource = (file: VFile) => Promise<Root>;

/**
 * The file's tree, read in `pieces`; their messages go to `file`. Undefined when a piece did not
 * start with the heading it was cut at (a construct the cut could not see went on across it):
 * the caller then reads the file whole.
 */
export async function readInPieces(
  read: ReadSource,
  file: VFile,
  pieces: readonly SourcePiece[],
): Promise<Root | undefined> {
  const trees: Root[] = [];
  const messages: VFile['messages'] = [];
  for (const piece of pieces) {
    const own = new VFile({ path: file.path, value: piece.text, data: { ...file.data } });
    const tree = await read(own);
    const first = tree.children[0];
    if (piece.offset > 0 && (first?.type !== 'heading' || first.position?.start.offset !== 0)) return undefined;
    const moved = new WeakSet<Point>();
    moveTree(tree, piece, moved);
    for (const message of own.messages) moveMessage(message, piece, moved);
    trees.push(tree);
    messages.push(...own.messages);
  }
  file.messages.push(...messages);
  const data = Object.assign({}, ...trees.map((tree) => tree.data ?? {}));
  return {
    type: 'root',
    children: trees.flatMap((tree) => tree.children),
    ...(Object.keys(data).length > 0 ? { data } : {}),
    position: { start: trees[0]!.position!.start, end: trees.at(-1)!.position!.end },
  };
}

/** Move every position in a piece's tree to the whole file (each point once: nodes may share one). */
function moveTree(tree: Root, piece: SourcePiece, moved: WeakSet<Point>): void {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as { position?: Position; children?: unknown[] };
    if (node.position) movePosition(node.position, piece, moved);
    if (node.children) for (const child of node.children) stack.push(child);
  }
}

function movePosition(position: Position, piece: SourcePiece, moved: WeakSet<Point>): void {
  movePoint(position.start, piece, moved);
  movePoint(position.end, piece, moved);
}

function movePoint(point: Point, piece: SourcePiece, moved: WeakSet<Point>): void {
  if (moved.has(point)) return;
  moved.add(point);
  point.line += piece.lines;
  if (point.offset !== undefined) point.offset += piece.offset;
}

/** Move a message's place (a point or a span) and the line it reports. */
function moveMessage(message: VFile['messages'][number], piece: SourcePiece, moved: WeakSet<Point>): void {
  const place = message.place;
  if (place && 'start' in place) movePosition(place, piece, moved);
  else if (place) movePoint(place, piece, moved);
  if (message.line !== undefined) message.line += piece.lines;
}
