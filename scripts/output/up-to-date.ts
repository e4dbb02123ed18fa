/**
 * Skipping a build when nothing changed: the inputs of a book (chapters, metadata, the images,
 * cover and fonts it names), the target and the pipeline's own version are hashed; if they and
 * the output file are as the last build left them, the output is reused.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Book } from '../book.ts';
import { digest, pipelineVersion, readCache, writeCache } from './cache.ts';

/** What the last build of an output left in the cache: its fingerprint and digest, and what the build said about it. */
interface Entry<About> {
  fingerprint: string;
  output: string;
  about: About;
}

const entryName = (outputPath: string) => `output-${digest(resolve(outputPath)).slice(0, 32)}.json`;

/**
 * What an output's fingerprint is made of: the manuscript as read, its metadata, and the files
 * its chapters and metadata name. A book parsed is one; so is a manuscript read but not parsed,
 * with the images its last build named (`writeOutput` checks that before parsing).
 */
export type BookInputs = Pick<Book, 'manuscript' | 'config' | 'assets'>;

/**
 * The files a book is made from besides the pipeline: the metadata file, the chapter files, and
 * the images, cover, 口絵 and fonts they name. Absolute paths, sorted.
 */
export function bookInputFiles(book: BookInputs): string[] {
  const files = new Set<string>([book.manuscript.metadataFile]);
  for (const file of book.manuscript.chapterFiles) files.add(resolve(file.path));
  // The files loadBook found and checked: an image's reference decoded, an installed font's file.
  const { images, cover, fonts, frontispiece } = book.assets;
  for (const file of [...images.values(), cover, fonts.body, fonts.heading, ...frontispiece])
    if (file) files.add(file.path);
  return [...files].sort();
}

/** Each book's inputs hashed once, however many outputs a command makes of it. */
const inputDigests = new WeakMap<BookInputs, Promise<string>>();

/** A hash of the book's files: the chapters as read (normalised text), the other inputs as bytes. */
function inputDigest(book: BookInputs): Promise<string> {
  let hashed = inputDigests.get(book);
  if (!hashed) {
    hashed = (async () => {
      const parts: (string | Uint8Array)[] = [];
      const chapters = new Set<string>([book.manuscript.metadataFile]);
      for (const file of book.manuscript.chapterFiles) {
        chapters.add(resolve(file.path));
        parts.push(file.path, String(file.value));
      }
      for (const path of bookInputFiles(book)) {
        if (!chapters.has(path)) parts.push(path, await readFile(path).catch(() => 'missing'));
      }
      return digest(...parts);
    })();
    inputDigests.set(book, hashed);
  }
  return hashed;
}

/** A hash of everything the output of `book` for `target` depends on. */
export async function fingerprint(book: BookInputs, target: string): Promise<string> {
  return digest(
    await pipelineVersion(),
    target,
    process.env.SOURCE_DATE_EPOCH ?? '',
    // The metadata as parsed; the printed cover's settings change the cover only, not the interior or the EPUB.
    JSON.stringify(
      target.startsWith('cover') ? book.config : { ...book.config, print: { ...book.config.print, cover: undefined } },
    ),
    await inputDigest(book),
  );
}

/**
 * What the build said about `outputPath` when it wrote it, and the file's size now, if the file is
 * still what a build with this fingerprint wrote.
 */
export async function reusableOutput<About>(
  outputPath: string,
  print: string,
): Promise<(About & { bytes: number }) | undefined> {
  const raw = await readCache(entryName(outputPath));
  if (!raw) return undefined;
  try {
    const entry = JSON.parse(raw.toString('utf8')) as Entry<About>;
    if (entry.fingerprint !== print) return undefined;
    const output = await readFile(outputPath).catch(() => undefined);
    return output && digest(output) === entry.output ? { ...entry.about, bytes: output.byteLength } : undefined;
  } catch {
    return undefined;
  }
}

/** What the last build of `outputPath` said about it, whatever it was made from (undefined: none is known). */
export async function rememberedAbout<About>(outputPath: string): Promise<About | undefined> {
  const raw = await readCache(entryName(outputPath));
  try {
    return raw && (JSON.parse(raw.toString('utf8')) as Entry<About>).about;
  } catch {
    return undefined;
  }
}

/** Remember what this build wrote, and what it said about it (kept as JSON). */
export async function rememberOutput<About>(
  outputPath: string,
  print: string,
  bytes: Uint8Array,
  about: About,
): Promise<void> {
  const entry: Entry<About> = { fingerprint: print, output: digest(bytes), about };
  await writeCache(entryName(outputPath), JSON.stringify(entry));
}
