/**
 * A 600-page book (the benchmark's generated novel, 四六判) through the print-shop and kdp
 * profiles: one colour on every page, PDF/X-1a for the shop, nothing KDP forbids — read from
 * the content streams and resources, not from the build's own report alone.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBook } from '../../scripts/bench/generate-book.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { measureKdpMargins } from '../helpers/kdp-margins.ts';
import { pdfStructure } from '../helpers/pdf.ts';
import { inkUse } from '../helpers/press.ts';

const shared = shareBrowser();
const built: Record<string, { path: string; stdout: string; stderr: string }> = {};

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'long-press-'));
  const manuscript = join(root, 'book');
  await generateBook(manuscript, { chapters: 30, characters: 370_000, seed: 7 });
  // No gutter set by hand: KDP's for the final page count (0.75 in for 501–700 pages) is the build's to keep.
  await appendFile(join(manuscript, 'book.yaml'), 'print:\n  format: shiroku\n  linesPerPage: 16\n');
  // Both destinations from one load of the book, each to its own file.
  const out = join(root, 'out');
  const args = ['--manuscript', manuscript, '--out-dir', out, '--profile', 'print-shop,kdp'];
  const result = await shared.run('build-pdf', args);
  expect(result.stderr).not.toMatch(/error/);
  expect(result.code).toBe(0);
  for (const profile of ['print-shop', 'kdp']) {
    // Each destination's preflight lines and warnings, by the progress line that starts its build.
    const part = (text: string) =>
      text.split(/^building PDF /m).find((chunk) => chunk.startsWith(`(${profile})`)) ?? '';
    const stdout = result.stdout
      .split('\n')
      .filter((line) => line.startsWith(`preflight (${profile},`))
      .join('\n');
    built[profile] = { path: join(out, `book-${profile}.pdf`), stdout, stderr: part(result.stderr) };
  }
}, 1_500_000);

describe('a 600-page book for the press', () => {
  it('has about 600 pages and passes preflight in both profiles', async () => {
    for (const profile of ['print-shop', 'kdp']) {
      const { pageCount } = await pdfStructure(built[profile]!.path);
      expect(pageCount, profile).toBeGreaterThanOrEqual(560);
      expect(pageCount, profile).toBeLessThanOrEqual(700);
      expect(built[profile]!.stdout, profile).toMatch(/^preflight \(.*\): passed$/m);
      // Ruby is set at half the body size: under KDP's 7 pt, which the build says as that, with what would change it.
      const warnings = built[profile]!.stderr.split('\n').filter((line) => /warning/.test(line));
      expect(warnings, profile).toEqual(
        profile === 'kdp'
          ? [
              expect.stringMatching(
                /book\.yaml: warning: KDP asks for text of at least 7 pt; the smallest here is the ruby and 傍点, set at half the 9\.5 pt body \(down to 4\.\d pt\), on pages /,
              ),
            ]
          : [],
      );
    }
  });

  it("keeps every glyph of the KDP edition inside KDP's margins for its final page count, with no gutter set by hand", async () => {
    const { pages, gutterIn, faults, nearest } = await measureKdpMargins(built.kdp!.path, true);
    expect(pages).toBeGreaterThan(500);
    expect(gutterIn).toBeGreaterThanOrEqual(0.75);
    expect(faults.slice(0, 5)).toEqual([]);
    // The gutter the count needs, reached by moving the text, not by a setting: the text comes near it.
    expect(nearest.gutter).toBeLessThan(gutterIn * 25.4 + 4);
  });

  it('holds no colour operator but gray, no colour space, no transparency and no Type 3 font', async () => {
    for (const profile of ['print-shop', 'kdp']) {
      const use = await inkUse(built[profile]!.path);
      expect(use.contentStreams, profile).toBeGreaterThan(1000);
      expect(use.colourOperators, profile).toEqual({});
      expect(
        [...use.colourSpaces].filter((space) => space !== '/DeviceGray'),
        profile,
      ).toEqual([]);
      expect([...use.transparency], profile).toEqual([]);
      expect([...use.fontTypes].sort(), profile).toEqual(['/CIDFontType2', '/Type0']);
    }
  });

  it('is PDF/X-1a:2001 for the print shop, and has neither bookmarks nor annotations for KDP', async () => {
    const run = promisify(execFile);
    const { stdout: info } = await run('pdfinfo', [built['print-shop']!.path]);
    expect(info).toMatch(/^PDF subtype:\s+PDF\/X-1:2001$/m);
    const { stdout: check } = await run('qpdf', ['--check', built['print-shop']!.path]);
    expect(check).toContain('No syntax or stream encoding errors found');
    const kdp = await readFile(built.kdp!.path);
    expect(kdp.includes('/Annots')).toBe(false);
    expect(kdp.includes('/Outlines')).toBe(false);
  });
});
