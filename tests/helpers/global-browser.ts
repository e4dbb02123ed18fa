/**
 * The integration project's global setup: one Chromium for the whole run, started here, in the
 * main process, with the product's own launcher (so with its sealed font environment), and closed
 * after the last test file. Test files connect to it (tests/helpers/browser-session.ts) instead of
 * each starting their own: a Chromium start costs about 1.5 s of CPU on the test machine (browser,
 * zygote, GPU and utility processes), and the suite's in-process builds used to start some thirty.
 * Files that test the browser's own life (a crash, a stuck page, a font environment) still start
 * their own.
 */
import type { TestProject } from 'vitest/node';
import { startBrowserSession } from '../../scripts/pdf/render/browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared browser's DevTools endpoint. */
    browserEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const session = await startBrowserSession();
  const browser = await session.browser;
  project.provide('browserEndpoint', browser.wsEndpoint());
  return () => session.close();
}
