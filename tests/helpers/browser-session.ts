/**
 * One browser for a whole test file: started before the file's first test (and before any
 * beforeAll registered after this call, so builds in a beforeAll can use it), closed after its
 * last. Every PDF build of the file runs in-process (runInProcess) on that browser instead of
 * starting Node, compiling the pipeline and launching Chromium for each build.
 */
import type { Browser } from 'puppeteer';
import { afterAll, beforeAll } from 'vitest';
import { startBrowserSession, type BrowserSession } from '../../scripts/pdf/browser.ts';
import type { CommandResult } from './cli.ts';
import { runInProcess, type InProcessCommand } from './in-process.ts';

/** The file's browser, and a runner that uses it. */
export interface SharedBrowser {
  /** Run a command in-process; `build-pdf` prints with the shared browser. */
  run(command: InProcessCommand, argv: readonly string[], env?: Record<string, string>): Promise<CommandResult>;
  /** The shared browser itself, for tests that open pages in it (a fresh page, closed by the test). */
  browser(): Promise<Browser>;
}

/**
 * Register the hooks that start and close the file's browser; call at the top level of a test
 * file, before any beforeAll that builds.
 */
export function shareBrowser(): SharedBrowser {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await startBrowserSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  const started = (): BrowserSession => {
    if (!session) throw new Error('shareBrowser: the browser has not been started (call it at the top level)');
    return session;
  };
  return {
    run: (command, argv, env) => runInProcess(command, argv, { env, session: started() }),
    browser: () => started().browser,
  };
}
