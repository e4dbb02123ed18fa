/** The EPUB build: lay the book out as content documents, gather images, package. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Book } from '../book.ts';
import { buildTimestamp } from '../config/timestamp.ts';
import { BuildError, type Warning } from '../errors.ts';
import { pointImages } from '../layout/images.ts';
import { toXhtml } from '../layout/xhtml.ts';
import { adaptForPackager } from './adapt.ts';
import { coverImage } from './cover-image.ts';
import { packageMetadata } from './metadata.ts';
import { packageEpub } from './package.ts';
import { layoutEpub, MAX_DOCUMENT_BYTES, type ChapterCut, type EpubPage } from './pages.ts';

const stylesheets = [
  new URL('../../templates/epub/book.css', import.meta.url),
  new URL('../../templates/common/notation.css', import.meta.url),
];

/** What an EPUB build produced. */
export interface EpubResult {
  bytes: Uint8Array;
  /** Number of content documents. */
  documents: number;
  /** Chapters cut because they were too long for one document, and where. */
  cuts: ChapterCut[];
  /** What the metadata lacks for the stores (an identifier, readings). */
  warnings: Warning[];
}

/** Build the EPUB of a book, in memory. */
export async function buildEpub(book: Book): Promise<EpubResult> {
  const workDir = await mkdtemp(join(tmpdir(), 'tategaki-epub-'));
  try {
    const cover = await coverImage(book, workDir);
    const layout = layoutEpub(book, cover.url);
    // The 口絵 pages point at their files already.
    let imageCount = book.assets.frontispiece.length;
    for (const page of layout.pages) {
      if (page.source) imageCount += pointImages(page.nodes, book.assets);
    }
    const pages = layout.pages.map(serialisePage);
    const { metadata, warnings } = packageMetadata(book, layout, cover, imageCount);
    const bytes = await packageEpub(pages, metadata, await stylesheet(), buildTimestamp(book.config));
    return { bytes, documents: pages.length, cuts: layout.cuts, warnings };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A page as the packager takes it; a page over the 電書協 guide's size limit stops the build. */
function serialisePage(page: EpubPage): { page: EpubPage; xhtml: string } {
  adaptForPackager(page.nodes);
  const xhtml = toXhtml(page.nodes);
  if (Buffer.byteLength(xhtml) > MAX_DOCUMENT_BYTES) {
    throw new BuildError(`content document ${page.filename} is larger than 256 KB even after splitting`, {
      file: page.source?.path,
      ruleId: 'epub-document-size',
    });
  }
  return { page, xhtml };
}

/** The book's one stylesheet: ours and the notations', with one `@charset`. */
async function stylesheet(): Promise<string> {
  return (await Promise.all(stylesheets.map((url) => readFile(url, 'utf8'))))
    .join('\n')
    .replace(/\n@charset "UTF-8";\n/g, '\n');
}
