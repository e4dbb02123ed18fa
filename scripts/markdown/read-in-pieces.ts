/**
 * Read a Markdown file piece by piece (source-cuts.ts says where) and join the pieces into the
 * tree reading it whole gives: every node and message moved to its place in the whole file, the
 * root's children in order. Each piece is parsed with a file of its own holding only its text,
 * so that the stages that look at the source by offset see the piece they parsed.
 *
 * A helper (a worker thread: manuscript/read-pool.ts) may read pieces at the same time: it takes
 * them from the end of the file while this thread takes them from the start, until they meet, so
 * that neither waits for the other whatever the pieces cost.
 */
import type { Nodes, Root } from 'mdast';
import type { Data, Point, Position } from 'unist';
import { VFile, type Data as FileData } from 'vfile';
import type { NotationRuleId } from './notation-rules.ts';
import { noteLabel, type SourcePiece } from './source-cuts.ts';

/** Read a file's source as a tree (parse, then the reading stages), with its messages. */
export type ReadSource = (file: VFile) => Promise<Root>;

/** One piece read: its tree and messages, moved to their places in the whole file. */
export interface PieceRead {
  tree: Root;
  messages: VFile['messages'];
}

/** What a helper is given to read a piece, as `readPiece` takes it. */
export interface PieceTask {
  path: string;
  data: FileData;
  piece: SourcePiece;
  /** Whether it is the file's last piece, where a block left open runs to the end of the file either way. */
  last: boolean;
}

/**
 * What a piece reports when a block opened in it runs on to its end: read whole, the block would
 * have gone on into the next piece (or been closed there), so the pieces cannot stand for the file.
 */
const RUNS_ON = new Set<string>([
  'aozora-block-unclosed',
  'directive-unclosed',
  'code-unclosed',
  'html-comment-unclosed',
] satisfies NotationRuleId[]);
/** What a piece reports when it refers to something another piece may define (a note). */
const DEFINED_ELSEWHERE = new Set<string>(['footnote-undefined'] satisfies NotationRuleId[]);

/** Something that reads pieces elsewhere; undefined: the piece cannot stand for its part of the file. */
export interface PieceHelper {
  read(task: PieceTask): Promise<PieceRead | undefined>;
}

/** Pieces read before (piece-memory.ts): a piece read again is taken from there, moved to its place. */
export interface PieceRecall {
  /** The piece as read before, as a new copy at the task's place; undefined if it was not. */
  recall(task: PieceTask): PieceRead | undefined;
  /** Keep a piece just read (a copy: the stages after reading change it). */
  keep(task: PieceTask, read: PieceRead): void;
  /** The file's reading is over: what it neither recalled nor kept is forgotten. */
  done(): void;
}

/**
 * The file's tree, read in `pieces`; their messages go to `file`. Undefined when a piece did not
 * start with the heading it was cut at (a construct the cut could not see went on across it):
 * the caller then reads the file whole.
 */
export async function readInPieces(
  read: ReadSource,
  file: VFile,
  pieces: readonly SourcePiece[],
  helper?: PieceHelper,
  memory?: PieceRecall,
): Promise<Root | undefined> {
  const results: (PieceRead | undefined)[] = [];
  const task = (index: number): PieceTask => ({
    path: file.path,
    data: { ...file.data },
    piece: pieces[index]!,
    last: index === pieces.length - 1,
  });
  // Pieces unchanged since the last reading are recalled, not read; the others are read and kept.
  if (memory) for (const [index] of pieces.entries()) results[index] = memory.recall(task(index));
  const kept = (index: number, result: PieceRead | undefined) => {
    if (result) memory?.keep(task(index), result);
    return result;
  };
  let front = 0;
  let back = pieces.length;
  const helping = async () => {
    while (helper && back > front) {
      const index = --back;
      if (results[index]) continue;
      // A helper that fails leaves its piece to this thread.
      results[index] = kept(index, await helper.read(task(index)).catch(() => readPiece(read, task(index))));
    }
  };
  // Two pieces asked for at a time: the helper starts on the next while its answer to the last
  // waits for this thread to take it in.
  const helped = Promise.all([helping(), helping()]);
  while (front < back) {
    const index = front++;
    if (results[index]) continue;
    results[index] = kept(index, await readPiece(read, task(index)));
    // Let the helper's answers in (they arrive as events, which awaiting a promise does not let through).
    if (helper) await new Promise((resolve) => setImmediate(resolve));
  }
  await helped;
  memory?.done();
  if (results.some((result) => result === undefined)) return undefined;
  const done = results as PieceRead[];
  if (!definedAtTop(pieces, done)) return undefined;
  for (const { messages } of done) file.messages.push(...messages);
  const data: Data = Object.assign({}, ...done.map(({ tree }) => tree.data ?? {}));
  return {
    type: 'root',
    children: done.flatMap(({ tree }) => tree.children),
    ...(Object.keys(data).length > 0 ? { data } : {}),
    position: { start: done[0]!.tree.position!.start, end: done.at(-1)!.tree.position!.end },
  };
}

/**
 * Read one piece (with the notes and links other pieces define: `SourcePiece`) and move what it
 * found to the whole file; undefined when it does not start with its heading, leaves a block open
 * before the next piece, or refers to a note it does not define.
 */
export async function readPiece(
  read: ReadSource,
  { path, data, piece, last }: PieceTask,
): Promise<PieceRead | undefined> {
  // The notes and links other pieces define, defined after the piece's own text for its
  // references to be read as such.
  const stubs = [
    ...(piece.notes ?? []).map((label) => `[^${label}]: 注`),
    ...(piece.links ?? []).map((label) => `[${label}]: #`),
  ];
  const own = new VFile({
    path,
    value: stubs.length > 0 ? `${piece.text}\n\n${stubs.join('\n\n')}\n` : piece.text,
    data,
  });
  const tree = await read(own);
  if (stubs.length > 0 && !takeOutStubs(tree, piece.text, stubs.length, own.messages)) return undefined;
  const first = tree.children[0];
  if (piece.offset > 0 && (first?.type !== 'heading' || first.position?.start.offset !== 0)) return undefined;
  const reports = (rules: Set<string>) =>
    own.messages.some((message) => message.ruleId !== undefined && rules.has(message.ruleId));
  if ((!last && reports(RUNS_ON)) || reports(DEFINED_ELSEWHERE)) return undefined;
  const moved = new Set<Point>();
  moveTree(tree, piece, moved);
  for (const message of own.messages) moveMessage(message, piece, moved);
  return { tree, messages: own.messages };
}

/**
 * Take the notes and links defined for a piece (`readPiece`) out of its tree again, and end the
 * tree where the piece's text ends; false when they were not read as the definitions they were
 * meant to be, a block left open ran over them, or something was reported about them.
 */
function takeOutStubs(tree: Root, text: string, count: number, messages: VFile['messages']): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  if (messages.some((message) => (message.line ?? 0) > lines.length)) return false;
  let taken = 0;
  let reaches = false;
  const walk = (node: Nodes) => {
    if (!('children' in node)) return;
    const kept = node.children.filter((child) => {
      const stub =
        (child.type === 'footnoteDefinition' || child.type === 'definition') &&
        (child.position?.start.offset ?? -1) >= text.length;
      if (stub) taken++;
      // A block left open at the end of the file would end after the piece's text.
      else if ((child.position?.end.offset ?? 0) > text.length) reaches = true;
      return !stub;
    });
    if (kept.length !== node.children.length) node.children = kept as typeof node.children;
    for (const child of kept) walk(child);
  };
  walk(tree);
  tree.position!.end = { line: lines.length, column: lines.at(-1)!.length + 1, offset: text.length };
  return taken === count && !reaches;
}

/**
 * Whether every note and link given to a piece to read it (`notes`, `links`) is defined at the
 * top of one of the pieces as read: the scan for definitions (source-cuts.ts) sees text, so a
 * `[^1]:` in code would have given a piece a note the file does not define; and one defined
 * inside a block (a `:::` block) is read only after the text before it, which then does not see it.
 */
function definedAtTop(pieces: readonly SourcePiece[], done: readonly PieceRead[]): boolean {
  const notes = new Set(pieces.flatMap((piece) => piece.notes ?? []).map(noteLabel));
  const links = new Set(pieces.flatMap((piece) => piece.links ?? []).map(noteLabel));
  if (notes.size === 0 && links.size === 0) return true;
  for (const { tree } of done)
    for (const node of tree.children) {
      if (node.type === 'footnoteDefinition') notes.delete(noteLabel(node.label ?? node.identifier));
      if (node.type === 'definition') links.delete(noteLabel(node.label ?? node.identifier));
    }
  return notes.size === 0 && links.size === 0;
}

/** Move a piece as read by `by` (a piece recalled from an earlier reading, where the file was otherwise). */
export function movePieceRead(read: PieceRead, by: Pick<SourcePiece, 'offset' | 'lines'>): void {
  const piece = { text: '', ...by };
  const moved = new Set<Point>();
  moveTree(read.tree, piece, moved);
  for (const message of read.messages) moveMessage(message, piece, moved);
}

/** Move every position in a piece's tree to the whole file (each point once: nodes may share one). */
function moveTree(tree: Root, piece: SourcePiece, moved: Set<Point>): void {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as { position?: Position; children?: unknown[] };
    if (node.position) movePosition(node.position, piece, moved);
    if (node.children) for (const child of node.children) stack.push(child);
  }
}

function movePosition(position: Position, piece: SourcePiece, moved: Set<Point>): void {
  movePoint(position.start, piece, moved);
  movePoint(position.end, piece, moved);
}

function movePoint(point: Point, piece: SourcePiece, moved: Set<Point>): void {
  if (moved.has(point)) return;
  moved.add(point);
  point.line += piece.lines;
  if (point.offset !== undefined) point.offset += piece.offset;
}

/** Move a message's place (a point or a span) and the line it reports. */
function moveMessage(message: VFile['messages'][number], piece: SourcePiece, moved: Set<Point>): void {
  const place = message.place;
  if (place && 'start' in place) movePosition(place, piece, moved);
  else if (place) movePoint(place, piece, moved);
  if (message.line !== undefined) message.line += piece.lines;
}
