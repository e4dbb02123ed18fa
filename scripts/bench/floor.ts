/**
 * The floor for the PDF path: Chromium printing an HTML file with a bare `page.pdf()`, nothing
 * before or after. `preferCSSPageSize` is the one option set, so that the page size is the
 * book's; `--untagged` also turns off the structure tree, as our build does.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { BROWSER_ARGS, findBrowser } from '../pdf/browser.ts';

const [html, out, flag] = process.argv.slice(2);
if (!html || !out) throw new Error('usage: floor.ts BOOK.html OUT.pdf [--untagged]');
const browser = await puppeteer.launch({
  executablePath: findBrowser(),
  headless: true,
  args: BROWSER_ARGS,
  protocolTimeout: 900_000,
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 0 });
  const pdf = await page.pdf({
    preferCSSPageSize: true,
    timeout: 0,
    ...(flag === '--untagged' ? { tagged: false } : {}),
  });
  await writeFile(out, pdf);
} finally {
  await browser.close();
}
