/**
 * The sample book through `build:pdf`, read back with poppler-utils and pdf-lib: page size and
 * boxes per profile, fonts, bookmarks, reading direction, folios and running heads, the 目次's
 * page numbers, and 禁則 on every page.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManuscript } from '../../scripts/manuscript/load.ts';
import { resolveGeometry } from '../../scripts/layout/geometry.ts';
import { MM_PER_PT } from '../../scripts/layout/units.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { shareBrowser } from '../helpers/browser-session.ts';
import { projectRoot } from '../helpers/cli.ts';
import { measureKdpMargins } from '../helpers/kdp-margins.ts';
import { inkUse } from '../helpers/press.ts';
import {
  kinsokuViolations,
  pageBoxes,
  pageWords,
  pdfFonts,
  pdfStructure,
  verticalColumns,
  verticalText,
  type PlacedText,
} from '../helpers/pdf.ts';

const PT = 72 / 25.4;
const shared = shareBrowser();
const built: Record<string, string> = {};

/** Build the sample for `profiles` (comma-separated) in one run; each destination's PDF by its profile. */
async function build(profiles: string): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), `sample-pdf-${profiles.replace(',', '-')}-`));
  const result = await shared.run('build-pdf', ['--out-dir', out, '--profile', profiles]);
  // The sample is a 13-page essay: KDP's minimum of 24 pages is the one warning it may give.
  const problems = result.stderr
    .split('\n')
    .filter((line) => /warning|error/.test(line) && !/KDP prints at least 24/.test(line));
  expect(problems).toEqual([]);
  expect(result.code).toBe(0);
  const files = (await readdir(out)).filter((file) => file.endsWith('.pdf')).sort();
  // One file per destination, named for it: none replaces another.
  expect(files).toEqual(
    profiles
      .split(',')
      .map((profile) => `jinmyaku-essay${profile === 'screen' ? '' : `-${profile}`}.pdf`)
      .sort(),
  );
  for (const profile of profiles.split(',')) {
    expect(result.stdout).toMatch(new RegExp(`^preflight \\(${profile}, .*\\): passed$`, 'm'));
    built[profile] = join(out, `jinmyaku-essay${profile === 'screen' ? '' : `-${profile}`}.pdf`);
  }
}

beforeAll(async () => {
  await build('screen');
  // The print shop's 文庫 and KDP's 5 × 8 in, from one load of the book (manuscript/book.yaml's print.kdp).
  await build('print-shop,kdp');
});

const pageText = (words: readonly PlacedText[]) => verticalText(words).replace(/\n/g, '');
const mm = (points: number) => points / PT;

describe('the sample book as PDF', () => {
  it('is 文庫 size (105 × 148 mm, to 0.1 mm) on every page, with trim and bleed the same in the screen profile', async () => {
    const boxes = await pageBoxes(built.screen!);
    expect(boxes.length).toBeGreaterThan(8);
    for (const page of boxes) {
      expect(mm(page.MediaBox.x2 - page.MediaBox.x1)).toBeCloseTo(105, 1);
      expect(mm(page.MediaBox.y2 - page.MediaBox.y1)).toBeCloseTo(148, 1);
      expect(page.TrimBox).toEqual(page.MediaBox);
      expect(page.BleedBox).toEqual(page.MediaBox);
    }
  });

  it('embeds every font as a subset, none as Type 3', async () => {
    const fonts = await pdfFonts(built.screen!);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => font.type.includes('Type 3'))).toEqual([]);
    expect(fonts.filter((font) => !font.embedded || !font.subset)).toEqual([]);
    expect(fonts.some((font) => font.name.includes('NotoSerifJP'))).toBe(true);
    expect(fonts.some((font) => font.name.includes('NotoSansJP'))).toBe(true);
  });

  it('has a bookmark for every chapter with a heading, opening the page the heading is on', async () => {
    const { outline } = await pdfStructure(built.screen!);
    const pages = await pageWords(built.screen!);
    expect(outline.map((item) => item.title)).toEqual([
      'フリーランスにとって異業種交流会は意味がない理由',
      '自分に合わなかったBNI',
      'フリーランスにとって人脈って大事?',
      '最後に',
    ]);
    for (const item of outline) {
      const headingGlyphs = [...item.title.replace(/[?]/g, '')].slice(0, 6).join('');
      expect(pageText(pages[item.page - 1]!.words)).toContain(headingGlyphs);
    }
  });

  it('turns pages right to left and declares Japanese', async () => {
    const structure = await pdfStructure(built.screen!);
    expect(structure.direction).toBe('/R2L');
    expect(structure.lang).toBe('ja');
  });

  it('lays out 扉 (p. 1), a blank verso, 目次 on a recto, the text from a recto, 奥付 last', async () => {
    const pages = await pageWords(built.screen!);
    expect(pageText(pages[0]!.words)).toContain('人脈作りは必要');
    expect(pages[1]!.words).toEqual([]);
    expect(pageText(pages[2]!.words)).toMatch(/^目次/);
    expect(pageText(pages[4]!.words)).toContain('フリーランスになると');
    expect(pageText(pages.at(-1)!.words)).toContain('初版発行');
  });

  it('prints in the 目次 the page on which each chapter begins', async () => {
    const pages = await pageWords(built.screen!);
    const { outline } = await pdfStructure(built.screen!);
    const toc = pages[2]!;
    const numbers = toc.words
      .filter((word) => /^\d+$/.test(word.text))
      .sort((a, b) => b.xMin - a.xMin)
      .map((word) => Number(word.text));
    expect(numbers).toEqual(outline.map((item) => item.page));
  });

  it('puts folios on text pages and 柱 on text pages other than chapter openings; none on 扉, blank pages or 奥付', async () => {
    const pages = await pageWords(built.screen!);
    const { outline } = await pdfStructure(built.screen!);
    const openings = new Set(outline.map((item) => item.page));
    const bottom = (page: (typeof pages)[number]) => page.words.filter((word) => word.yMin > page.height - 14 * PT);
    const top = (page: (typeof pages)[number]) => page.words.filter((word) => word.yMax < 14 * PT);
    for (const [index, page] of pages.entries()) {
      const number = index + 1;
      const folio = bottom(page)
        .map((word) => word.text)
        .join('');
      const head = top(page)
        .map((word) => word.text)
        .join('');
      if (number <= 4 || number === pages.length || page.words.length === 0) {
        expect(folio, `page ${number}`).toBe('');
        expect(head, `page ${number}`).toBe('');
      } else {
        expect(folio, `page ${number}`).toBe(String(number));
        if (openings.has(number) || number === 5) expect(head, `page ${number}`).toBe('');
        else expect(head.length, `page ${number}`).toBeGreaterThan(2);
      }
    }
  });

  it('places the folio on the outer edge: left on odd pages, right on even pages of a right-bound book', async () => {
    const pages = await pageWords(built.screen!);
    for (const [index, page] of pages.entries()) {
      const folio = page.words.find((word) => word.text === String(index + 1) && word.yMin > page.height - 14 * PT);
      if (!folio) continue;
      if ((index + 1) % 2 === 1) expect(folio.xMax).toBeLessThan(page.width / 2);
      else expect(folio.xMin).toBeGreaterThan(page.width / 2);
    }
  });

  it('keeps 禁則: no vertical line starts with 、。」ー or small kana, none ends with 「『（', async () => {
    const manuscript = await loadManuscript(join(projectRoot, 'manuscript'));
    const geometry = resolveGeometry(manuscript.config, 'screen', manuscript.locate);
    const area = {
      top: (geometry.margin.top - 1) / MM_PER_PT,
      bottom: (geometry.trim.height - geometry.margin.bottom + 1) / MM_PER_PT,
    };
    const pages = await pageWords(built.screen!);
    let checked = 0;
    for (const [index, page] of pages.entries()) {
      const columns = verticalColumns(page.words, area, geometry.pitchPt);
      checked += columns.length;
      expect(kinsokuViolations(columns), `page ${index + 1}`).toEqual([]);
    }
    expect(checked).toBeGreaterThan(60);
  });
});

describe('typesetting the sample book', () => {
  // A glyph set upright in a vertical line is at most as wide as a kanji beside it; set sideways,
  // its box is as wide as the font is tall (ascent and descent), about 1.4 em.
  const upright = (glyph: PlacedText, kanji: PlacedText) => glyph.xMax - glyph.xMin <= kanji.xMax - kanji.xMin + 0.5;
  const glyph = (words: readonly PlacedText[], text: string) => {
    const found = words.find((word) => word.text === text);
    expect(found, text).toBeDefined();
    return found!;
  };

  it('sets the single ? of the title upright on the 扉 and in the 目次, as in the text', async () => {
    const pages = await pageWords(built.screen!);
    expect(upright(glyph(pages[0]!.words, '?'), glyph(pages[0]!.words, '要'))).toBe(true);
    expect(upright(glyph(pages[2]!.words, '?'), glyph(pages[2]!.words, '事'))).toBe(true);
  });

  it('gives the running head the full-width ？, as the heading sets it upright', async () => {
    const pages = await pageWords(built.screen!);
    const heads = pages.map((page) =>
      page.words
        .filter((word) => word.yMax < 14 * PT)
        .map((word) => word.text)
        .join(''),
    );
    expect(heads).toContain('フリーランスにとって人脈って大事？');
    expect(heads.join('')).not.toContain('?');
  });

  it('sets every page number of the 目次 upright, one em wide', async () => {
    const pages = await pageWords(built.screen!);
    const numbers = pages[2]!.words.filter((word) => /^\d+$/.test(word.text));
    expect(numbers.length).toBe(4);
    for (const number of numbers) expect(number.xMax - number.xMin).toBeLessThan(9 * 1.1);
  });
});

describe('print profiles', () => {
  it('print-shop: 3 mm bleed on every side, trim box at the finished size, room for crop marks', async () => {
    for (const page of await pageBoxes(built['print-shop']!)) {
      const { TrimBox: trim, BleedBox: bleed, MediaBox: media } = page;
      expect(mm(trim.x2 - trim.x1)).toBeCloseTo(105, 1);
      expect(mm(trim.y2 - trim.y1)).toBeCloseTo(148, 1);
      for (const [outer, inner] of [
        [bleed.x1, trim.x1],
        [bleed.y1, trim.y1],
        [trim.x2, bleed.x2],
        [trim.y2, bleed.y2],
      ] as const) {
        expect(mm(inner - outer)).toBeCloseTo(3, 1);
      }
      expect(mm(bleed.x1 - media.x1)).toBeGreaterThanOrEqual(10);
      expect(mm(media.y2 - bleed.y2)).toBeGreaterThanOrEqual(10);
    }
  });

  it("kdp: every glyph — text, ruby, folios, running heads — inside KDP's margins for its page count", async () => {
    const { pages, faults, nearest } = await measureKdpMargins(built.kdp!, true);
    expect(pages).toBeGreaterThan(8);
    expect(faults).toEqual([]);
    // Folios and running heads are there to be measured: something sits in the top and bottom margins' reach.
    expect(nearest.top).toBeLessThan(0.375 * 25.4 + 3);
    expect(nearest.bottom).toBeLessThan(0.375 * 25.4 + 3);
  });

  it('kdp: 0.125 in bleed on top, bottom and the outer edge only, no marks', async () => {
    const boxes = await pageBoxes(built.kdp!);
    for (const [index, page] of boxes.entries()) {
      const { TrimBox: trim, BleedBox: bleed, MediaBox: media } = page;
      expect(bleed).toEqual(media);
      // The sample's KDP trim: 5 × 8 in (book.yaml's print.kdp.format), bleed beyond it.
      expect(mm(media.x2 - media.x1)).toBeCloseTo(127 + 3.175, 1);
      expect(mm(media.y2 - media.y1)).toBeCloseTo(203.2 + 6.35, 1);
      expect(mm(trim.x2 - trim.x1)).toBeCloseTo(127, 1);
      expect(mm(trim.y2 - trim.y1)).toBeCloseTo(203.2, 1);
      // Odd pages of a right-bound book are left-hand pages: the outer edge is on the left.
      const outerLeft = (index + 1) % 2 === 1;
      expect(mm(trim.x1 - media.x1)).toBeCloseTo(outerLeft ? 3.175 : 0, 1);
      expect(mm(trim.y1 - media.y1)).toBeCloseTo(3.175, 1);
    }
  });

  it('print-shop and kdp: one colour — no colour operator but gray, no colour space, no transparency, no Type 3 font', async () => {
    for (const profile of ['print-shop', 'kdp']) {
      const use = await inkUse(built[profile]!);
      expect(use.contentStreams, profile).toBeGreaterThan(10);
      expect(use.colourOperators, profile).toEqual({});
      expect(
        [...use.colourSpaces].filter((space) => space !== '/DeviceGray'),
        profile,
      ).toEqual([]);
      expect([...use.transparency], profile).toEqual([]);
      expect([...use.fontTypes].sort(), profile).toEqual(['/CIDFontType2', '/Type0']);
    }
    // The screen PDF keeps Chromium's RGB black: the check above can tell.
    expect((await inkUse(built.screen!)).colourOperators.rg).toBeGreaterThan(0);
  });

  it('print-shop is PDF/X-1a:2001: pdfinfo names it, qpdf finds nothing wrong, no annotations on the pages', async () => {
    const run = promisify(execFile);
    const { stdout: info } = await run('pdfinfo', [built['print-shop']!]);
    expect(info).toMatch(/^PDF subtype:\s+PDF\/X-1:2001$/m);
    expect(info).toMatch(/^PDF version:\s+1\.3$/m);
    const { stdout: check } = await run('qpdf', ['--check', built['print-shop']!]);
    expect(check).toContain('No syntax or stream encoding errors found');
    const pdf = await readFile(built['print-shop']!);
    expect(pdf.includes('/ObjStm')).toBe(false);
    expect(pdf.includes('/Annots')).toBe(false);
    expect(pdf.includes('/OutputConditionIdentifier (JC200103)')).toBe(true);
    // A printed book has an even number of pages: the 13-page essay gets a blank before its 奥付.
    expect((await pdfStructure(built['print-shop']!)).pageCount).toBe(14);
  });

  it('kdp has no bookmarks and no annotations', async () => {
    const { outline } = await pdfStructure(built.kdp!);
    expect(outline).toEqual([]);
    const pdf = await readFile(built.kdp!);
    expect(pdf.includes('/Annots')).toBe(false);
    expect(pdf.includes('/Outlines')).toBe(false);
  });
});
