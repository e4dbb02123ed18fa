/**
 * The morphological dictionary, decompressed once per pool and shared by every lint worker.
 * kuromoji ships it as twelve gzip files, 18 MB that are 100 MB once inflated; loaded the usual
 * way, each worker read, inflated and copied all of it twice over before it could tokenize a
 * word, which cost more than linting a short book. Here the pool's first worker inflates each
 * file straight into a SharedArrayBuffer (pool.ts passes it on), and each worker's kuromoji reads
 * its tables from that memory
 * (kuromoji only ever reads them). Whatever goes wrong here, the workers load the files
 * themselves, as kuromoji would, and report what it reports.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';

/** The inflated dictionary files by file name (`base.dat.gz`, …), and the folder they came from. */
export interface SharedDictionary {
  dir: string;
  files: Record<string, SharedArrayBuffer>;
}

/** The files kuromoji's DictionaryLoader reads. */
const FILES = [
  'base.dat.gz',
  'check.dat.gz',
  'tid.dat.gz',
  'tid_pos.dat.gz',
  'tid_map.dat.gz',
  'cc.dat.gz',
  'unk.dat.gz',
  'unk_pos.dat.gz',
  'unk_map.dat.gz',
  'unk_char.dat.gz',
  'unk_compat.dat.gz',
  'unk_invoke.dat.gz',
];

// The copy of kuromoji that kuromojin, and so every rule, loads.
const kuromojinRequire = createRequire(createRequire(import.meta.url).resolve('kuromojin'));

/** Where kuromojin has kuromoji load its dictionary from (kuromojin's own rule). */
function dictionaryDir(): string {
  return process.env.KUROMOJIN_DIC_PATH ?? join(dirname(kuromojinRequire.resolve('kuromoji')), '..', 'dict');
}

let loading: Promise<SharedDictionary | undefined> | undefined;

/** The dictionary, inflated on first call (in zlib's threads, beside the main thread's work); undefined if it cannot be. */
export function sharedDictionary(): Promise<SharedDictionary | undefined> {
  loading ??= (async () => {
    const dir = dictionaryDir();
    const buffers = await Promise.all(FILES.map((file) => inflate(join(dir, file))));
    return { dir, files: Object.fromEntries(FILES.map((file, index) => [file, buffers[index]!])) };
  })().catch(() => undefined);
  return loading;
}

/** A gzip file inflated into shared memory, sized by the gzip trailer so that nothing is copied twice. */
async function inflate(path: string): Promise<SharedArrayBuffer> {
  const handle = await open(path);
  let size: number;
  try {
    const { size: fileSize } = await handle.stat();
    const trailer = Buffer.alloc(4);
    await handle.read(trailer, 0, 4, fileSize - 4);
    // ISIZE: the inflated size modulo 2³², ample for files of a few megabytes.
    size = trailer.readUInt32LE(0);
  } finally {
    await handle.close();
  }
  const memory = new SharedArrayBuffer(size);
  const bytes = new Uint8Array(memory);
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    createGunzip({ chunkSize: 1 << 20 }),
  )) {
    const data = chunk as Buffer;
    if (offset + data.length > size) throw new Error(`${path} inflates to more than its trailer says`);
    bytes.set(data, offset);
    offset += data.length;
  }
  if (offset !== size) throw new Error(`${path} inflates to less than its trailer says`);
  return memory;
}

type Load = (file: string, callback: (error: unknown, buffer?: ArrayBufferLike) => void) => void;

/**
 * In a worker: have kuromoji take its dictionary files from `dictionary` once it arrives, and read
 * them from disk itself when it comes empty. Returns what puts kuromoji's own loader back.
 */
export function useSharedDictionary(dictionary: Promise<SharedDictionary | undefined>): () => void {
  const loader = kuromojinRequire('kuromoji/src/loader/NodeDictionaryLoader.js') as {
    prototype: { loadArrayBuffer: Load };
  };
  const fromDisk = loader.prototype.loadArrayBuffer;
  loader.prototype.loadArrayBuffer = function (this: unknown, file, callback) {
    void dictionary.then((shared) => {
      const inflated = shared && dirname(file) === shared.dir ? shared.files[basename(file)] : undefined;
      if (inflated) callback(null, inflated);
      else fromDisk.call(this, file, callback);
    });
  };
  return () => {
    loader.prototype.loadArrayBuffer = fromDisk;
  };
}
