/**
 * Opening an EPUB in the reading engines many web and desktop readers are built on — epub.js and
 * foliate-js — inside headless Chromium, offline: every request goes to a made-up origin that
 * answers from the engines' npm packages, the bundled fonts and the book's bytes.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { fontPackageDir } from '../../scripts/fonts/fontsource.ts';
import { projectRoot } from './cli.ts';

/** The made-up origin the reader pages are served from. */
export const ORIGIN = 'https://reader.test';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.epub': 'application/epub+zip',
};

/** Folders served under the origin; everything else is refused. */
const ROUTES: Record<string, string> = {
  '/epubjs/': join(projectRoot, 'node_modules/epubjs/dist/'),
  '/jszip/': join(projectRoot, 'node_modules/jszip/dist/'),
  '/foliate/': join(projectRoot, 'node_modules/foliate-js/'),
  '/fonts/serif/': `${fontPackageDir('serif')}/`,
  '/fonts/sans/': `${fontPackageDir('sans')}/`,
};

/**
 * A page with the bundled Noto fonts, where content documents get them too: the book names
 * families a reader may not have, so the engines' own style hooks put ours first.
 */
const FONT_CSS = [
  ...['serif', 'sans'].flatMap((kind) =>
    [400, 700].map((weight) => `@import url("${ORIGIN}/fonts/${kind}/${weight}.css");`),
  ),
  'html { font-family: "Noto Serif JP", serif !important; }',
  'h1, h2, h3, h4, h5, h6, strong { font-family: "Noto Sans JP", sans-serif !important; }',
].join('\n');

/**
 * Open a page that answers every request from `pages` (path → HTML), the routes and `/book.epub`.
 * The page gets a browser context, and so a window, of its own: a tab opened later in the same
 * window (another test file's build on the run's shared browser) would hide it, and a hidden page
 * gets no animation frames, which both engines wait for (measured: 0 frames a second once hidden).
 * Closing the page closes its context.
 */
export async function openReaderPage(browser: Browser, epub: Uint8Array, pages: Record<string, string>): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.once('close', () => void context.close().catch(() => undefined));
  await page.setViewport({ width: 600, height: 800 });
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => void answer(request, epub, pages));
  return page;
}

async function answer(request: HTTPRequest, epub: Uint8Array, pages: Record<string, string>): Promise<void> {
  const url = request.url();
  if (url.startsWith('blob:') || url.startsWith('data:')) return request.continue();
  if (!url.startsWith(`${ORIGIN}/`)) return request.abort('blockedbyclient');
  const path = decodeURIComponent(new URL(url).pathname);
  const headers = { 'Access-Control-Allow-Origin': '*' };
  if (path === '/book.epub')
    return request.respond({ status: 200, contentType: TYPES['.epub'], headers, body: Buffer.from(epub) });
  if (path === '/reader-fonts.css')
    return request.respond({ status: 200, contentType: 'text/css', headers, body: FONT_CSS });
  if (pages[path] !== undefined)
    return request.respond({ status: 200, contentType: 'text/html', headers, body: pages[path] });
  const route = Object.keys(ROUTES).find((prefix) => path.startsWith(prefix));
  if (route) {
    const file = normalize(join(ROUTES[route]!, path.slice(route.length)));
    if (file.startsWith(ROUTES[route]!)) {
      const body = await readFile(file).catch(() => undefined);
      if (body)
        return request.respond({
          status: 200,
          contentType: TYPES[extname(file)] ?? 'application/octet-stream',
          headers,
          body,
        });
    }
  }
  return request.respond({ status: 404, headers, body: 'not found' });
}
