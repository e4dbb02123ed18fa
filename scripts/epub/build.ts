/** The EPUB build: lay the book out as content documents, gather images, package. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ElementContent } from 'hast';
import type { Book } from '../book.ts';
import { authorsOf } from '../layout/metadata-text.ts';
import { toXhtml } from '../layout/xhtml.ts';
import { pointImages } from '../layout/images.ts';
import { adaptForPackager } from './adapt.ts';
import { buildTimestamp, w3cTimestamp } from '../config/timestamp.ts';
import { bookIdentifier } from './identifier.ts';
import { packageEpub } from './package.ts';
import { layoutEpub, MAX_DOCUMENT_BYTES, type ChapterCut } from './pages.ts';
import { BuildError } from '../errors.ts';
import { digest, pipelineVersion, readCache, writeCache } from '../output/cache.ts';

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
}

/** Build the EPUB of a book, in memory. */
export async function buildEpub(book: Book): Promise<EpubResult> {
  const { config } = book;
  const timestamp = buildTimestamp(config);
  const workDir = await mkdtemp(join(tmpdir(), 'tategaki-epub-'));
  try {
    let coverUrl: string;
    if (book.assets.cover) {
      coverUrl = pathToFileURL(book.assets.cover.path).href;
    } else {
      const coverPath = join(workDir, 'cover.png');
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
      await writeFile(coverPath, png);
      coverUrl = pathToFileURL(coverPath).href;
    }

    const layout = layoutEpub(book, coverUrl);
    let imageCount = 0;
    for (const page of layout.pages) {
      if (page.source) imageCount += pointImages(page.nodes, book.assets);
    }
    const pages = layout.pages.map((page) => {
      adaptForPackager(page.nodes);
      const xhtml = toXhtml(page.nodes);
      if (Buffer.byteLength(xhtml) > MAX_DOCUMENT_BYTES) {
        throw new BuildError(`content document ${page.filename} is larger than 256 KB even after splitting`, {
          file: page.source?.path,
          ruleId: 'epub-document-size',
        });
      }
      return { page, xhtml };
    });

    const hasRuby = layout.pages.some((page) => containsTag(page.nodes, 'ruby'));
    const vertical = config.writingMode === 'vertical';
    const features = ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability'];
    if (imageCount > 0) features.push('alternativeText');
    if (hasRuby) features.push('rubyAnnotations');
    features.push(vertical ? 'verticalWriting' : 'horizontalWriting');

    const bytes = await packageEpub(
      pages,
      {
        title: config.title,
        subtitle: config.subtitle,
        titleReading: config.titleReading,
        lang: config.lang,
        identifier: bookIdentifier(config),
        modified: w3cTimestamp(timestamp),
        vertical,
        authors: authorsOf(config),
        authorReading: config.authorReading,
        publisher: config.publisher,
        date: config.date,
        description: config.description,
        subjects: config.subject === undefined ? [] : [config.subject].flat(),
        rights: config.rights,
        tocTitle: config.tocTitle,
        coverUrl,
        navBody: layout.navBody,
        ncxPoints: layout.ncxPoints,
        accessModes: ['textual', 'visual'],
        accessModeSufficient: 'textual',
        accessibilityFeatures: features,
        accessibilitySummary: `${vertical ? '縦書き' : '横書き'}のリフロー型EPUBです。目次と見出しで移動でき、${imageCount > 0 ? '画像には代替テキストがあり、' : ''}文字の大きさや書体は読書環境で変えられます。`,
      },
      (await Promise.all(stylesheets.map((url) => readFile(url, 'utf8'))))
        .join('\n')
        .replace(/\n@charset "UTF-8";\n/g, '\n'),
      timestamp,
    );
    return { bytes, documents: pages.length, cuts: layout.cuts };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function containsTag(nodes: readonly ElementContent[], tagName: string): boolean {
  return nodes.some(
    (node) => node.type === 'element' && (node.tagName === tagName || containsTag(node.children, tagName)),
  );
}
