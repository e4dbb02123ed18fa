/**
 * The PDF build, which sequences the three rooms of pdf/: Chromium renders the book in parts
 * (render/), then its front matter again with the page numbers the layout gave; the press
 * (press/) plans the pages and composes the two renderings, adding blank pages, folios and
 * running heads by page kind, boxes and crop marks; the preflight (inspect/) checks the finished
 * file. It returns the file with its warnings, worded, and the checklist.
 */
import { fileURLToPath } from 'node:url';
import type { Book } from '../book.ts';
import type { Profile } from '../config/schema.ts';
import { buildTimestamp } from '../config/timestamp.ts';
import { BuildError, type Warning } from '../errors.ts';
import { BUNDLED_FAMILIES, fontPackageDir } from '../fonts/fontsource.ts';
import { resolveGeometry, type PageGeometry } from '../layout/geometry.ts';
import { authorsOf } from '../layout/metadata-text.ts';
import { findMissingGlyphs, type MissingGlyph } from '../layout/missing-glyphs.ts';
import { smallPictures } from '../layout/pictures.ts';
import { ANCHOR_PREFIX, RECTO_BREAK_PREFIX } from '../layout/print-document.ts';
import { tocEntries } from '../layout/toc.ts';
import { fullWidthPunctuation } from '../layout/upright.ts';
import type { StageProgress } from '../progress.ts';
import { inspectLayout, type LayoutFacts } from './inspect/layout-facts.ts';
import { formatChecklist, MIN_PPI, preflightPdf } from './inspect/preflight/index.ts';
import { composePdf, type ComposedPdf } from './press/compose.ts';
import { kdpFinalGeometry, kdpGeometry } from './press/kdp-margins.ts';
import { checkKdpPageCount, checkKdpType, resolvePress, type PressOptions } from './press/options.ts';
import type { PageMark } from './press/page-marks.ts';
import { planPages, type PagePlan } from './press/plan.ts';
import { pressPlates } from './press/plates.ts';
import { startBrowserSession, type BrowserSession } from './render/browser.ts';
import { resolveFonts, type ResolvedFonts } from './render/fonts.ts';
import type { HangingReport } from './render/hanging-page.ts';
import { mergeParts, removeProbeLinks } from './render/merge.ts';
import {
  rewriteFirstPart,
  writeFrontMatter,
  writeParts,
  writePicturePages,
  writePlatePages,
  type WrittenParts,
} from './render/parts.ts';
import { BookRendering } from './render/rendering.ts';
import { missingGlyphWarnings, pdfWarnings, preflightError, smallPictureWarnings } from './warnings.ts';

/** What a PDF build produced. */
export interface PdfResult {
  bytes: Uint8Array;
  pages: number;
  geometry: PageGeometry;
  press: PressOptions;
  /** What the author should know, worded: blocked requests, missing glyphs, Type 3 fonts, preflight warnings. */
  warnings: Warning[];
  /** The preflight's checklist, one line per rule. */
  checklist: string[];
  /** Milliseconds the one-colour conversion took, and images it converted, when it ran. */
  gray?: { ms: number; images: number };
  /** What the ぶら下げ pass did, summed over the parts; absent when `print.hanging` is off. */
  hanging?: HangingReport;
  /** The 口絵 as a colour PDF of their own, when the book has `frontispiece`. */
  plates?: { bytes: Uint8Array; pages: number };
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
  progress?: StageProgress;
  /** Milliseconds one rendering may take. */
  timeout?: number;
  /** A browser already starting (the caller closes it); otherwise one is started and closed here. */
  session?: BrowserSession;
  /**
   * Called with the warnings known before anything is laid out (a character no font has): it may
   * throw to stop the build there (`--strict` with warnings already known).
   */
  beforeLayout?: (warnings: readonly Warning[]) => void;
}

/** What the whole build reads: the book, its geometry, fonts and press, and the characters no font has. */
interface Setup {
  book: Book;
  geometry: PageGeometry;
  fonts: ResolvedFonts;
  press: PressOptions;
  missingGlyphs: MissingGlyph[];
  /** Full-page pictures with too few pixels for the destination, worded. */
  pictureWarnings: Warning[];
  options: PdfBuildOptions;
}

/**
 * Build the print PDF of a book, in memory, with its warnings and checklist. A preflight that
 * fails throws its BuildError: nothing is to be written.
 */
export async function buildPdf(book: Book, options: PdfBuildOptions = {}): Promise<PdfResult> {
  const setup = prepare(book, options);
  options.beforeLayout?.([...missingGlyphWarnings(setup.missingGlyphs), ...setup.pictureWarnings]);
  const session = options.session ?? (await startBrowserSession());
  const rendering = await BookRendering.start(session, {
    signal: options.signal,
    progress: options.progress,
    timeout: options.timeout ?? 600_000,
    roots: [book.manuscript.root, ...ASSET_ROOTS, ...setup.fonts.roots],
    hanging: book.config.print.hanging,
  });
  try {
    const composed = await composeBook(setup, rendering, await renderBook(setup, rendering));
    const plates = await renderPlates(setup, rendering);
    return { ...(await finish(setup, rendering, composed)), ...(plates ? { plates } : {}) };
  } finally {
    await rendering.close();
    if (!options.session) await session.close();
  }
}

/** Geometry, fonts and press, checked before anything is laid out; every character no font has (printed as 〓). */
function prepare(book: Book, options: PdfBuildOptions): Setup {
  const { config, manuscript } = book;
  // KDP's margins shape the 版面's place before anything is laid out (press/kdp-margins.ts).
  const geometry = kdpGeometry(
    resolveGeometry(config, options.profile ?? config.print.profile, manuscript.locate),
    config.print,
    manuscript.locate,
  );
  const fonts = resolveFonts(book);
  const missingGlyphs = findMissingGlyphs(book, fonts.stacks);
  const press = resolvePress(config.print, geometry.profile, manuscript.locate);
  checkKdpType(geometry, manuscript.locate);
  return { book, geometry, fonts, press, missingGlyphs, pictureWarnings: pictureWarnings(book, geometry), options };
}

/** Full-page pictures too small for print; none for the screen, which prints no picture larger than its file. */
function pictureWarnings(book: Book, geometry: PageGeometry): Warning[] {
  const warnings: Warning[] = [];
  if (geometry.profile === 'kdp' && book.assets.frontispiece.length > 0)
    warnings.push({
      message:
        'KDP prints an interior all in colour or all in black and white, from one file: the 口絵 (frontispiece) are written as a PDF of their own, which KDP does not take',
      hint: 'for KDP, put the plates at the start of the first chapter as :::bleed pictures and choose a colour interior (print.color: color), or leave them out',
      ...book.manuscript.locate(['frontispiece']),
      ruleId: 'pdf-frontispiece-kdp',
    });
  if (geometry.profile === 'screen') return warnings;
  const ppi = geometry.profile === 'kdp' ? MIN_PPI.kdp : MIN_PPI.shopGray;
  return warnings.concat(smallPictureWarnings(smallPictures(book.chapters, geometry, book.assets.images, ppi), ppi));
}

/** The book's parts, written and rendered side by side. */
async function renderBook(
  setup: Setup,
  rendering: BookRendering,
): Promise<{ written: WrittenParts; rendered: Uint8Array[] }> {
  const { book, options } = setup;
  const input = { book, geometry: setup.geometry, fonts: setup.fonts.fonts };
  const written = await writeParts(input, rendering.workDir);
  const count = written.parts.length;
  options.progress?.(
    `laying out ${book.chapters.length} chapter(s) in Chromium${count > 1 ? `, ${count} parts side by side` : ''}`,
  );
  const rendered = await Promise.all(written.paths.map((path) => rendering.render(path, 'part')));
  const hanging = rendering.hanging();
  if (hanging)
    options.progress?.(
      `ぶら下げ: ${hanging.hung} of ${hanging.pushed} pushed line(s) now end with a hanging mark (${hanging.rounds} round(s), ${hanging.ms} ms)`,
    );
  return { written, rendered };
}

/**
 * The 目次 is laid out with its page numbers hidden, and printed again with the real ones. When
 * the real numbers make it longer or shorter (a 目次 of a thousand entries with four-digit
 * numbers), every page after it moves: the first part is laid out again with the real numbers,
 * and the pages planned anew, until the 目次 stays the same length.
 */
async function composeBook(
  setup: Setup,
  rendering: BookRendering,
  book: { written: WrittenParts; rendered: Uint8Array[] },
): Promise<ComposedPdf> {
  const { written, rendered } = book;
  const { progress } = setup.options;
  const input = { book: setup.book, geometry: setup.geometry, fonts: setup.fonts.fonts };
  for (let pass = 1; ; pass++) {
    const mainDocument = await mergeParts(rendered.map((bytes, index) => ({ bytes, ids: written.parts[index]!.ids })));
    removeProbeLinks(mainDocument, (name) => name.startsWith(ANCHOR_PREFIX) || name.startsWith(RECTO_BREAK_PREFIX));
    const facts = inspectLayout(mainDocument);
    progress?.(`laid out ${facts.pageCount} pages`);
    setup.options.signal?.throwIfAborted();
    const plan = planBook(setup, facts);
    const frontPath = await writeFrontMatter(input, rendering.workDir, plan.pageNumbers);
    progress?.(`adding folios and running heads: ${pagesAddUp(facts.pageCount, plan, setup.press.padTo)}`);
    // The front matter renders while the other pages are finished.
    const frontPdf = rendering.render(frontPath, 'front');
    frontPdf.catch(() => undefined);
    const bleedPictures = await renderBleedPictures(setup, rendering, plan);
    try {
      return await composePdf(mainDocument, frontPdf, { ...composeOptions(setup, plan), bleedPictures });
    } catch (error) {
      if (!(error instanceof BuildError) || error.ruleId !== 'pdf-front-matter' || pass >= 3) throw error;
      progress?.('the 目次 changed length with its page numbers: laying out its part again');
      await rewriteFirstPart(input, written, plan.pageNumbers);
      rendered[0] = await rendering.render(written.paths[0]!, 'part');
    }
  }
}

/**
 * The book's page count as the sum it is, so that it agrees with the count laid out before it:
 * `14 pages = 11 laid out + 2 blank before a recto + 1 blank to a multiple of 2`.
 */
function pagesAddUp(laidOut: number, plan: PagePlan, padTo: number): string {
  const { recto, padding } = plan.added;
  const parts = [`${laidOut} laid out`];
  if (recto > 0) parts.push(`${recto} blank before a recto`);
  if (padding > 0) parts.push(`${padding} blank to a multiple of ${padTo}`);
  return `${plan.sequence.length} pages${parts.length > 1 ? ` = ${parts.join(' + ')}` : ''}`;
}

/** The pictures to the paper's edges, rendered while the other pages are finished; none when the book has none. */
async function renderBleedPictures(
  setup: Setup,
  rendering: BookRendering,
  plan: PagePlan,
): Promise<{ bytes: Promise<Uint8Array>; pages: Map<number, number> } | undefined> {
  if (plan.bleedPages.size === 0) return undefined;
  const input = { book: setup.book, geometry: setup.geometry, fonts: setup.fonts.fonts };
  const path = await writePicturePages(input, rendering.workDir);
  if (!path) return undefined;
  const bytes = rendering.render(path, 'front');
  bytes.catch(() => undefined);
  return { bytes, pages: plan.bleedPages };
}

/** The 口絵 as a colour PDF of their own; none when the book has no `frontispiece`. */
async function renderPlates(setup: Setup, rendering: BookRendering): Promise<PdfResult['plates']> {
  const input = { book: setup.book, geometry: setup.geometry, fonts: setup.fonts.fonts };
  const path = await writePlatePages(input, rendering.workDir);
  if (!path) return undefined;
  setup.options.progress?.(`口絵: ${setup.book.assets.frontispiece.length} colour plate(s) as a PDF of their own`);
  const rendered = await rendering.render(path, 'front');
  const bytes = await pressPlates(rendered, setup.geometry, setup.press, setup.book.config.title);
  return { bytes, pages: setup.book.assets.frontispiece.length };
}

/** The final pages from where Chromium put things; KDP's rules on the page count. */
function planBook(setup: Setup, facts: LayoutFacts): PagePlan {
  const { config, manuscript } = setup.book;
  const { padTo } = setup.press;
  const plan = planPages(
    {
      chapterIds: setup.book.chapters.map((chapter) => chapter.id),
      toc: tocEntries(setup.book.chapters, config.tocDepth),
      title: config.title,
      print: { ...config.print, padTo: padTo > 1 ? (padTo as 2 | 4 | 8 | 16) : undefined },
    },
    facts,
  );
  checkKdpPageCount(setup.geometry, plan.sequence.length, manuscript.locate);
  return plan;
}

function composeOptions(setup: Setup, plan: PagePlan): Parameters<typeof composePdf>[2] {
  const { config, manuscript } = setup.book;
  return {
    // KDP's gutter for the final page count: each page's text moves by it, its pagination stays.
    geometry: kdpFinalGeometry(setup.geometry, config.print, plan.sequence.length, manuscript.locate),
    sequence: plan.sequence,
    frontPages: plan.frontPages,
    marks: config.writingMode === 'vertical' ? plan.marks.map((mark) => uprightMarks(mark, config)) : plan.marks,
    markFonts: setup.fonts.stacks.body,
    outline: plan.outline,
    press: setup.press,
    hanging: config.print.hanging,
    metadata: {
      title: config.title,
      authors: authorsOf(config),
      subject: config.description,
      keywords: config.subject === undefined ? [] : [config.subject].flat(),
      lang: config.lang,
      created: buildTimestamp(config),
    },
  };
}

/** The preflight of the finished file, and the build's result; a failed preflight throws. */
async function finish(setup: Setup, rendering: BookRendering, composed: ComposedPdf): Promise<PdfResult> {
  const { press, options } = setup;
  options.signal?.throwIfAborted();
  options.progress?.('preflight: checking the finished PDF');
  const preflight = await preflightPdf(composed.bytes, {
    profile: press.profile,
    color: press.color,
    pdfx: press.pdfx,
    padTo: press.padTo > 1 ? press.padTo : undefined,
    // An interior, whatever its shape (a one-page book on KDP's 8.25 × 6 in trim is wider than tall).
    cover: false,
  });
  const warnings = setup.pictureWarnings.concat(
    pdfWarnings({
      metadataFile: setup.book.manuscript.metadataFile,
      blocked: [...rendering.blocked],
      missingGlyphs: setup.missingGlyphs,
      missingInMarks: composed.missingGlyphs,
      type3Fonts: composed.type3Fonts,
      preflight,
      bodyPt: setup.geometry.fontSize,
    }),
  );
  if (preflight.failed) throw preflightError(preflight);
  return {
    bytes: composed.bytes,
    pages: composed.pages,
    geometry: setup.geometry,
    press,
    warnings,
    checklist: formatChecklist(preflight),
    gray: composed.gray && { ms: composed.gray.ms, images: composed.gray.images },
    hanging: rendering.hanging(),
  };
}

/** A running head of a vertical book with the full-width `！` `？` its text sets upright (縦中横). */
function uprightMarks(mark: PageMark, config: Book['config']): PageMark {
  return mark.runningHead ? { ...mark, runningHead: fullWidthPunctuation(mark.runningHead, config.markdown) } : mark;
}
