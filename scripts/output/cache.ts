/**
 * The build cache: in `node_modules/.cache/tategaki-book/` (where tools keep caches), or the
 * system's temporary folder when that is not writable. Losing it only costs time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's own folder (where package.json is). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
let directory: Promise<string> | undefined;

/** The cache folder, created on first use. */
function cacheDir(): Promise<string> {
  directory ??= (async () => {
    const preferred = join(projectRoot, 'node_modules/.cache/tategaki-book');
    try {
      await mkdir(preferred, { recursive: true });
      return preferred;
    } catch {
      const fallback = join(tmpdir(), 'tategaki-book-cache');
      await mkdir(fallback, { recursive: true });
      return fallback;
    }
  })();
  return directory;
}

/** Read a cache entry, or undefined. */
export async function readCache(name: string): Promise<Buffer | undefined> {
  return readFile(join(await cacheDir(), name)).catch(() => undefined);
}

/** Write a cache entry (atomically; a failure to cache is not an error). */
export async function writeCache(name: string, data: Uint8Array | string): Promise<void> {
  try {
    const path = join(await cacheDir(), name);
    await writeFile(`${path}.${process.pid}.tmp`, data);
    await rename(`${path}.${process.pid}.tmp`, path);
  } catch {
    // A read-only or full disk only means the next build does the work again.
  }
}

/** SHA-256 of strings and bytes, in order. */
export function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

let toolHash: Promise<string> | undefined;

/**
 * A hash of the pipeline itself (code, templates, locked dependencies): a new version invalidates
 * caches. The files are read synchronously, once per process: one awaited read per file left the
 * build waiting 150 ms for some 400 small files (measured on a novel's EPUB build).
 */
export function pipelineVersion(): Promise<string> {
  toolHash ??= Promise.resolve().then(() => {
    const files = [
      ...listFilesNow(join(projectRoot, 'scripts')),
      ...listFilesNow(join(projectRoot, 'templates')),
      join(projectRoot, 'package-lock.json'),
    ].sort();
    const hash = createHash('sha256');
    for (const file of files) hash.update(relative(projectRoot, file)).update(readIfThere(file));
    return hash.digest('hex');
  });
  return toolHash;
}

function listFilesNow(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

function readIfThere(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
}

/** Every file under a folder, recursively. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}
