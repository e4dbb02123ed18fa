/**
 * The run's one browser for a whole test file: connected before the file's first test (and before
 * any beforeAll registered after this call, so builds in a beforeAll can use it), disconnected after
 * its last. Every PDF build of the file runs in-process (runInProcess) on that browser instead of
 * starting Node, compiling the pipeline and launching Chromium for each build. The browser is the
 * integration project's (tests/helpers/global-browser.ts); a file run without that setup starts its
 * own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, inject } from 'vitest';
import { startBrowserSession, type BrowserSession } from '../../scripts/pdf/render/browser.ts';
import type { CommandResult } from './cli.ts';
import { runInProcess, type InProcessCommand } from './in-process.ts';

/** The file's browser, and a runner that uses it. */
export interface SharedBrowser {
  /** Run a command in-process; `build-pdf` and `build-cover` print with the shared browser. */
  run(command: InProcessCommand, argv: readonly string[], env?: Record<string, string>): Promise<CommandResult>;
  /** The shared browser itself, for tests that open pages in it (a fresh page, closed by the test). */
  browser(): Promise<Browser>;
}

/** A session on the run's browser: the file's own work folder, and a close that only disconnects. */
async function connectSession(endpoint: string): Promise<BrowserSession> {
  const workDir = await mkdtemp(join(tmpdir(), 'tategaki-pdf-'));
  // The product's launcher gives a long book this long to answer (scripts/pdf/browser.ts).
  const browser = await puppeteer.connect({ browserWSEndpoint: endpoint, protocolTimeout: 900_000 });
  return {
    workDir,
    browser: Promise.resolve(browser),
    close: async () => {
      await browser.disconnect();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * Register the hooks that connect to the run's browser and disconnect from it; call at the top
 * level of a test file, before any beforeAll that builds.
 */
export function shareBrowser(): SharedBrowser {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    const endpoint = inject('browserEndpoint');
    session = endpoint ? await connectSession(endpoint) : await startBrowserSession();
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
