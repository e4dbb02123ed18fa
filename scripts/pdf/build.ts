/**
 * The PDF build. One browser, two renderings: the book itself, then its front matter again with
 * the page numbers the layout gave; pdf-lib composes the two, adds blank pages, folios and
 * running heads by page kind, boxes and crop marks.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Element, Root } from 'hast';
import type { Page } from 'puppeteer';
import { toHtml } from 'hast-util-to-html';
import type { Book } from '../book.ts';
import type { Profile } from '../config/schema.ts';
import { buildTimestamp } from '../config/timestamp.ts';
import { BUNDLED_FAMILIES, fontPackageDir } from '../fonts/fontsource.ts';
import { authorsOf } from '../layout/metadata-text.ts';
import { pointImages } from '../layout/images.ts';
import { findMissingGlyphs, type MissingGlyph } from '../layout/missing-glyphs.ts';
import { ANCHOR_PREFIX, frontMatterDocument, printParts, RECTO_BREAK_PREFIX } from '../layout/print-document.ts';
import { tocEntries } from '../layout/toc.ts';
import { BuildError } from '../errors.ts';
import { fullWidthPunctuation } from '../layout/upright.ts';
import { startBrowserSession, type BrowserSession } from './render/browser.ts';
import { composePdf } from './press/compose.ts';
import { resolveGeometry, type PageGeometry } from '../layout/geometry.ts';
import { hangPunctuation } from './render/hanging.ts';
import type { HangingReport } from './render/hanging-page.ts';
import { inspectLayout } from './inspect/layout-facts.ts';
import { mergeParts, removeProbeLinks } from './render/merge.ts';
import { resolveFonts } from './render/fonts.ts';
import type { PageMark } from './press/page-marks.ts';
import { planPages } from './press/plan.ts';
import { preflightPdf, type PreflightReport } from './inspect/preflight/index.ts';
import { checkKdpPageCount, checkKdpType, resolvePress, type PressOptions } from './press/options.ts';
import { PagePool, renderPdf } from './render/print.ts';
import type { Progress } from '../progress.ts';

/** What a PDF build produced. */
export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  geometry: PageGeometry;
  type3Fonts: number;
  /** URLs the page asked for and did not get: builds load nothing from outside. */
  blocked: string[];
  /** Characters no font of the book has, each printed as 〓; found before layout. */
  missingGlyphs: MissingGlyph[];
  /** Characters of running heads that no font could draw (already among `missingGlyphs`, normally). */
  missingInMarks: string[];
  press: PressOptions;
  /** The checks run on the finished file. */
  preflight: PreflightReport;
  /** Milliseconds the one-colour conversion took, and images it converted, when it ran. */
  gray?: { ms: number; images: number };
  /** What the ぶら下げ pass did, summed over the parts; absent when `print.hanging` is off. */
  hanging?: HangingReport;
}

/** Folders of the project's own assets the print document loads: fonts and templates. */
const ASSET_ROOTS = [
  fileURLToPath(new URL('../../templates/', import.meta.url)),
  ...BUNDLED_FAMILIES.map(fontPackageDir),
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
  /**
   * Called with the characters no font has, once they are known and before anything is laid out:
   * it may throw to stop the build there (`--strict` with warnings already known).
   */
  beforeLayout?: (missingGlyphs: readonly MissingGlyph[]) => void;
}

/** Build the print PDF of a book, in memory. */
export async function buildPdf(book: Book, options: PdfBuildOptions = {}): Promise<PdfResult> {
  const { config, manuscript } = book;
  const geometry = resolveGeometry(config, options.profile ?? config.print.profile, manuscript.locate);
  const { fonts, stacks, roots: fontRoots } = resolveFonts(book);
  // Before layout: every character no font has is reported, and printed as 〓.
  const missingGlyphs = findMissingGlyphs(book, stacks);
  const press = resolvePress(config.print, geometry.profile, manuscript.locate);
  checkKdpType(geometry, manuscript.locate);
  options.beforeLayout?.(missingGlyphs);
  const session = options.session ?? (await startBrowserSession());
  // Each build has its own folder in the session's, so that books built side by side with one
  // browser never share files.
  const workDir = await mkdtemp(join(session.workDir, 'build-'));
  const timeout = options.timeout ?? 600_000;
  const blocked = new Set<string>();
  const hangingReports: HangingReport[] = [];
  // The front matter (and a part laid out again) prints on a page the chapters left.
  const pages = new PagePool();
  const render = async (path: string, beforePrint?: (page: Page) => Promise<void>) =>
    renderPdf(await session.browser, path, {
      signal: options.signal,
      timeout,
      allowedRoots: [workDir, manuscript.root, ...ASSET_ROOTS, ...fontRoots],
      onBlocked: (url) => blocked.add(url),
      beforePrint,
      pages,
    });
  const hang = config.print.hanging
    ? async (page: Page) => void hangingReports.push(await hangPunctuation(page))
    : undefined;
  try {
    const parts = printParts(book, geometry, fonts, partCount(book));
    for (const part of parts) pointImages(sectionsOf(part.root), book.assets);
    const paths = parts.map((_, index) => join(workDir, parts.length === 1 ? 'book.html' : `book-${index + 1}.html`));
    await Promise.all(parts.map((part, index) => writeFile(paths[index]!, toHtml(part.root))));
    if (process.env.TATEGAKI_KEEP_WORK && parts.length > 1) {
      // The whole book as one document, for comparing with a bare Chromium print (npm run bench).
      const [whole] = printParts(book, geometry, fonts, 1);
      pointImages(sectionsOf(whole!.root), book.assets);
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
    // The 目次 is laid out with its page numbers hidden, and printed again with the real ones. When
    // the real numbers make it longer or shorter (a 目次 of a thousand entries with four-digit
    // numbers), every page after it moves: the first part is laid out again with the real numbers,
    // and the pages planned anew, until the 目次 stays the same length.
    let composed: Awaited<ReturnType<typeof composePdf>> | undefined;
    for (let pass = 1; !composed; pass++) {
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
          print: { ...config.print, padTo: press.padTo > 1 ? (press.padTo as 2 | 4 | 8 | 16) : undefined },
        },
        facts,
      );
      checkKdpPageCount(geometry, plan.sequence.length, manuscript.locate);
      const frontPath = join(workDir, 'front.html');
      await writeFile(frontPath, toHtml(frontMatterDocument(book, geometry, fonts, plan.pageNumbers)));
      options.progress?.(`adding folios and running heads to ${plan.sequence.length} pages`);
      // The front matter renders while the other pages are finished.
      const frontPdf = render(frontPath).then(async (bytes) => {
        if (process.env.TATEGAKI_KEEP_WORK) await writeFile(join(workDir, 'front.pdf'), bytes);
        return bytes;
      });
      frontPdf.catch(() => undefined);
      try {
        composed = await composePdf(mainDocument, frontPdf, {
          geometry,
          sequence: plan.sequence,
          frontPages: plan.frontPages,
          marks: config.writingMode === 'vertical' ? plan.marks.map((mark) => uprightMarks(mark, config)) : plan.marks,
          markFonts: stacks.body,
          outline: plan.outline,
          press,
          metadata: {
            title: config.title,
            authors: authorsOf(config),
            subject: config.description,
            keywords: config.subject === undefined ? [] : [config.subject].flat(),
            lang: config.lang,
            created: buildTimestamp(config),
          },
        });
      } catch (error) {
        if (!(error instanceof BuildError) || error.ruleId !== 'pdf-front-matter' || pass >= 3) throw error;
        options.progress?.('the 目次 changed length with its page numbers: laying out its part again');
        const [first] = printParts(book, geometry, fonts, parts.length, plan.pageNumbers);
        pointImages(sectionsOf(first!.root), book.assets);
        await writeFile(paths[0]!, toHtml(first!.root));
        rendered[0] = await render(paths[0]!, hang);
      }
    }
    options.signal?.throwIfAborted();
    options.progress?.('preflight: checking the finished PDF');
    const preflight = await preflightPdf(composed.bytes, {
      profile: press.profile,
      color: press.color,
      pdfx: press.pdfx,
      padTo: press.padTo > 1 ? press.padTo : undefined,
    });
    return {
      bytes: composed.bytes,
      pages: composed.pages,
      geometry,
      type3Fonts: composed.type3Fonts,
      blocked: [...blocked],
      missingGlyphs,
      missingInMarks: composed.missingGlyphs,
      press,
      preflight,
      gray: composed.gray && { ms: composed.gray.ms, images: composed.gray.images },
      hanging,
    };
  } finally {
    await pages.close();
    // TATEGAKI_KEEP_WORK=1 keeps the intermediate HTML and PDFs for debugging the layout.
    if (process.env.TATEGAKI_KEEP_WORK) options.progress?.(`intermediate files kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
    if (!options.session) await session.close();
  }
}

/**
 * How many parts Chromium renders side by side: one per processor, up to four, for a book long
 * enough that the gain outweighs a second renderer's start (and the fonts each part embeds).
 */
function partCount(book: Book): number {
  const forced = Number(process.env.TATEGAKI_PDF_PARTS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  const characters = book.manuscript.chapters.reduce((sum, file) => sum + String(file.value).length, 0);
  if (characters < 150_000) return 1;
  return Math.min(4, availableParallelism(), book.chapters.length);
}

function sectionsOf(root: Root): Element[] {
  const html = root.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html');
  const body = html?.children.find((node): node is Element => node.type === 'element' && node.tagName === 'body');
  return (body?.children ?? []).filter((node): node is Element => node.type === 'element');
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
