/**
 * Printing an HTML file to PDF with Chromium's own layout, sealed: page JavaScript is off (the
 * templates need none), every request for anything but a file under the allowed folders is
 * blocked and reported, a time limit applies, and a crashed page is an error, not a hang.
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative, isAbsolute } from 'node:path';
import { BuildError } from '../../errors.ts';

/** Options for one rendering. */
export interface RenderOptions {
  signal?: AbortSignal;
  /** Give up after this many milliseconds. */
  timeout: number;
  /** Folders whose files the page may load (the build's work folder, the manuscript, fonts, templates). */
  allowedRoots: readonly string[];
  /** Called with each URL that was blocked. */
  onBlocked?: (url: string) => void;
  /** Work on the loaded page before it is printed (the ぶら下げ pass); page JavaScript stays off. */
  beforePrint?: (page: Page) => Promise<void>;
  /**
   * Where a page that printed cleanly waits for the build's next document instead of closing: a page
   * used again keeps its renderer process and the fonts it decoded, which saves about a third of a
   * small document's CPU time (measured on the sample's front matter and chapters).
   */
  pages?: PagePool;
}

/**
 * Pages of one build between two renderings. Only a page that printed cleanly comes back: one that
 * timed out, crashed or was cancelled is closed, never used again. The build closes the pool at its end.
 */
export class PagePool {
  private readonly idle: Page[] = [];

  /** A page ready for another document, if one is waiting. */
  take(): Page | undefined {
    return this.idle.pop();
  }

  give(page: Page): void {
    this.idle.push(page);
  }

  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((page) => page.close().catch(() => undefined)));
  }
}

/** What the rendering that has a page now allows and reports; its handlers are set once per page. */
interface PageUse {
  allowedRoots: readonly string[];
  onBlocked?: (url: string) => void;
  onError(error: Error): void;
}
const uses = new WeakMap<Page, PageUse>();

/** A new page, sealed: no JavaScript, every request checked against the folders of its current use. */
async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  page.on('error', (error) => uses.get(page)?.onError(error));
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const use = uses.get(page);
    if (use && isAllowed(request.url(), use.allowedRoots)) void request.continue().catch(() => undefined);
    else {
      use?.onBlocked?.(request.url());
      void request.abort('blockedbyclient').catch(() => undefined);
    }
  });
  return page;
}

/** How long a page that is being given up on may take to close before the build moves on. */
const CLOSE_GRACE = 5_000;

/**
 * Lay out `htmlPath` and print it, honouring its CSS `@page` size. The time limit is our own
 * timer over every step (opening the page, loading, fonts, layout, printing): puppeteer's own
 * timeouts cover only some of them, and a page busy laying out a long book answers nothing.
 */
export async function renderPdf(browser: Browser, htmlPath: string, options: RenderOptions): Promise<Uint8Array> {
  options.signal?.throwIfAborted();
  let page: Page | undefined;
  let crashed: Error | undefined;
  let timedOut = false;
  let printed = false;
  let fail: (reason: unknown) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (fail = reject));
  failure.catch(() => undefined);
  const timer = setTimeout(() => {
    timedOut = true;
    fail(new Error(`timed out after ${options.timeout} ms`));
  }, options.timeout);
  const onDisconnected = () => fail((crashed = new Error('the browser closed unexpectedly')));
  const onAbort = () => fail(options.signal!.reason);
  browser.once('disconnected', onDisconnected);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const work = (async () => {
    page = options.pages?.take() ?? (await openPage(browser));
    uses.set(page, {
      allowedRoots: options.allowedRoots,
      onBlocked: options.onBlocked,
      onError: (error) => fail((crashed = error)),
    });
    // The timer above is the limit; puppeteer's own would only race it.
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 0 });
    await options.beforePrint?.(page);
    // Untagged: a structure tree would double the file and the post-processing time, and would
    // point at the front pages the overlay replaces. The accessible edition is the EPUB.
    const bytes = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      timeout: 0,
      waitForFonts: true,
      tagged: false,
    });
    printed = true;
    return bytes;
  })();
  work.catch(() => undefined);
  try {
    return await Promise.race([work, failure]);
  } catch (cause) {
    options.signal?.throwIfAborted();
    const died = crashed !== undefined || !browser.connected;
    const reason = crashed ?? cause;
    const message = (reason instanceof Error ? reason.message.split('\n')[0] : String(reason)) ?? '';
    throw new BuildError(
      timedOut
        ? `Chromium did not finish laying out the book within ${options.timeout / 1000} s`
        : died
          ? `Chromium crashed while laying out the book: ${message}`
          : `Chromium could not print the book: ${message}`,
      {
        hint: timedOut
          ? 'a very long book may need more time: pass --timeout SECONDS'
          : died
            ? 'run again; if it keeps crashing, check free memory'
            : undefined,
        ruleId: 'pdf-render',
        cause,
      },
    );
  } finally {
    clearTimeout(timer);
    browser.off('disconnected', onDisconnected);
    options.signal?.removeEventListener('abort', onAbort);
    // A page that finished (or failed by itself) closes at once. One given up on may never
    // answer: it is asked to close without waiting, and the browser goes with the session (see
    // closeBrowser).
    if (page) uses.delete(page);
    if (timedOut || crashed || options.signal?.aborted) void page?.close().catch(() => undefined);
    else if (page && printed && options.pages) options.pages.give(page);
    else await Promise.race([page?.close().catch(() => undefined), delay(CLOSE_GRACE)]);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Whether a URL is a file under one of the allowed folders. */
function isAllowed(url: string, roots: readonly string[]): boolean {
  if (!url.startsWith('file:')) return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  return roots.some((root) => {
    const rel = relative(root, path);
    return !rel.startsWith('..') && !isAbsolute(rel);
  });
}
