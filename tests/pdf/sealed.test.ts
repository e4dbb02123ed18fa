/** The PDF renderer is sealed: no page scripts, no requests outside the book, a time limit, no leftovers. */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'puppeteer';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBook } from '../../scripts/bench/generate-book.ts';
import { fontPackageDir, fontStylesheet } from '../../scripts/fonts/fontsource.ts';
import { closeBrowser, findBrowser, launchBrowser } from '../../scripts/pdf/render/browser.ts';
import { PagePool, renderPdf } from '../../scripts/pdf/render/print.ts';
import { BuildError } from '../../scripts/errors.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { commandArgs, projectRoot } from '../helpers/cli.ts';

const run = promisify(execFile);
// The run's browser, for the cases that do not end a browser's life; those start their own.
const shared = shareBrowser();
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sealed-'));
  browser = await shared.browser();
});

/** A process's command line, or '' when it is gone (or a zombie). */
function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

/** The processes whose command line holds `text`. */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .map(Number)
    .filter((pid) => cmdline(pid).includes(text));
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `t-${Math.random()}.pdf`);
  await writeFile(path, bytes);
  return (await run('pdftotext', [path, '-'])).stdout;
}

describe('renderPdf', () => {
  it('blocks and reports every request outside the allowed folders, and runs no script', async () => {
    const page = join(dir, 'page.html');
    // The page brings its font, as the build's documents do: the browser knows no installed font.
    const font = pathToFileURL(fontStylesheet('serif', 400)).href;
    await writeFile(
      page,
      `<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="${font}"><style>body { font-family: 'Noto Serif JP'; }</style>
      <link rel="stylesheet" href="http://example.com/x.css">
      </head><body><p id="p">本文</p><img src="file:///etc/hostname" alt="">
      <img src="https://example.com/a.png" alt=""><script>document.getElementById('p').textContent = 'SCRIPT RAN'</script></body></html>`,
    );
    const blocked: string[] = [];
    const bytes = await renderPdf(browser, page, {
      timeout: 30_000,
      allowedRoots: [dir, fontPackageDir('serif')],
      onBlocked: (url) => blocked.push(url),
    });
    expect(blocked.sort()).toEqual(['file:///etc/hostname', 'http://example.com/x.css', 'https://example.com/a.png']);
    const text = await pdfText(bytes);
    expect(text).toContain('本文');
    expect(text).not.toContain('SCRIPT RAN');
  });

  it('prints the next document on a page that printed cleanly, with that document’s own rules, and never reuses a page given up on', async () => {
    const pages = new PagePool();
    const first = join(dir, 'first.html');
    const second = join(dir, 'second', 'second.html');
    const inside = join(dir, 'inside');
    await mkdir(inside, { recursive: true });
    await mkdir(join(dir, 'second'), { recursive: true });
    await writeFile(join(inside, 'ok.css'), 'p { color: black; }');
    await writeFile(
      first,
      `<!DOCTYPE html><html><head><link rel="stylesheet" href="inside/ok.css"></head><body><p>first</p></body></html>`,
    );
    await writeFile(
      second,
      `<!DOCTYPE html><html><head><link rel="stylesheet" href="../inside/ok.css"></head><body><p>second</p></body></html>`,
    );
    const blockedFirst: string[] = [];
    await renderPdf(browser, first, {
      timeout: 30_000,
      allowedRoots: [dir],
      onBlocked: (url) => blockedFirst.push(url),
      pages,
    });
    const page = pages.take();
    expect(page).toBeDefined();
    pages.give(page!);
    // The same page, now for a document whose allowed folder does not hold the stylesheet it links.
    const blockedSecond: string[] = [];
    const bytes = await renderPdf(browser, second, {
      timeout: 30_000,
      allowedRoots: [join(dir, 'second')],
      onBlocked: (url) => blockedSecond.push(url),
      pages,
    });
    expect(await pdfText(bytes)).toContain('second');
    expect(pages.take()).toBe(page);
    expect(blockedFirst).toEqual([]);
    expect(blockedSecond).toEqual([pathToFileURL(join(inside, 'ok.css')).href]);
    pages.give(page!);
    // A rendering that runs out of time closes its page instead of handing it back.
    const slow = join(dir, 'slow-pool.html');
    await writeFile(slow, `<!DOCTYPE html><html><body>${'<p>吾輩は猫である。</p>'.repeat(20_000)}</body></html>`);
    await expect(renderPdf(browser, slow, { timeout: 50, allowedRoots: [dir], pages })).rejects.toThrow(
      /within 0.05 s/,
    );
    expect(pages.take()).toBeUndefined();
    await pages.close();
  });

  it('gives up with a clear error after the time limit while a font never arrives, and the browser still closes', async () => {
    const own = await launchBrowser(findBrowser(), join(dir, 'profile-fifo'));
    // A named pipe nobody writes to: Chromium waits for the font for ever.
    const fifo = join(dir, 'never.woff2');
    await run('mkfifo', [fifo]);
    const page = join(dir, 'font.html');
    await writeFile(
      page,
      `<!DOCTYPE html><html><head><style>@font-face { font-family: Never; src: url(never.woff2); } body { font-family: Never; }</style></head><body><p>本文</p></body></html>`,
    );
    const error = await renderPdf(own, page, { timeout: 500, allowedRoots: [dir] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/did not finish laying out the book within 0.5 s/);
    // The browser still prints other pages…
    const again = join(dir, 'plain.html');
    await writeFile(again, '<!DOCTYPE html><html><body><p>x</p></body></html>');
    expect((await renderPdf(own, again, { timeout: 30_000, allowedRoots: [dir] })).byteLength).toBeGreaterThan(0);
    // …and is gone once closed, even though the stuck page keeps it from closing by itself.
    const process = own.process()!;
    await closeBrowser(own);
    if (process.exitCode === null && process.signalCode === null)
      await new Promise((resolve) => process.once('exit', resolve));
    expect(process.exitCode !== null || process.signalCode !== null).toBe(true);
  });

  for (const stuck of ['a renderer', 'the whole browser']) {
    it(`closes a browser with every process it started and its socket folder, even when ${stuck} does not answer`, async () => {
      const profile = join(dir, `profile-${stuck.replace(/\W/g, '-')}`);
      const own = await launchBrowser(findBrowser(), profile);
      const page = await own.newPage();
      await page.goto('data:text/html,<p>本文</p>');
      const socket = dirname(await readlink(join(profile, 'SingletonSocket')));
      // A renderer busy on a long book on a loaded machine, made certain: it cannot take part in
      // the shutdown; a browser that does not answer at all is killed after its grace time.
      const frozen = processesWith(profile).filter(
        (pid) => stuck !== 'a renderer' || cmdline(pid).includes('--type=renderer'),
      );
      expect(frozen.length).toBeGreaterThan(0);
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
      await closeBrowser(own);
      expect(processesWith(profile)).toEqual([]);
      expect(existsSync(socket)).toBe(false);
    });
  }

  it('gives up with a clear error after the time limit', async () => {
    const page = join(dir, 'slow.html');
    await writeFile(page, `<!DOCTYPE html><html><body>${'<p>吾輩は猫である。</p>'.repeat(20_000)}</body></html>`);
    const error = await renderPdf(browser, page, { timeout: 50, allowedRoots: [dir] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/did not finish laying out the book within 0.05 s/);
  });

  it('reports a browser that dies during the layout as an error', async () => {
    const own = await launchBrowser(findBrowser(), join(dir, 'profile-crash'));
    const page = join(dir, 'long.html');
    await writeFile(
      page,
      `<!DOCTYPE html><html><body>${'<p>吾輩は猫である。名前はまだ無い。</p>'.repeat(30_000)}</body></html>`,
    );
    const rendering = renderPdf(own, page, { timeout: 60_000, allowedRoots: [dir] });
    setTimeout(() => own.process()?.kill('SIGKILL'), 300);
    const error = await rendering.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/Chromium (crashed|could not print)/);
  });
});

describe('an interrupted PDF build', () => {
  it('exits 143 on SIGTERM, leaves the previous PDF byte-identical, and leaves no files or browser behind', async () => {
    const work = await mkdtemp(join(tmpdir(), 'interrupt-'));
    const manuscript = join(work, 'book');
    await generateBook(manuscript, { chapters: 6, characters: 150_000, seed: 7 });
    const out = join(work, 'out');
    await writeFile(join(manuscript, 'book.yaml'), 'title: 中断\nfilename: book\n');
    // The previous book: any PDF of that name, which the interrupted build must not touch.
    const previous = await PDFDocument.create();
    previous.addPage([297, 420]);
    await mkdir(out);
    await writeFile(join(out, 'book.pdf'), await previous.save());
    const before = await readFile(join(out, 'book.pdf'));

    const temp = await mkdtemp(join(tmpdir(), 'interrupt-tmp-'));
    const child = spawn(process.execPath, commandArgs('build-pdf', ['--manuscript', manuscript, '--out-dir', out]), {
      cwd: projectRoot,
      env: { ...process.env, TMPDIR: temp },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('laying out') && !child.killed) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr, stderr).toContain('build cancelled');
    expect(code).toBe(143);
    expect(await readFile(join(out, 'book.pdf'))).toEqual(before);
    expect(await readdir(out)).toEqual(['book.pdf']);
    // Nothing may stay: no work folder, no browser profile or socket.
    expect(await readdir(temp)).toEqual([]);
    // No process (browser or helper) still runs with the build's temporary folder in its command line.
    expect(processesWith(temp)).toEqual([]);
  });
});
