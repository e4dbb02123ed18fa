/**
 * The renderings of one build in a browser session: a work folder of the build's own in the
 * session's (so that books built side by side with one browser never share files), one pool of
 * pages, the requests the sealed pages were refused, and what the ぶら下げ pass did in each part.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import type { StageProgress } from '../../progress.ts';
import type { BrowserSession } from './browser.ts';
import { hangPunctuation } from './hanging.ts';
import type { HangingReport } from './hanging-page.ts';
import { PagePool, renderPdf } from './print.ts';

/** What the renderings need besides the session. */
export interface RenderingOptions {
  signal?: AbortSignal;
  progress?: StageProgress;
  /** Milliseconds one rendering may take. */
  timeout: number;
  /** Folders the pages may load from besides the work folder: the manuscript's, the fonts', the templates'. */
  roots: readonly string[];
  /** Whether the ぶら下げ pass runs on the book's parts. */
  hanging: boolean;
}

/** One build's renderings; `close` it at the end. */
export class BookRendering {
  /** URLs the pages asked for and did not get: builds load nothing from outside. */
  readonly blocked = new Set<string>();
  private readonly hangingReports: HangingReport[] = [];
  // The front matter (and a part laid out again) prints on a page the chapters left.
  private readonly pages = new PagePool();

  private constructor(
    private readonly session: BrowserSession,
    readonly workDir: string,
    private readonly options: RenderingOptions,
  ) {}

  /** Start the renderings of a build in `session`. */
  static async start(session: BrowserSession, options: RenderingOptions): Promise<BookRendering> {
    return new BookRendering(session, await mkdtemp(join(session.workDir, 'build-')), options);
  }

  /** Print an HTML file of the work folder: a part of the book (with the ぶら下げ pass, when on) or the front matter. */
  async render(path: string, kind: 'part' | 'front'): Promise<Uint8Array> {
    const hang =
      kind === 'part' && this.options.hanging
        ? async (page: Page) => void this.hangingReports.push(await hangPunctuation(page))
        : undefined;
    const bytes = await renderPdf(await this.session.browser, path, {
      signal: this.options.signal,
      timeout: this.options.timeout,
      allowedRoots: [this.workDir, ...this.options.roots],
      onBlocked: (url) => this.blocked.add(url),
      beforePrint: hang,
      pages: this.pages,
    });
    // TATEGAKI_KEEP_WORK=1 keeps the intermediate HTML and PDFs for debugging the layout.
    if (process.env.TATEGAKI_KEEP_WORK) await writeFile(path.replace(/\.html$/, '.pdf'), bytes);
    return bytes;
  }

  /** What the ぶら下げ pass did, summed over the parts; undefined when it is off. */
  hanging(): HangingReport | undefined {
    return this.options.hanging ? sumReports(this.hangingReports) : undefined;
  }

  /** Close the pages and remove the work folder (kept, and said, with TATEGAKI_KEEP_WORK). */
  async close(): Promise<void> {
    await this.pages.close();
    if (process.env.TATEGAKI_KEEP_WORK) this.options.progress?.(`intermediate files kept in ${this.workDir}`);
    else await rm(this.workDir, { recursive: true, force: true });
  }
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
