/** A file's messages as plain values, every field a reader of them sees, for comparing two ways of reading. */
import type { VFile } from 'vfile';

export function plainMessages(file: VFile) {
  return file.messages.map(({ reason, line, column, place, ruleId, fatal, note, source, file: path }) => ({
    reason,
    line,
    column,
    place,
    ruleId,
    fatal,
    note,
    source,
    path,
  }));
}
