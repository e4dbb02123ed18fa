/**
 * The PDF build. One browser, two renderings: the book itself, then its front matter again with
 * the page numbers the layout gave; pdf-lib composes the two, adds blank pages, folios and
 * running heads by page kind, boxes and crop marks.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Book } from '../book.ts';
import { BuildError } from '../errors.ts';
import type { Profile } from '../cli/args.ts';
import { fontFamilyName, fontPackageDir } from '../fonts/fontsource.ts';
import { authorsOf } from '../layout/front-matter.ts';
import { resolveImages } from '../layout/images.ts';
import {
  ANCHOR_PREFIX,
  anchorId,
  frontMatterDocument,
  printParts,
  RECTO_BREAK_PREFIX,
  type PrintFonts,
} from '../layout/print-document.ts';
import type { PageKind, PageMark } from './page-marks.ts';
import { tocEntries, type TocEntry } from '../layout/toc.ts';
import { insideRoot } from '../manuscript/load.ts';
import { startBrowserSession, type BrowserSession } from './browser.ts';
import { composePdf } from './compose.ts';
import { isRecto, resolveGeometry, type PageGeometry } from './geometry.ts';
import { inspectLayout, type LayoutFacts } from './inspect.ts';
import { mergeParts, removeProbeLinks } from './merge.ts';
import type { OutlineItem } from './outline.ts';
import { renderPdf } from './render.ts';
import type { Progress } from '../progress.ts';

/** What a PDF build produced. */
export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  geometry: PageGeometry;
  type3Fonts: number;
  /** URLs the page asked for and did not get: builds load nothing from outside. */
  blocked: string[];
  /** Characters of running heads that no font could draw. */
  missingGlyphs: string[];
}

/** Folders of the project's own assets the print document loads: fonts and templates. */
const ASSET_ROOTS = [
  fileURLToPath(new URL('../../templates/', import.meta.url)),
  fontPackageDir('serif'),
  fontPackageDir('sans'),
];

/** Options of a PDF build. */
export interface PdfBuildOptions {
  profile?: Profile;
  signal?: AbortSignal;
  progress?: Progress;
  /** Milliseconds one rendering may take. */
  timeout?: number;
  /** A browser already starting (the caller closes it); otherwise one is started and closed here. */
  session?: BrowserSession;
}

/** Build the print PDF of a book, in memory. */
export async function buildPdf(book: Book, options: PdfBuildOptions = {}): Promise<PdfResult> {
  const { config, manuscript } = book;
  const geometry = resolveGeometry(config, options.profile ?? config.print.profile, manuscript.locate);
  const fonts = await resolveFonts(book);
  const session = options.session ?? (await startBrowserSession());
  const { workDir } = session;
  const timeout = options.timeout ?? 600_000;
  const blocked = new Set<string>();
  const render = async (path: string) =>
    renderPdf(await session.browser, path, {
      signal: options.signal,
      timeout,
      allowedRoots: [workDir, manuscript.root, ...ASSET_ROOTS],
      onBlocked: (url) => blocked.add(url),
    });
  try {
    const parts = printParts(book, geometry, fonts, partCount(book));
    for (const part of parts) {
      for (const section of sectionsOf(part.root))
        await resolveImages([section], manuscript.root, chapterFile(book, section));
    }
    const paths = parts.map((_, index) => join(workDir, parts.length === 1 ? 'book.html' : `book-${index + 1}.html`));
    await Promise.all(parts.map((part, index) => writeFile(paths[index]!, toHtml(part.root))));
    if (process.env.TATEGAKI_KEEP_WORK && parts.length > 1) {
      // The whole book as one document, for comparing with a bare Chromium print (npm run bench).
      const [whole] = printParts(book, geometry, fonts, 1);
      await writeFile(join(workDir, 'book.html'), toHtml(whole!.root));
    }
    options.progress?.(
      `laying out ${book.chapters.length} chapter(s) in Chromium${parts.length > 1 ? `, ${parts.length} parts side by side` : ''}`,
    );
    const rendered = await Promise.all(paths.map(render));
    if (process.env.TATEGAKI_KEEP_WORK)
      await Promise.all(rendered.map((bytes, index) => writeFile(paths[index]!.replace(/\.html$/, '.pdf'), bytes)));
    const mainDocument = await mergeParts(rendered.map((bytes, index) => ({ bytes, ids: parts[index]!.ids })));
    removeProbeLinks(mainDocument, (name) => name.startsWith(ANCHOR_PREFIX) || name.startsWith(RECTO_BREAK_PREFIX));
    const facts = inspectLayout(mainDocument);
    options.progress?.(`laid out ${facts.pageCount} pages`);
    options.signal?.throwIfAborted();

    const plan = planPages(book, facts);
    const frontPath = join(workDir, 'front.html');
    await writeFile(frontPath, toHtml(frontMatterDocument(book, geometry, fonts, plan.pageNumbers)));
    options.progress?.(`adding folios and running heads to ${plan.sequence.length} pages`);
    // The front matter renders while the other pages are finished.
    const frontPdf = render(frontPath).then(async (bytes) => {
      if (process.env.TATEGAKI_KEEP_WORK) await writeFile(join(workDir, 'front.pdf'), bytes);
      return bytes;
    });
    frontPdf.catch(() => undefined);
    const composed = await composePdf(mainDocument, frontPdf, {
      geometry,
      sequence: plan.sequence,
      frontPages: plan.frontPages,
      marks: plan.marks,
      markFont: fonts.body.url ? await readFile(fileURLToPath(fonts.body.url)) : undefined,
      outline: plan.outline,
      metadata: {
        title: config.title,
        authors: authorsOf(config),
        subject: config.description,
        keywords: config.subject === undefined ? [] : [config.subject].flat(),
        lang: config.lang,
        created: creationDate(),
      },
    });
    options.signal?.throwIfAborted();
    return {
      bytes: composed.bytes,
      pages: composed.pages,
      geometry,
      type3Fonts: composed.type3Fonts,
      blocked: [...blocked],
      missingGlyphs: composed.missingGlyphs,
    };
  } finally {
    // TATEGAKI_KEEP_WORK=1 keeps the intermediate HTML and PDFs for debugging the layout.
    if (process.env.TATEGAKI_KEEP_WORK) options.progress?.(`intermediate files kept in ${workDir}`);
    if (!options.session) await session.close();
  }
}

/** Where every page stands once Chromium has laid the book out. */
interface PagePlan {
  /** The final pages in order: an index into the main rendering, or null for an added blank page. */
  sequence: (number | null)[];
  /** Leading pages of the main rendering (扉, 目次) that the front-matter rendering replaces. */
  frontPages: number;
  /** Folios and running heads of every page after the front matter. */
  marks: PageMark[];
  pageNumbers: Map<string, number>;
  outline: OutlineItem[];
}

/**
 * Decide the final pages. Chromium treats `break-before: recto` like `page`, so the blank pages
 * that put the 目次, chapters and 改丁 on a recto (an odd page) are added here, and so is the
 * padding to a multiple of four, before the 奥付 so that it stays on the last page.
 */
function planPages(book: Book, facts: LayoutFacts): PagePlan {
  const { config } = book;
  const where = (id: string) => {
    const index = facts.destinations.get(anchorId(id));
    if (index === undefined)
      throw new BuildError(`internal: Chromium did not report where "${id}" is`, { ruleId: 'pdf-layout' });
    return index;
  };
  const chapterStarts = book.chapters.map((chapter) => where(chapter.id));
  const colophon = where('colophon');
  const rectoStarts = new Set([where('toc'), chapterStarts[0]!]);
  if (config.print.chapterStart === 'recto') chapterStarts.forEach((start) => rectoStarts.add(start));
  for (const [id, index] of facts.destinations) if (id.startsWith(RECTO_BREAK_PREFIX)) rectoStarts.add(index);

  const sequence: (number | null)[] = [];
  for (let index = 0; index < facts.pageCount; index++) {
    if (rectoStarts.has(index) && sequence.length % 2 === 1) sequence.push(null);
    sequence.push(index);
  }
  if (config.print.padToMultipleOf4) {
    const pad = (4 - (sequence.length % 4)) % 4;
    sequence.splice(sequence.indexOf(colophon), 0, ...Array<null>(pad).fill(null));
  }
  const finalIndex = new Map(sequence.flatMap((main, index) => (main === null ? [] : [[main, index] as const])));
  const frontPages = chapterStarts[0]!;
  const openings = new Set(chapterStarts);

  const pageNumbers = new Map<string, number>();
  const outlineOf = (list: readonly TocEntry[]): OutlineItem[] =>
    list.flatMap((entry) => {
      const main = facts.destinations.get(entry.id);
      const index = main === undefined ? undefined : finalIndex.get(main);
      if (index === undefined) return [];
      pageNumbers.set(entry.id, index + 1);
      return [{ title: entry.text, pageIndex: index, children: outlineOf(entry.children) }];
    });
  const outline = outlineOf(tocEntries(book.chapters, config.tocDepth));
  // The running head of a recto names the section the page is in: the last top-level heading
  // begun on or before it (a chapter title, or a 中見出し of a one-file book).
  const sections = outline.map((item) => ({ page: item.pageIndex, title: item.title })).sort((a, b) => a.page - b.page);

  const marks: PageMark[] = [];
  sequence.forEach((main, index) => {
    if (main !== null && main < frontPages) return;
    const number = index + 1;
    const kind: PageKind =
      main === null || facts.blankPages.has(main)
        ? 'blank'
        : main >= colophon
          ? 'colophon'
          : openings.has(main)
            ? 'opening'
            : 'body';
    const showFolio = kind === 'body' || kind === 'opening';
    const section = sections.filter((candidate) => candidate.page <= index).at(-1)?.title ?? config.title;
    const mode = config.print.runningHead;
    const runningHead =
      kind !== 'body' || mode === 'none'
        ? undefined
        : mode === 'book'
          ? config.title
          : mode === 'chapter'
            ? section
            : isRecto(number)
              ? section
              : config.title;
    marks.push({
      index,
      kind,
      runningHead,
      folio: showFolio ? String(number) : undefined,
      hiddenFolio: config.print.hiddenFolio && !showFolio ? String(number) : undefined,
    });
  });

  return { sequence, frontPages, marks, pageNumbers, outline };
}

/** The fonts of the print book: the bundled Noto faces unless the metadata names others. */
async function resolveFonts(book: Book): Promise<PrintFonts> {
  const { print } = book.config;
  const resolve = async (setting: string | undefined, key: string, fallback: string, family: string) => {
    if (!setting) return { family: fallback };
    if (/\.(otf|ttf|woff2?)$/i.test(extname(setting))) {
      const path = await insideRoot(book.manuscript.root, setting, book.manuscript.locate(['print', key]));
      return { family, url: pathToFileURL(path).href };
    }
    return { family: setting };
  };
  return {
    body: await resolve(print.bodyFont, 'bodyFont', fontFamilyName('serif'), 'Book Body'),
    heading: await resolve(print.headingFont, 'headingFont', fontFamilyName('sans'), 'Book Heading'),
  };
}

/**
 * How many parts Chromium renders side by side: one per processor, up to four, for a book long
 * enough that the gain outweighs a second renderer's start (and the fonts each part embeds).
 */
function partCount(book: Book): number {
  const forced = Number(process.env.TATEGAKI_PDF_PARTS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  const characters = book.chapters.reduce((sum, chapter) => sum + String(chapter.file.value).length, 0);
  if (characters < 150_000) return 1;
  return Math.min(4, availableParallelism(), book.chapters.length);
}

function sectionsOf(root: Root): Element[] {
  const html = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  const body = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'body');
  return (body?.children ?? []).filter((node): node is Element => node.type === 'element');
}

function chapterFile(book: Book, section: Element): string | undefined {
  return book.chapters.find((chapter) => chapter.id === section.properties.id)?.file.path;
}

/** Creation time: now, or SOURCE_DATE_EPOCH for reproducible builds. */
function creationDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}
