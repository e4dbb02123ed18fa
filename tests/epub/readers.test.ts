/**
 * The one-file novel (tests/fixtures/one-file-novel) in two reading engines, epub.js and
 * foliate-js, inside Chromium: the book reads right to left, every document is set vertically,
 * ruby, 縦中横 and 傍点 compute as the stylesheet says, and every chapter cut from the file
 * begins at the top of a page — which in these engines holds only for a chapter that is its own
 * content document; and the cover, the 電書協 guide's SVG page, whole and centred at a phone's portrait
 * size and a landscape one. The run's one browser; the bundled fonts, nothing from the system.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shareBrowser } from '../helpers/browser-session.ts';
import { projectRoot } from '../helpers/cli.ts';
import { EPUBJS_PAGE, FOLIATE_PAGE, type CoverReport, type ReaderReport } from '../helpers/reader-pages.ts';
import { ORIGIN, openReaderPage } from '../helpers/readers.ts';

const shared = shareBrowser();
const reports: Record<string, ReaderReport> = {};
/**
 * The cover in each engine, at a phone's portrait reading area (narrower than the 1600×2560 cover:
 * room left above and below) and a landscape one (room left at the sides).
 */
const covers: Record<string, CoverReport> = {};
const SIZES = [
  ['portrait', 450, 900],
  ['landscape', 800, 600],
] as const;

beforeAll(async () => {
  const out = await mkdtemp(join(tmpdir(), 'readers-'));
  const result = await shared.run('build-epub', [
    '--manuscript',
    join(projectRoot, 'tests/fixtures/one-file-novel/novel.md'),
    '--out-dir',
    out,
  ]);
  expect(result.code, result.stderr).toBe(0);
  const epub = await readFile(join(out, 'one-file-novel.epub'));
  const browser = await shared.browser();
  for (const [engine, html] of [
    ['epub.js', EPUBJS_PAGE],
    ['foliate-js', FOLIATE_PAGE],
  ] as const) {
    const page = await openReaderPage(browser, epub, { '/reader.html': html });
    await page.goto(`${ORIGIN}/reader.html`);
    await page.waitForFunction(() => 'inspectBook' in window);
    reports[engine] = (await page.evaluate('inspectBook()')) as ReaderReport;
    await page.close();
    // One page for both sizes: each inspectCover opens the book afresh and closes it again.
    const coverPage = await openReaderPage(browser, epub, { '/reader.html': html });
    await coverPage.goto(`${ORIGIN}/reader.html`);
    await coverPage.waitForFunction(() => 'inspectCover' in window);
    for (const [shape, width, height] of SIZES) {
      await coverPage.setViewport({ width, height });
      covers[`${engine} ${shape}`] = (await coverPage.evaluate(`inspectCover(${width}, ${height})`)) as CoverReport;
    }
    await coverPage.close();
  }
});

describe.each(['epub.js', 'foliate-js'].flatMap((engine) => SIZES.map(([shape]) => `${engine} ${shape}`)))(
  'the cover in %s',
  (key) => {
    it('is the 電書協 guide’s SVG page, its viewBox the image’s pixels', () => {
      expect(covers[key]!.viewBox).toBe('0 0 1600 2560');
    });

    it('shows the image whole, unstretched and centred in the reading area', () => {
      const { area, image } = covers[key]!;
      const width = image.right - image.left;
      const height = image.bottom - image.top;
      expect(image.left).toBeGreaterThanOrEqual(0);
      expect(image.top).toBeGreaterThanOrEqual(0);
      expect(image.right).toBeLessThanOrEqual(area.width);
      expect(image.bottom).toBeLessThanOrEqual(area.height);
      // Large: it fills the area in one direction, less the engine's own margins.
      expect(Math.max(width / area.width, height / area.height)).toBeGreaterThan(0.6);
      expect(width / height).toBeCloseTo(1600 / 2560, 2);
      // Centred to the pixel (an engine rounds its margins).
      expect(Math.abs((image.left + image.right) / 2 - area.width / 2)).toBeLessThanOrEqual(1);
      expect(Math.abs((image.top + image.bottom) / 2 - area.height / 2)).toBeLessThanOrEqual(1);
    });
  },
);

describe.each(['epub.js', 'foliate-js'])('the one-file novel in %s', (engine) => {
  it('reads right to left', () => {
    expect(reports[engine]!.direction).toBe('rtl');
  });

  it('sets html and body vertically in every chapter, with the bundled fonts', () => {
    const { entries } = reports[engine]!;
    // Each chapter heading opens its document, so the table of contents links to the document.
    expect(entries.map((entry) => entry.href.replace(/^.*\//, ''))).toEqual([
      'p-002.xhtml',
      'p-003.xhtml',
      'p-003-2.xhtml',
      'p-004.xhtml',
    ]);
    for (const entry of entries) {
      expect(entry.htmlWritingMode, entry.href).toBe('vertical-rl');
      expect(entry.bodyWritingMode, entry.href).toBe('vertical-rl');
      expect(entry.fontFamily, entry.href).toMatch(/^"Noto Sans JP"/);
    }
  });

  it('computes ruby at half size, 縦中横 upright and 傍点 as sesame dots', () => {
    expect(reports[engine]!.entries[0]!.notations).toEqual({ rubyRatio: 0.5, tcy: 'all', emphasis: 'sesame' });
  });

  it('begins every chapter at the top of a page', () => {
    const { entries } = reports[engine]!;
    // The engine's page margin is the same on every page: each heading stands right at it.
    const margin = entries[0]!.fromStart;
    expect(margin).toBeGreaterThanOrEqual(0);
    expect(margin).toBeLessThan(100);
    for (const entry of entries) {
      expect(entry.visible, entry.href).toBe(true);
      expect(entry.fromStart, entry.href).toBeCloseTo(margin, 0);
    }
  });
});
