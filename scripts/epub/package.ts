/**
 * Packaging with epub-gen-memory. Its default templates are wrong for a Japanese book (English
 * `xml:lang`, no `rtl`, an empty `dc:description`, every kana escaped as `&#x…;`), so all four
 * templates are ours, in templates/epub/. Its reporting is on: anything it says it dropped
 * stops the build, because nothing of a manuscript may be lost silently.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import { BuildError } from '../errors.ts';
import { coverPageBody } from './cover-page.ts';
import {
  EPub,
  normalizeHTML,
  validateAndNormalizeChapter,
  validateIsChapters,
  type Content,
  type Options,
} from './packager.ts';
import { packagerMarkup } from './packager-markup.ts';
import type { EpubPage } from './pages.ts';
import type { Readings } from './readings.ts';
import { writeZip, type ZipEntry } from './zip.ts';

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
  /** Katakana readings for sorting (file-as). */
  readings: Readings;
  authors: string[];
  /** Translators and editors, as MARC relator codes say them (`trl`, `edt`): stores list them beside the author. */
  contributors: { name: string; role: 'trl' | 'edt' }[];
  publisher?: string;
  date?: string;
  description?: string;
  subjects: string[];
  rights?: string;
  tocTitle: string;
  /** The cover image: its `src` as it appears on the cover page, its size in pixels, its text alternative. */
  cover: { url: string; width: number; height: number; alt: string };
  navBody: string;
  ncxPoints: { text: string; href: string }[];
  accessModes: string[];
  accessModeSufficient: string;
  accessibilityFeatures: string[];
  accessibilitySummary: string;
  /** The EPUB Accessibility conformance claim and who evaluated it, when the book meets it. */
  conformance?: { conformsTo: string; certifiedBy: string };
}

/** The earliest time a ZIP entry can carry (MS-DOS dates start in 1980). */
const ZIP_EPOCH = Date.UTC(1980, 0, 1);

/**
 * The packager, made reproducible: it names images with random UUIDs and stamps every ZIP entry
 * with the current time, so two builds of one manuscript would differ in every byte after the
 * first image. Here images are named after their bytes and every entry gets the build's time.
 */
class ReproducibleEPub extends EPub {
  /**
   * The packager's constructor runs every page through its HTML parser and writer; here it gets
   * no pages, and each is made as it would make it: without the parser where the markup is shown
   * to come back unchanged (./packager-markup.ts), by the packager's own function elsewhere.
   */
  constructor(options: Options, content: Content) {
    super(options, []);
    validateIsChapters(content);
    this.content = content.map((chapter, index) => {
      const normal = validateAndNormalizeChapter(chapter, index);
      normal.content = packagerMarkup(chapter.content) ?? normalizeHTML.call(this, index, chapter.content);
      return normal;
    });
  }

  /** Rename every image to `img-<hash of its bytes>`, in the pages and in the package document. */
  async nameImagesByContent(): Promise<void> {
    const taken = new Set<string>();
    for (const image of this.images) {
      // Every image is a file by now: the layout resolved each against the manuscript folder.
      const bytes = await readFile(fileURLToPath(image.url));
      const base = `img-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
      let id = base;
      for (let copy = 2; taken.has(id); copy++) id = `${base}-${copy}`;
      taken.add(id);
      const from = `images/${image.id}.`;
      for (const chapter of this.content) chapter.content = chapter.content.replaceAll(from, `images/${id}.`);
      image.id = id;
    }
  }

  /**
   * Put the cover page's image in the 電書協 guide's SVG wrapper. The packager registers images
   * only from `<img>`, and drops the SVG attributes it does not know, so the page is laid out
   * with an `<img>` and wrapped here, once the image has its name in the package.
   */
  wrapCover(cover: PackageMetadata['cover']): void {
    const page = this.content.find((chapter) => chapter.id === 'p-cover');
    if (!page) return;
    const image = this.images.find((candidate) => candidate.url === cover.url);
    if (!image) throw new Error('internal: the cover page has no image');
    page.content = coverPageBody({ ...cover, href: `images/${image.id}.${image.extension}` });
  }

  /**
   * The packager's own step, with the page template compiled once: it renders a template with
   * `ejs.render`, which compiles it again for every page (a fifth of the packaging of a novel of
   * 200 chapters). The files, their order and their text are the packager's.
   */
  protected override async generateTemplateFiles(): Promise<void> {
    const oebps = this.zip.folder('OEBPS')!;
    oebps.file('style.css', this.options.css);
    const page = ejs.compile(this.options.chapterXHTML);
    for (const chapter of this.content)
      oebps.file(
        chapter.filename,
        page({ lang: this.options.lang, prependChapterTitles: this.options.prependChapterTitles, ...chapter }),
      );
    this.zip
      .folder('META-INF')!
      .file(
        'container.xml',
        '<?xml version="1.0" encoding="UTF-8" ?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
      );
    const options = { ...this.options, id: this.uuid, images: this.images, cover: this.cover, content: this.content };
    oebps.file('content.opf', ejs.render(this.options.contentOPF, options));
    oebps.file('toc.ncx', ejs.render(this.options.tocNCX, options));
    oebps.file('toc.xhtml', ejs.render(this.options.tocXHTML, options));
  }

  /**
   * The ZIP file of everything the packager gathered, in its order, every entry dated `time`,
   * written with Node's zlib (./zip.ts): stored where the packager stores (the `mimetype` entry,
   * folders, empty files), deflated elsewhere.
   */
  async zipFile(time: Date): Promise<Buffer> {
    const date = new Date(Math.max(time.getTime(), ZIP_EPOCH));
    const entries: ZipEntry[] = [];
    for (const [name, entry] of Object.entries(this.zip.files)) {
      const data = entry.dir ? new Uint8Array() : await entry.async('nodebuffer');
      const stored = entry.dir || data.length === 0 || entry.options.compression === 'STORE';
      entries.push({ name, data, deflate: !stored, folder: entry.dir });
    }
    return writeZip(entries, date);
  }
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
  /** The time every ZIP entry carries (see config/timestamp.ts). */
  timestamp: Date,
): Promise<Uint8Array> {
  const reports: string[] = [];
  const htmlClass = metadata.vertical ? 'vrtl' : 'hltr';
  const epub = new ReproducibleEPub(
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
    } as Options,
    pages.map(({ page, xhtml }) => ({
      id: page.id,
      title: page.title,
      filename: page.filename,
      content: xhtml,
      bodyClass: page.bodyClass,
      bodyType: page.bodyType ?? '',
      htmlClass: page.htmlClass ?? htmlClass,
      properties: page.properties ?? '',
      unescapeText,
    })),
  );
  let bytes: Uint8Array;
  try {
    await epub.nameImagesByContent();
    epub.wrapCover(metadata.cover);
    await epub.render();
    bytes = await epub.zipFile(timestamp);
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
