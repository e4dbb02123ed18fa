/**
 * Finding and starting the browser that lays out the print book. Order: an explicit path,
 * PUPPETEER_EXECUTABLE_PATH or CHROME_PATH, a system Chromium or Chrome, then a browser installed
 * into puppeteer's cache. Nothing is ever downloaded here.
 *
 * The browser sees none of the machine's fonts: it runs with a fontconfig configuration of its
 * own that knows one bundled font, so that the same book lays out the same on every machine.
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { BuildError } from '../../errors.ts';
import { fontSlices } from '../../fonts/fontsource.ts';
import { woffToSfnt } from '../../fonts/woff.ts';

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

/**
 * The environment that keeps a browser away from the machine's fonts: a fontconfig
 * configuration, written into `dir`, whose only font folder holds one bundled font (DejaVu Sans).
 * Chromium asks fontconfig for every font that is not a web font of the page, and for its
 * fallback when no font of the page has a character; without any font at all it prints no text,
 * even in web fonts. The build puts every character into a bundled face or the book's own (see
 * layout/missing-glyphs.ts), so the one font here draws nothing in practice; what matters is
 * that no font of the machine can.
 */
export async function hermeticFontEnvironment(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<NodeJS.ProcessEnv> {
  const fonts = join(dir, 'fonts');
  const cache = join(dir, 'cache');
  await mkdir(fonts, { recursive: true });
  await mkdir(cache, { recursive: true });
  const [fallback] = fontSlices('dejavu-sans', 400);
  await writeFile(join(fonts, 'DejaVuSans.ttf'), woffToSfnt(await readFile(fallback!.file)));
  const config = join(dir, 'fonts.conf');
  const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  await writeFile(
    config,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
      // No <include>: none of the machine's or the user's settings (folders, aliases, hinting).
      '<fontconfig>',
      `  <dir>${xml(fonts)}</dir>`,
      `  <cachedir>${xml(cache)}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  const hermetic: NodeJS.ProcessEnv = { ...env, FONTCONFIG_FILE: config };
  // These would point fontconfig elsewhere again.
  delete hermetic.FONTCONFIG_PATH;
  delete hermetic.FONTCONFIG_SYSROOT;
  return hermetic;
}

/**
 * Start a headless browser with its profile in `userDataDir` and its font configuration beside
 * it (`<userDataDir>-fonts`); both go with the build's work folder.
 */
export async function launchBrowser(path: string, userDataDir: string): Promise<Browser> {
  const env = await hermeticFontEnvironment(`${userDataDir}-fonts`);
  try {
    return await puppeteer.launch({
      executablePath: path,
      headless: true,
      args: BROWSER_ARGS,
      env,
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

/** How long a browser may take to close before it is killed. */
const CLOSE_GRACE = 5_000;

/**
 * Kill a browser and every process it started. Chromium runs its zygotes, renderers and helpers
 * as children in its own process group (puppeteer starts it detached); killing only the main
 * process would leave them running, holding the profile folder, until they notice. The group is
 * killed even when the main process has already exited: a renderer too busy to take part in a
 * graceful shutdown outlives it. Returns whether a group was signalled.
 */
function killBrowser(browser: Browser | undefined): boolean {
  const child = browser?.process();
  if (!child?.pid) return false;
  try {
    process.kill(-child.pid, 'SIGKILL');
    return true;
  } catch {
    // Not a group leader, or the group is gone: the process itself, at least.
    child.kill('SIGKILL');
    return false;
  }
}

/**
 * Chromium's socket folder (`org.chromium.Chromium.*` in the temporary folder), which it removes
 * only at the end of a shutdown of its own: found through the link its profile keeps to it, which
 * the shutdown removes first, so it is looked up before the browser is asked to close.
 */
function socketFolder(browser: Browser | undefined): string | undefined {
  const profile = browser
    ?.process()
    ?.spawnargs.find((arg) => arg.startsWith('--user-data-dir='))
    ?.slice('--user-data-dir='.length);
  if (!profile) return undefined;
  try {
    const folder = dirname(readlinkSync(join(profile, 'SingletonSocket')));
    return basename(folder).startsWith('org.chromium.') ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** How long a killed browser's processes are waited for. */
const KILL_WAIT = 2_000;

/** Wait until no process of the group `leader` leads still runs (a dead one not yet reaped does not count). */
async function groupGone(leader: number): Promise<void> {
  const deadline = Date.now() + KILL_WAIT;
  while (Date.now() < deadline && groupRunning(leader)) await new Promise((resolve) => setTimeout(resolve, 20));
}

function groupRunning(leader: number): boolean {
  try {
    process.kill(-leader, 0);
  } catch {
    return false;
  }
  // Where /proc tells them apart, zombies (dead, waiting for whoever adopted them) do not count.
  if (!existsSync('/proc/self/stat')) return true;
  return readdirSync('/proc').some((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(group) === leader && state !== 'Z';
    } catch {
      return false;
    }
  });
}

/**
 * Close a browser, and kill what is left of it: a page stuck on a file that never finishes
 * loading (a named pipe, a hung network file system) can keep Chromium from shutting down, a
 * renderer busy on a long book on a loaded machine can outlive a shutdown that otherwise went
 * well, and a build must end all the same, with nothing left running.
 */
export async function closeBrowser(browser: Browser): Promise<void> {
  const socket = socketFolder(browser);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    browser.close().catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE))),
  ]);
  clearTimeout(timer);
  if (killBrowser(browser)) await groupGone(browser.process()!.pid!);
  if (socket) rmSync(socket, { recursive: true, force: true });
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
 * manuscript, so that Chromium comes up while Node parses Markdown. With `lazy`, it starts when
 * first asked for instead: a catalogue build whose books are all up to date never starts one.
 */
export async function startBrowserSession(
  explicit?: string,
  options: { lazy?: boolean } = {},
): Promise<BrowserSession> {
  const workDir = await mkdtemp(join(tmpdir(), 'tategaki-pdf-'));
  let launching: Promise<Browser> | undefined;
  let started: Browser | undefined;
  // A build cancelled on a busy machine may be made to exit before it has closed the browser and
  // removed this folder (scripts/cli/command.ts): then the browser is killed and the folder
  // removed on the way out, so that nothing stays behind.
  const removeOnExit = () => {
    const socket = socketFolder(started);
    killBrowser(started);
    if (socket) rmSync(socket, { recursive: true, force: true });
    if (!process.env.TATEGAKI_KEEP_WORK) rmSync(workDir, { recursive: true, force: true });
  };
  process.once('exit', removeOnExit);
  // A missing browser is reported when the browser is first needed, so that the manuscript's own
  // problems (found while the browser would be starting) come first.
  const launch = (): Promise<Browser> => {
    if (!launching) {
      launching = (async () => (started = await launchBrowser(findBrowser(explicit), join(workDir, 'profile'))))();
      launching.catch(() => undefined);
    }
    return launching;
  };
  if (!options.lazy) void launch();
  return {
    workDir,
    get browser() {
      return launch();
    },
    close: async () => {
      const browser = await launching?.catch(() => undefined);
      if (browser) await closeBrowser(browser);
      if (!process.env.TATEGAKI_KEEP_WORK) await rm(workDir, { recursive: true, force: true });
      process.off('exit', removeOnExit);
    },
  };
}
