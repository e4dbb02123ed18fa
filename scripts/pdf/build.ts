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
import type { Page } from 'puppeteer';
import { toHtml } from 'hast-util-to-html';
import type { Book } from '../book.ts';
import type { Profile } from '../config/schema.ts';
import { fontFamilyName, fontPackageDir } from '../fonts/fontsource.ts';
import { authorsOf } from '../layout/front-matter.ts';
import { resolveImages } from '../layout/images.ts';
import {
  ANCHOR_PREFIX,
  frontMatterDocument,
  printParts,
  RECTO_BREAK_PREFIX,
  type PrintFonts,
} from '../layout/print-document.ts';
import { tocEntries } from '../layout/toc.ts';
import { fullWidthPunctuation } from '../layout/upright.ts';
import { insideRoot } from '../manuscript/load.ts';
import { startBrowserSession, type BrowserSession } from './browser.ts';
import { composePdf } from './compose.ts';
import { resolveGeometry, type PageGeometry } from './geometry.ts';
import { hangPunctuation, type HangingReport } from './hanging.ts';
import { inspectLayout } from './inspect.ts';
import { mergeParts, removeProbeLinks } from './merge.ts';
import type { PageMark } from './page-marks.ts';
import { planPages } from './plan.ts';
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
  /** What the ぶら下げ pass did, summed over the parts; absent when `print.hanging` is off. */
  hanging?: HangingReport;
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
  const hangingReports: HangingReport[] = [];
  const render = async (path: string, beforePrint?: (page: Page) => Promise<void>) =>
    renderPdf(await session.browser, path, {
      signal: options.signal,
      timeout,
      allowedRoots: [workDir, manuscript.root, ...ASSET_ROOTS],
      onBlocked: (url) => blocked.add(url),
      beforePrint,
    });
  const hang = config.print.hanging
    ? async (page: Page) => void hangingReports.push(await hangPunctuation(page))
    : undefined;
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
    const rendered = await Promise.all(paths.map((path) => render(path, hang)));
    const hanging = config.print.hanging ? sumReports(hangingReports) : undefined;
    if (hanging)
      options.progress?.(
        `ぶら下げ: ${hanging.hung} of ${hanging.pushed} pushed line(s) now end with a hanging mark (${hanging.rounds} round(s), ${hanging.ms} ms)`,
      );
    if (process.env.TATEGAKI_KEEP_WORK)
      await Promise.all(rendered.map((bytes, index) => writeFile(paths[index]!.replace(/\.html$/, '.pdf'), bytes)));
    const mainDocument = await mergeParts(rendered.map((bytes, index) => ({ bytes, ids: parts[index]!.ids })));
    removeProbeLinks(mainDocument, (name) => name.startsWith(ANCHOR_PREFIX) || name.startsWith(RECTO_BREAK_PREFIX));
    const facts = inspectLayout(mainDocument);
    options.progress?.(`laid out ${facts.pageCount} pages`);
    options.signal?.throwIfAborted();

    const plan = planPages(
      {
        chapterIds: book.chapters.map((chapter) => chapter.id),
        toc: tocEntries(book.chapters, config.tocDepth),
        title: config.title,
        print: config.print,
      },
      facts,
    );
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
      marks: config.writingMode === 'vertical' ? plan.marks.map((mark) => uprightMarks(mark, config)) : plan.marks,
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
      hanging,
    };
  } finally {
    // TATEGAKI_KEEP_WORK=1 keeps the intermediate HTML and PDFs for debugging the layout.
    if (process.env.TATEGAKI_KEEP_WORK) options.progress?.(`intermediate files kept in ${workDir}`);
    if (!options.session) await session.close();
  }
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

/** A running head of a vertical book with the full-width `！` `？` its text sets upright (縦中横). */
function uprightMarks(mark: PageMark, config: Book['config']): PageMark {
  return mark.runningHead ? { ...mark, runningHead: fullWidthPunctuation(mark.runningHead, config.markdown) } : mark;
}

/** One report for a book rendered in parts side by side: counts add up, the time is the longest part's. */
function sumReports(reports: readonly HangingReport[]): HangingReport {
  const sum = (key: keyof HangingReport) => reports.reduce((total, report) => total + report[key], 0);
  return {
    blocks: sum('blocks'),
    pushed: sum('pushed'),
    hung: sum('hung'),
    undone: sum('undone'),
    rounds: Math.max(0, ...reports.map((report) => report.rounds)),
    ms: Math.max(0, ...reports.map((report) => report.ms)),
  };
}

/** Creation time: now, or SOURCE_DATE_EPOCH for reproducible builds. */
function creationDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}
