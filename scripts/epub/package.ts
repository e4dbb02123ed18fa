/**
 * Packaging with epub-gen-memory. Its default templates are wrong for a Japanese book (English
 * `xml:lang`, no `rtl`, an empty `dc:description`, every kana escaped as `&#x…;`), so all four
 * templates are ours, in templates/epub/. Its reporting is on: anything it says it dropped
 * stops the build, because nothing of a manuscript may be lost silently.
 */
import { readFileSync } from 'node:fs';
import { EPub } from 'epub-gen-memory';
import { BuildError } from '../errors.ts';
import type { EpubPage } from './pages.ts';

const templateDir = new URL('../../templates/epub/', import.meta.url);
const template = (name: string) => readFileSync(new URL(name, templateDir), 'utf8');

/** Everything the package templates show besides the pages themselves. */
export interface PackageMetadata {
  title: string;
  lang: string;
  identifier: string;
  modified: string;
  vertical: boolean;
  subtitle?: string;
  titleReading?: string;
  authors: string[];
  authorReading?: string;
  publisher?: string;
  date?: string;
  description?: string;
  subjects: string[];
  rights?: string;
  tocTitle: string;
  /** The `src` of the cover image, as it appears on the cover page. */
  coverUrl: string;
  navBody: string;
  ncxPoints: { text: string; href: string }[];
  accessModes: string[];
  accessModeSufficient: string;
  accessibilityFeatures: string[];
  accessibilitySummary: string;
}

/**
 * The packager re-serialises pages with every non-ASCII character as a numeric reference,
 * doubling the size of Japanese text; this turns those back into characters. Markup-significant
 * and control characters stay escaped.
 */
export function unescapeText(xml: string): string {
  return xml.replace(/&#x([0-9a-f]+);/gi, (reference, hex: string) => {
    const code = parseInt(hex, 16);
    const safe = code >= 0xa0 && !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
    return safe ? String.fromCodePoint(code) : reference;
  });
}

/** Build the EPUB file from finished pages (XHTML bodies) and metadata. */
export async function packageEpub(
  pages: { page: EpubPage; xhtml: string }[],
  metadata: PackageMetadata,
  css: string,
): Promise<Uint8Array> {
  const reports: string[] = [];
  const htmlClass = metadata.vertical ? 'vrtl' : 'hltr';
  const epub = new EPub(
    {
      title: metadata.title,
      author: metadata.authors,
      lang: metadata.lang,
      tocTitle: metadata.tocTitle,
      css,
      version: 3,
      contentOPF: template('content.opf.ejs'),
      tocNCX: template('toc.ncx.ejs'),
      tocXHTML: template('nav.xhtml.ejs'),
      chapterXHTML: template('page.xhtml.ejs'),
      prependChapterTitles: false,
      ignoreFailedDownloads: false,
      retryTimes: 1,
      verbose: (type: 'log' | 'warn', ...args: unknown[]) => {
        if (type === 'warn') reports.push(args.map(String).join(' '));
      },
      // Extra keys reach the templates untouched.
      book: { ...metadata, htmlClass },
    } as ConstructorParameters<typeof EPub>[0],
    pages.map(({ page, xhtml }) => ({
      id: page.id,
      title: page.title,
      filename: page.filename,
      content: xhtml,
      bodyClass: page.bodyClass,
      bodyType: page.bodyType ?? '',
      htmlClass,
      unescapeText,
    })),
  );
  let bytes: Uint8Array;
  try {
    // genEpub would zip at deflate level 9; level 6 makes the same size within a percent, in half
    // the time. The mimetype entry stays stored, as the packager adds it so.
    await epub.render();
    bytes = await epub.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/epub+zip',
      compression: 'DEFLATE',
      compressionOptions: { level: 6 },
    });
  } catch (cause) {
    throw new BuildError(`packaging the EPUB failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      ruleId: 'epub-package',
    });
  }
  if (reports.length > 0) {
    throw new BuildError(`the EPUB packager would drop content: ${reports.join('; ')}`, {
      hint: 'this is a bug in the build pipeline, not in your manuscript; please report it',
      ruleId: 'epub-dropped-content',
    });
  }
  return bytes;
}
