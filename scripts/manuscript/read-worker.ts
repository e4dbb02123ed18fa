/**
 * A thread that reads pieces of a one-file book for the main thread (read-pool.ts): the same
 * processor as the book's, built from the same reading options; each piece comes back as its
 * tree and its messages, moved to their places in the whole file.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Root } from 'mdast';
import type { MarkdownOptions } from '../config/schema.ts';
import { toPlainMessage, type PlainMessage } from '../markdown/plain-message.ts';
import { createMarkdownProcessor } from '../markdown/processor.ts';
import { readPiece, type PieceTask } from '../markdown/read-in-pieces.ts';

/** What the main thread asks: one piece. */
export interface ReadRequest {
  id: number;
  task: PieceTask;
}


/** What a worker answers: the piece read (undefined: it did not start with its heading), or why it failed. */
export type ReadResponse =
  | { id: number; read: { tree: Root; messages: PlainMessage[] } | undefined }
  | { id: number; error: string };

const processor = createMarkdownProcessor((workerData as { options: MarkdownOptions }).options);

parentPort!.on('message', (request: ReadRequest) => {
  readPiece(processor.readSource, request.task).then(
    (read) => {
      const answer = read && { tree: read.tree, messages: read.messages.map(toPlainMessage) };
      parentPort!.postMessage({ id: request.id, read: answer } satisfies ReadResponse);
    },
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies ReadResponse),
  );
});
