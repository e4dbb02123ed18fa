/**
 * The floor for the PDF path: Chromium printing an HTML file with a bare `page.pdf()`, nothing
 * before or after. `preferCSSPageSize` is the one option set, so that the page size is the
 * book's; `--untagged` also turns off the structure tree, as our build does. The browser sees the
 * same fonts as the build's (none of the machine's), so both lay out the same text.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { BROWSER_ARGS, findBrowser, hermeticFontEnvironment } from '../pdf/render/browser.ts';

const [html, out, flag] = process.argv.slice(2);
if (!html || !out) throw new Error('usage: floor.ts BOOK.html OUT.pdf [--untagged]');
const fonts = await mkdtemp(join(tmpdir(), 'tategaki-floor-'));
const browser = await puppeteer.launch({
  executablePath: findBrowser(),
  headless: true,
  args: BROWSER_ARGS,
  env: await hermeticFontEnvironment(fonts),
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
  await rm(fonts, { recursive: true, force: true });
}
