/**
 * ぶら下げ組み (hanging punctuation) on Chromium's print path, which does not lay out
 * `hanging-punctuation`. When 、。，． would fall one character past the end of a line, Chromium
 * pushes the character before it to the next line too (追い出し) and stretches the line. This pass
 * runs in the page the PDF is printed from, after it has loaded and before it is printed: it finds
 * those lines, lets the mark hang past the line end (a mark that hangs takes no advance), lets
 * Chromium lay the paragraph out again, and keeps the change only if the mark now ends the line it
 * was pushed from and the paragraph grew no longer. One layout serves every paragraph at a time:
 * each round changes the first such line of every paragraph that still has one.
 *
 * The code that measures (hanging-page.ts) runs in an isolated world of the page (the book's
 * document cannot see or change it), through the DevTools protocol, so the page itself still runs
 * no JavaScript.
 */
import type { Page } from 'puppeteer';
import type { HangingReport } from './hanging-page.ts';
import { PAGE_GLOBAL, pageScript } from './page-script.ts';

const SOURCE = new URL('./hanging-page.ts', import.meta.url);
// The commands run compiled code, and the launcher compiles the page's script with them.
const COMPILED = process.env.TATEGAKI_HANGING_PAGE;

/** Let 、。，． hang in every paragraph of the page's chapters; returns what was done. */
export async function hangPunctuation(page: Page): Promise<HangingReport> {
  const started = performance.now();
  const script = pageScript(SOURCE, COMPILED);
  const cdp = await page.createCDPSession();
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'tategaki-hanging',
    });
    const run = async (expression: string) => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression,
        contextId: executionContextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails)
        throw new Error(
          `the ぶら下げ pass failed in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
        );
      return result.value as unknown;
    };
    await run(await script);
    // While measuring, lines are not justified, so that a line's free space can be seen. The
    // style goes in before the book is laid out for print, so that it is laid out once for both.
    await run(`${PAGE_GLOBAL}.startMeasuring()`);
    // `print` media: the layout measured must be the one printed (the print stylesheet lets
    // Chromium skip off-screen chapters on screen).
    await page.emulateMediaType('print');
    const report = (await run(`${PAGE_GLOBAL}.hangInPage()`)) as HangingReport;
    return { ...report, ms: Math.round(performance.now() - started) };
  } finally {
    // The page stays in `print` media: it is printed next, and laying it out for the screen again
    // would only cost time.
    await cdp.detach().catch(() => undefined);
  }
}
