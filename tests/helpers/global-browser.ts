/**
 * The integration project's global setup: one Chromium per test worker for the whole run, started
 * here, in the main process, with the product's own launcher (so with its sealed font environment),
 * and closed after the last test file. Test files connect to their worker's
 * (tests/helpers/browser-session.ts) instead of each starting their own: a Chromium start and its
 * first page cost about 5 s of CPU on the test machine, and the suite's in-process builds used to
 * start some thirty. One per worker, not one for all: a browser has one process that answers every
 * page's DevTools calls and one GPU process that composites every page, which three workers' long
 * books would queue behind. Files that test the browser's own life (a crash, a stuck page, a font
 * environment) still start their own.
 */
import type { TestProject } from 'vitest/node';
import { startBrowserSession } from '../../scripts/pdf/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The DevTools endpoints of the shared browsers, one per worker (VITEST_POOL_ID 1, 2, …). */
    browserEndpoints: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const sessions = await Promise.all(Array.from({ length: workers }, () => startBrowserSession()));
  const browsers = await Promise.all(sessions.map((session) => session.browser));
  project.provide(
    'browserEndpoints',
    browsers.map((browser) => browser.wsEndpoint()),
  );
  return async () => {
    await Promise.all(sessions.map((session) => session.close()));
  };
}
