/**
 * A message as plain fields: what crosses to another thread (manuscript/read-pool.ts) or is kept
 * for a later reading (piece-memory.ts), where a VFileMessage would lose its class. Made again, it
 * is the message the file that found it would have made.
 */
import type { Point, Position } from 'unist';
import { VFileMessage } from 'vfile-message';

/** The fields of a message the build reads, without the file or the stack. */
export interface PlainMessage {
  reason: string;
  place: Point | Position | undefined;
  ruleId: string | undefined;
  source: string | undefined;
  fatal: boolean | null | undefined;
  note: string | undefined;
  url: string | undefined;
}

/** A message as plain fields (its place copied: the message's own may be moved later). */
export function toPlainMessage({ reason, place, ruleId, source, fatal, note, url }: VFileMessage): PlainMessage {
  return { reason, place: structuredClone(place), ruleId, source, fatal, note, url };
}

/** The message again, as the file at `path` made it (its place copied). */
export function fromPlainMessage(plain: PlainMessage, path: string): VFileMessage {
  const message = new VFileMessage(plain.reason, {
    place: structuredClone(plain.place),
    ruleId: plain.ruleId,
    source: plain.source,
  });
  message.file = path;
  message.fatal = plain.fatal;
  if (plain.note !== undefined) message.note = plain.note;
  if (plain.url !== undefined) message.url = plain.url;
  return message;
}
