/**
 * A novel kept in one Markdown file (tests/fixtures/one-file-novel) as a print book: every
 * chapter cut from the file starts a new page, and no page inside a chapter ends with empty
 * lines — counted from the glyph positions on every page, with ruby every few words.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManuscript } from '../../scripts/manuscript/load.ts';
import { resolveGeometry, type PageGeometry } from '../../scripts/layout/geometry.ts';
import { projectRoot } from '../helpers/cli.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import {
  emptyLineSlots,
  pageWords,
  pdfStructure,
  verticalColumns,
  type Bookmark,
  type PlacedText,
} from '../helpers/pdf.ts';

const shared = shareBrowser();
const manuscript = join(projectRoot, 'tests/fixtures/one-file-novel/novel.md');
let pages: { width: number; height: number; words: PlacedText[] }[];
let outline: Bookmark[];
let geometry: PageGeometry;

beforeAll(async () => {
  const out = await mkdtemp(join(tmpdir(), 'one-file-novel-pdf-'));
  const result = await shared.run('build-pdf', ['--manuscript', manuscript, '--out-dir', out]);
  expect(result.stderr).not.toMatch(/warning|error/);
  expect(result.code).toBe(0);
  const path = join(out, 'one-file-novel.pdf');
  pages = await pageWords(path);
  outline = (await pdfStructure(path)).outline;
  const { config, locate } = await loadManuscript(manuscript);
  geometry = resolveGeometry(config, 'screen', locate);
});

/** The text of a page's first (rightmost) line inside the 版面 (folios and running heads are outside). */
const firstLine = (page: (typeof pages)[number]) => {
  const pt = (mm: number) => (mm * 72) / 25.4;
  const area = { top: pt(geometry.margin.top - 1), bottom: pt(geometry.trim.height - geometry.margin.bottom + 1) };
  return (verticalColumns(page.words, area, geometry.pitchPt)[0]?.glyphs ?? []).map((glyph) => glyph.text).join('');
};

describe('a one-file novel as PDF', () => {
  it('starts every chapter on a new page, with its heading as the first line', () => {
    expect(outline.map((item) => item.title)).toEqual(['一　はじまり', '二　長い章', '三　おわり']);
    for (const item of outline) expect(firstLine(pages[item.page - 1]!), item.title).toBe(item.title.replace('　', ''));
    // The lead (text before the first heading) has the page after the 目次 to itself.
    expect(firstLine(pages[4]!)).toMatch(/^この本は/);
    expect(outline[0]!.page).toBe(6);
  });

  it('ends every page inside a chapter on its last line', () => {
    const breaks = new Set([...outline.map((item) => item.page - 1), pages.length - 1]);
    const { empty, nextIsHeading } = emptyLineSlots(pages, geometry);
    const report: string[] = [];
    let checked = 0;
    for (const [index, slots] of empty.entries()) {
      const number = index + 1;
      // The front matter, pages before a chapter (or the 奥付) and the 奥付 end where they must.
      if (number <= outline[0]!.page || breaks.has(number) || number === pages.length || slots === undefined) continue;
      checked++;
      // A heading is kept with its first lines on the next page: its own room (at most three
      // lines, heading and space around it) may stay empty here, no more.
      const allowed = nextIsHeading[index] ? 3 : 0;
      if (slots > allowed) report.push(`page ${number}: ${slots} empty line(s) at the end`);
    }
    expect(checked).toBeGreaterThan(140);
    expect(report).toEqual([]);
  });
});
