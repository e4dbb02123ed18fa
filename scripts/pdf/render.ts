/** Printing an HTML file to PDF with Chromium's own layout. */
import type { Browser } from 'puppeteer';
import { pathToFileURL } from 'node:url';
import { BuildError } from '../errors.ts';

/** Options for one rendering. */
export interface RenderOptions {
  signal?: AbortSignal;
  /** Give up after this many milliseconds. */
  timeout: number;
}

/** Lay out `htmlPath` and print it, honouring its CSS `@page` size. */
export async function renderPdf(browser: Browser, htmlPath: string, options: RenderOptions): Promise<Uint8Array> {
  const page = await browser.newPage();
  const abort = () => void page.close().catch(() => undefined);
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: options.timeout });
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: options.timeout, waitForFonts: true });
  } catch (cause) {
    options.signal?.throwIfAborted();
    const message = (cause instanceof Error ? cause.message.split('\n')[0] : String(cause)) ?? '';
    throw new BuildError(`Chromium could not print the book: ${message}`, {
      hint: /timeout|timed out/i.test(message) ? 'the layout took too long; a very long book may need a bigger --timeout' : undefined,
      ruleId: 'pdf-render',
      cause,
    });
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await page.close().catch(() => undefined);
  }
}
