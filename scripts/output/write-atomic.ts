/**
 * Writing an output file so that a reader of the path only ever sees the old file or the
 * complete new one: the bytes go to a temporary file in the same folder, which is renamed.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const pending = new Set<string>();

/** Write `data` to `path` atomically, creating the folder if needed. */
export async function writeFileAtomic(path: string, data: Uint8Array, signal?: AbortSignal): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  pending.add(temporary);
  try {
    await writeFile(temporary, data, { signal });
    signal?.throwIfAborted();
    await rename(temporary, path);
  } finally {
    pending.delete(temporary);
    await rm(temporary, { force: true });
  }
}

/** Remove temporary files of writes still under way (for an interrupted build). */
export async function removePendingWrites(): Promise<void> {
  await Promise.all([...pending].map((path) => rm(path, { force: true })));
}
