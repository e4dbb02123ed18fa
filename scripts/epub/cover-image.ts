/**
 * The cover image of the EPUB: the metadata's `cover`, or the default cover drawn from the title
 * and authors; with its size in pixels, which the cover page's SVG wrapper takes as its viewBox.
 * The size comes from image-size, which reads it from the file's header for every format a cover
 * may have (PNG, JPEG with its EXIF rotation, GIF, SVG), with no dependencies of its own.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageSize } from 'image-size';
import type { Book } from '../book.ts';
import { BuildError } from '../errors.ts';
import { authorsOf } from '../layout/metadata-text.ts';
import { digest, pipelineVersion, readCache, writeCache } from '../output/cache.ts';

/** The cover image as the packager reads it, and its size in pixels. */
export interface CoverImage {
  url: string;
  width: number;
  height: number;
}

/** The book's cover image; a drawn one is written into `workDir`. */
export async function coverImage(book: Book, workDir: string): Promise<CoverImage> {
  const path = book.assets.cover?.path ?? (await drawDefaultCover(book, workDir));
  const bytes = await readFile(path);
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch (cause) {
    throw new BuildError(
      `the cover image's size cannot be read: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        ...book.manuscript.locate(['cover']),
        hint: 'save the cover again as a PNG or JPEG',
        ruleId: 'cover-size',
        cause,
      },
    );
  }
  // A JPEG turned by its EXIF orientation (5 to 8) shows with its sides swapped.
  const turned = (size.orientation ?? 1) >= 5;
  return {
    url: pathToFileURL(path).href,
    width: turned ? size.height : size.width,
    height: turned ? size.width : size.height,
  };
}

/** Draw the default cover (title and authors) as a PNG file, from the cache when it was drawn before. */
async function drawDefaultCover(book: Book, workDir: string): Promise<string> {
  const { config } = book;
  const path = join(workDir, 'cover.png');
  const text = {
    title: config.title,
    subtitle: config.subtitle,
    authors: authorsOf(config),
    vertical: config.writingMode === 'vertical',
  };
  // Drawing takes a noticeable part of a small build; the same text gives the same cover.
  const key = `cover-${digest(await pipelineVersion(), JSON.stringify(text)).slice(0, 32)}.png`;
  let png = await readCache(key);
  if (!png) {
    // Fonts and the rasteriser are loaded only when a cover has to be drawn.
    const { renderDefaultCover } = await import('./cover.ts');
    png = Buffer.from(renderDefaultCover(text));
    await writeCache(key, png);
  }
  await writeFile(path, png);
  return path;
}
