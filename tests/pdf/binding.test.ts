/**
 * The ノド (binding-side) margin measured on the printed page, not taken from the code's model:
 * glyph boxes (`pdftotext -bbox`) of full body pages against each page's TrimBox, for both
 * press profiles and both writing modes. A right-bound (右綴じ) vertical book is bound on the
 * right edge of its odd pages and the left edge of its even pages; a left-bound horizontal book
 * the other way round. The side the book is bound on must carry the wider margin, wider by
 * `print.gutter`.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../scripts/config/schema.ts';
import { resolveGeometry, type PageGeometry } from '../../scripts/layout/geometry.ts';
import { loadManuscript } from '../../scripts/manuscript/load.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { pageBoxes, pageWords, type PlacedText } from '../helpers/pdf.ts';

const PT_PER_MM = 72 / 25.4;
const GUTTER_MM = 6;
const shared = shareBrowser();

const paragraph =
  '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。';
const manuscript = (mode: string) => `---
title: ノドの確認
author: 試験
writingMode: ${mode}
print:
  format: shiroku
  linesPerPage: 16
  gutter: ${GUTTER_MM}
---

# 一

${Array.from({ length: 40 }, () => paragraph).join('\n\n')}
`;

interface Measured {
  page: number;
  /** Margin from the trim's left edge to the leftmost body glyph, and from the rightmost to the trim's right edge, in mm. */
  left: number;
  right: number;
}

/** Left and right margins of the body text on each full text page. */
async function sideMargins(path: string, g: PageGeometry): Promise<Measured[]> {
  const [pages, boxes] = await Promise.all([pageWords(path), pageBoxes(path)]);
  const measured = pages.map((page, index) => {
    const trim = boxes[index]!.TrimBox;
    // pdftotext measures from the top-left corner of the MediaBox; pdfinfo from its bottom-left.
    const trimTop = page.height - trim.y2;
    const trimBottom = page.height - trim.y1;
    // Only the 版面's height: running heads and folios sit in the top and bottom margins.
    const body = page.words.filter((word: PlacedText) => {
      const y = (word.yMin + word.yMax) / 2;
      return y > trimTop + (g.margin.top - 1) * PT_PER_MM && y < trimBottom - (g.margin.bottom - 1) * PT_PER_MM;
    });
    const characters = body.reduce((sum, word) => sum + [...word.text].length, 0);
    const xMin = Math.min(...body.map((word) => word.xMin));
    const xMax = Math.max(...body.map((word) => word.xMax));
    return { page: index + 1, characters, left: (xMin - trim.x1) / PT_PER_MM, right: (trim.x2 - xMax) / PT_PER_MM };
  });
  // Full pages only: a chapter opening or a chapter's last page leaves lines empty.
  const most = Math.max(...measured.map((page) => page.characters));
  return measured.filter((page) => page.characters > most * 0.9);
}

const built: Record<string, Measured[]> = {};

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'binding-'));
  for (const mode of ['vertical', 'horizontal']) {
    const book = join(root, `${mode}.md`);
    await writeFile(book, manuscript(mode));
    for (const profile of ['print-shop', 'kdp']) {
      const out = join(root, `${mode}-${profile}`);
      const result = await shared.run('build-pdf', ['--manuscript', book, '--out-dir', out, '--profile', profile]);
      expect(result.code, result.stderr).toBe(0);
      const loaded = await loadManuscript(book);
      const geometry = resolveGeometry(loaded.config, profile as Profile, loaded.locate);
      built[`${mode} ${profile}`] = await sideMargins(join(out, `${mode}-${profile}.pdf`), geometry);
    }
  }
}, 600_000);

describe('the ノド margin, measured against the binding', () => {
  for (const mode of ['vertical', 'horizontal']) {
    for (const profile of ['print-shop', 'kdp']) {
      it(`is the wider one by print.gutter on every full page (${mode}, ${profile})`, () => {
        const pages = built[`${mode} ${profile}`]!;
        expect(pages.length).toBeGreaterThanOrEqual(4);
        expect(new Set(pages.map((page) => page.page % 2)).size).toBe(2);
        for (const { page, left, right } of pages) {
          // 右綴じ (vertical): odd pages are bound on their right edge; 左綴じ (horizontal): on their left.
          const boundRight = (mode === 'vertical') === (page % 2 === 1);
          const binding = boundRight ? right : left;
          const fore = boundRight ? left : right;
          // poppler's boxes for vertical glyphs sit up to 0.5 mm off the ink, to one side.
          const place = `page ${page}: ノド ${binding.toFixed(1)} mm, 小口 ${fore.toFixed(1)} mm`;
          expect(binding - fore, place).toBeGreaterThan(GUTTER_MM - 1);
          expect(binding - fore, place).toBeLessThan(GUTTER_MM + 1);
        }
      });
    }
  }
});
