/**
 * Finding and starting the browser that lays out the print book. Order: an explicit path,
 * PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, a system Chromium or Chrome, then a browser installed
 * into puppeteer's cache. Nothing is ever downloaded here.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { BuildError } from '../errors.ts';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags that keep a headless Chromium quiet and offline. */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--font-render-hinting=none',
];

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browser executable to use; throws a BuildError that says how to get one. */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  for (const candidate of [explicit, env.PUPPETEER_EXECUTABLE_PATH, env.CHROME_PATH]) {
    if (!candidate) continue;
    if (executable(candidate)) return candidate;
    throw new BuildError(`browser not found at ${candidate}`, {
      hint: 'fix PUPPETEER_EXECUTABLE_PATH / CHROME_PATH, or unset it to use a system Chromium',
      ruleId: 'browser-missing',
    });
  }
  const system = SYSTEM_BROWSERS.find(executable);
  if (system) return system;
  let cached: string | undefined;
  try {
    cached = puppeteer.executablePath();
  } catch {
    cached = undefined;
  }
  if (cached && existsSync(cached) && executable(cached)) return cached;
  throw new BuildError('no Chromium or Chrome found to lay out the PDF', {
    hint:
      'install one: `sudo apt-get install chromium` (Debian/Ubuntu), or `npx puppeteer browsers install chrome`, ' +
      'or point PUPPETEER_EXECUTABLE_PATH at an installed Chrome',
    ruleId: 'browser-missing',
  });
}

/** Start a headless browser with its profile in `userDataDir` (removed with the build's work folder). */
export async function launchBrowser(path: string, userDataDir: string): Promise<Browser> {
  try {
    return await puppeteer.launch({
      executablePath: path,
      headless: true,
      args: BROWSER_ARGS,
      userDataDir,
      protocolTimeout: 900_000,
      // The browser starts while Node parses the manuscript, which can hold the event loop for
      // longer than puppeteer's 30 s default on a long one-file book on a busy machine; the
      // browser's answer would then be read only after the timer had already given up.
      timeout: 300_000,
      // The CLI handles signals itself and closes the browser gracefully; puppeteer's own handlers
      // would kill it outright and leave its socket folder behind. It still kills it on exit.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (cause) {
    throw new BuildError(
      `the browser at ${path} did not start: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`,
      {
        hint: 'check that it runs: `' + path + ' --headless --version`',
        ruleId: 'browser-failed',
        cause,
      },
    );
  }
}

/** A browser being started, and the work folder its profile and the build's files live in. */
export interface BrowserSession {
  workDir: string;
  browser: Promise<Browser>;
  /** Close the browser and remove the work folder (kept when TATEGAKI_KEEP_WORK is set). */
  close(): Promise<void>;
}

/**
 * Find and start the browser without waiting for it: a PDF build starts it before it reads the
 * manuscript, so that Chromium comes up while Node parses Markdown.
 */
export async function startBrowserSession(explicit?: string): Promise<BrowserSession> {
  const executable = findBrowser(explicit);
  const workDir = await mkdtemp(join(tmpdir(), 'tategaki-pdf-'));
  const browser = launchBrowser(executable, join(workDir, 'profile'));
  browser.catch(() => undefined);
  return {
    workDir,
    browser,
    close: async () => {
      await (await browser.catch(() => undefined))?.close().catch(() => undefined);
      if (!process.env.TATEGAKI_KEEP_WORK) await rm(workDir, { recursive: true, force: true });
    },
  };
}
