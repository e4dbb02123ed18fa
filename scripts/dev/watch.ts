/**
 * Watching the manuscript's folders for saved files. Each folder the book uses is watched on
 * its own, without `recursive` (which on Linux only arrived in Node 20 as a JavaScript walk of
 * the tree, and would take in every unrelated file below a one-file book's folder). Watching
 * folders rather than files also sees an editor's "safe save", which writes a new file and
 * renames it over the old one. A burst of events (an editor writes, renames and touches the
 * file) is gathered until the folder has been quiet for `debounceMs`.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** The folders being watched; `watch` changes the set. */
export interface FolderWatcher {
  /** Watch exactly these folders from now on. */
  watch(folders: Iterable<string>): void;
  close(): void;
}

/** Options of a watcher. */
export interface FolderWatcherOptions {
  /** Quiet time that ends a burst of events. */
  debounceMs: number;
  /** Called with the paths saved in one burst. */
  onChange(paths: Set<string>): void;
  /** A folder could not be watched (no permission, or the system's limit on watches reached). */
  onError(folder: string, error: Error): void;
}

/** Watch folders (not their subfolders) for changed files. */
export function watchFolders(options: FolderWatcherOptions): FolderWatcher {
  const watchers = new Map<string, FSWatcher>();
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const changed = (path: string) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = pending;
      pending = new Set();
      options.onChange(paths);
    }, options.debounceMs);
  };

  // A folder that does not exist (yet, or any more) is no problem: the next `watch` after a
  // save that creates it picks it up.
  const report = (folder: string, error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') options.onError(folder, error);
  };

  const stop = (folder: string) => {
    watchers.get(folder)?.close();
    watchers.delete(folder);
  };

  return {
    watch(folders) {
      const wanted = new Set(folders);
      for (const folder of watchers.keys()) if (!wanted.has(folder)) stop(folder);
      for (const folder of wanted) {
        if (watchers.has(folder)) continue;
        try {
          const watcher = watch(folder, (_event, name) => {
            if (name) changed(join(folder, name.toString()));
          });
          watcher.on('error', (error) => {
            stop(folder);
            report(folder, error);
          });
          watchers.set(folder, watcher);
        } catch (error) {
          report(folder, error as Error);
        }
      }
    },
    close() {
      clearTimeout(timer);
      for (const folder of [...watchers.keys()]) stop(folder);
    },
  };
}
