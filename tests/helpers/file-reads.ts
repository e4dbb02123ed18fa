/**
 * A file-read spy for in-process runs: while `run` runs, every way this process opens a file to
 * read it (fs and fs/promises: readFile, open, createReadStream and their sync forms) is counted
 * by path. Node's built-in modules are patched and their ES module exports synced, so code that
 * imported `readFile` from 'node:fs/promises' before is counted too; everything is put back after.
 * Worker threads have modules of their own and are not seen.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const fs = require('node:fs') as Record<string, unknown>;
const fsPromises = require('node:fs/promises') as Record<string, unknown>;

const PATCHED: [Record<string, unknown>, string][] = [
  [fsPromises, 'readFile'],
  [fsPromises, 'open'],
  [fs, 'readFile'],
  [fs, 'readFileSync'],
  [fs, 'open'],
  [fs, 'openSync'],
  [fs, 'createReadStream'],
];

/** The path a file argument names, when it names one (not a descriptor or a handle). */
function pathOf(file: unknown): string | undefined {
  if (typeof file === 'string') return resolve(file);
  if (file instanceof URL && file.protocol === 'file:') return fileURLToPath(file);
  if (Buffer.isBuffer(file)) return resolve(file.toString());
  return undefined;
}

/** Run `run` and count, by absolute path, how many times each file was opened or read. */
export async function countFileReads<T>(run: () => Promise<T>): Promise<{ result: T; reads: Map<string, number> }> {
  const reads = new Map<string, number>();
  const originals = PATCHED.map(([module, name]) => [module, name, module[name]] as const);
  for (const [module, name, original] of originals) {
    module[name] = function (this: unknown, file: unknown, ...rest: unknown[]) {
      const path = pathOf(file);
      if (path) reads.set(path, (reads.get(path) ?? 0) + 1);
      return (original as (...args: unknown[]) => unknown).call(this, file, ...rest);
    };
  }
  syncBuiltinESMExports();
  try {
    return { result: await run(), reads };
  } finally {
    for (const [module, name, original] of originals) module[name] = original;
    syncBuiltinESMExports();
  }
}
