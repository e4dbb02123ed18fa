/**
 * Skipping a build when nothing changed: the inputs of a book (chapters, metadata, the images,
 * cover and fonts it names), the target and the pipeline's own version are hashed; if they and
 * the output file are as the last build left them, the output is reused.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Book } from '../book.ts';
import type { Warning } from '../errors.ts';
import { digest, pipelineVersion, readCache, writeCache } from './cache.ts';

/** What the last build of an output left in the cache. */
interface Entry {
  fingerprint: string;
  output: string;
  /** Size of the output in bytes. */
  bytes: number;
  summary: string;
  warnings: Warning[];
  /** Pages of a PDF. */
  pages?: number;
}

const entryName = (outputPath: string) => `output-${digest(resolve(outputPath)).slice(0, 32)}.json`;

/**
 * The files a book is made from besides the pipeline: the metadata file, the chapters, and the
 * images, cover and fonts they name. Absolute paths, sorted.
 */
export function bookInputFiles(book: Book): string[] {
  const files = new Set<string>([book.manuscript.metadataFile]);
  for (const chapter of book.chapters) files.add(resolve(chapter.file.path));
  // The files loadBook found and checked: an image's reference decoded, an installed font's file.
  const { images, cover, fonts } = book.assets;
  for (const file of [...images.values(), cover, fonts.body, fonts.heading]) if (file) files.add(file.path);
  return [...files].sort();
}

/** A hash of everything the output of `book` for `target` depends on. */
export async function fingerprint(book: Book, target: string): Promise<string> {
  const parts: (string | Uint8Array)[] = [
    await pipelineVersion(),
    target,
    process.env.SOURCE_DATE_EPOCH ?? '',
    // The printed cover's settings change the cover only, not the interior or the EPUB.
    JSON.stringify(
      target.startsWith('cover') ? book.config : { ...book.config, print: { ...book.config.print, cover: undefined } },
    ),
  ];
  // Chapters as read (normalised text), the metadata as parsed (above); the other inputs as bytes.
  const chapters = new Set<string>([book.manuscript.metadataFile]);
  for (const file of book.manuscript.chapterFiles) {
    chapters.add(resolve(file.path));
    parts.push(file.path, String(file.value));
  }
  for (const path of bookInputFiles(book)) {
    if (!chapters.has(path)) parts.push(path, await readFile(path).catch(() => 'missing'));
  }
  return digest(...parts);
}

/** The cached summary if `outputPath` is still what a build with this fingerprint wrote. */
export async function reusableOutput(outputPath: string, print: string): Promise<Entry | undefined> {
  const raw = await readCache(entryName(outputPath));
  if (!raw) return undefined;
  try {
    const entry = JSON.parse(raw.toString('utf8')) as Entry;
    if (entry.fingerprint !== print) return undefined;
    const output = await readFile(outputPath).catch(() => undefined);
    return output && digest(output) === entry.output ? { ...entry, bytes: output.byteLength } : undefined;
  } catch {
    return undefined;
  }
}

/** Remember what this build wrote. */
export async function rememberOutput(
  outputPath: string,
  print: string,
  bytes: Uint8Array,
  about: Pick<Entry, 'summary' | 'warnings' | 'pages'>,
): Promise<void> {
  const entry: Entry = { fingerprint: print, output: digest(bytes), bytes: bytes.byteLength, ...about };
  await writeCache(entryName(outputPath), JSON.stringify(entry));
}
