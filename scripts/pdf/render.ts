/**
 * Printing an HTML file to PDF with Chromium's own layout, sealed: page JavaScript is off (the
 * templates need none), every request for anything but a file under the allowed folders is
 * blocked and reported, a time limit applies, and a crashed page is an error, not a hang.
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative, isAbsolute } from 'node:path';
import { BuildError } from '../errors.ts';

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
}

/** Lay out `htmlPath` and print it, honouring its CSS `@page` size. */
export async function renderPdf(browser: Browser, htmlPath: string, options: RenderOptions): Promise<Uint8Array> {
  options.signal?.throwIfAborted();
  const page = await browser.newPage();
  let crashed: Error | undefined;
  const failure = new Promise<never>((_, reject) => {
    page.once('error', (error) => reject((crashed = error)));
    browser.once('disconnected', () => reject((crashed = new Error('the browser closed unexpectedly'))));
    if (options.signal?.aborted) reject(options.signal.reason);
    options.signal?.addEventListener('abort', () => reject(options.signal!.reason), { once: true });
  });
  failure.catch(() => undefined);
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (isAllowed(request.url(), options.allowedRoots)) void request.continue();
      else {
        options.onBlocked?.(request.url());
        void request.abort('blockedbyclient');
      }
    });
    const work = (async () => {
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: options.timeout });
      await options.beforePrint?.(page);
      // Untagged: a structure tree would double the file and the post-processing time, and would
      // point at the front pages the overlay replaces. The accessible edition is the EPUB.
      return page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        timeout: options.timeout,
        waitForFonts: true,
        tagged: false,
      });
    })();
    return await Promise.race([work, failure]);
  } catch (cause) {
    options.signal?.throwIfAborted();
    const message = (cause instanceof Error ? cause.message.split('\n')[0] : String(cause)) ?? '';
    const timedOut = /timeout|timed out/i.test(message);
    throw new BuildError(
      crashed
        ? `Chromium crashed while laying out the book: ${message}`
        : timedOut
          ? `Chromium did not finish laying out the book within ${options.timeout / 1000} s`
          : `Chromium could not print the book: ${message}`,
      {
        hint: timedOut
          ? 'a very long book may need more time: pass --timeout SECONDS'
          : crashed
            ? 'run again; if it keeps crashing, check free memory'
            : undefined,
        ruleId: 'pdf-render',
        cause,
      },
    );
  } finally {
    await page.close().catch(() => undefined);
  }
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
