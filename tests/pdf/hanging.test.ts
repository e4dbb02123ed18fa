/**
 * The ぶら下げ pass in the page the PDF is printed from: marks hang where Chromium would push a
 * character down, nowhere else, the page stays sealed (its own scripts never run and cannot see
 * the pass), and the page is printed at its size.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontStylesheet } from '../../scripts/fonts/fontsource.ts';
import { hangPunctuation } from '../../scripts/pdf/render/hanging.ts';
import type { HangingReport } from '../../scripts/pdf/render/hanging-page.ts';
import { renderPdf } from '../../scripts/pdf/render/print.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { projectRoot } from '../helpers/cli.ts';
import { pageWords } from '../helpers/pdf.ts';

const shared = shareBrowser();
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hanging-'));
  browser = await shared.browser();
});

// 16 px type, lines of 15 characters; the page area reaches one character past the line's end.
const a = 'あ'.repeat(13);
const page = (paragraphs: string[], writingMode = 'vertical-rl') => `<!DOCTYPE html>
<html lang="ja" style="writing-mode: ${writingMode}"><head><meta charset="utf-8">
<link rel="stylesheet" href="${pathToFileURL(fontStylesheet('serif', 400)).href}">
<style>
@page { size: 120mm 120mm; margin: 10mm 10mm calc(110mm - 240px - 16px) 10mm; }
html { font: 16px/1.7 'Noto Serif JP'; line-break: strict; }
body { margin: 0; inline-size: 240px; }
p { margin: 0; text-indent: 1em; text-align: justify; }
.hang { display: inline-block; inline-size: 0; text-indent: 0; }
</style></head><body><section class="chapter">${paragraphs.map((text) => `<p>${text}</p>`).join('')}</section>
<script>document.querySelector('p').textContent = 'SCRIPT RAN'; window.__name = 'page';</script>
</body></html>`;

async function render(html: string): Promise<{ report: HangingReport; words: Awaited<ReturnType<typeof pageWords>> }> {
  const path = join(dir, `page-${Math.random()}.html`);
  await writeFile(path, html);
  let report: HangingReport | undefined;
  const bytes = await renderPdf(browser, path, {
    timeout: 60_000,
    allowedRoots: [dir, projectRoot],
    beforePrint: async (opened) => {
      report = await hangPunctuation(opened);
    },
  });
  const pdf = join(dir, `page-${Math.random()}.pdf`);
  await writeFile(pdf, bytes);
  return { report: report!, words: await pageWords(pdf) };
}

describe('the ぶら下げ pass', () => {
  it('lets a mark hang where Chromium would push the character before it down, and only there', async () => {
    const { report, words } = await render(
      page([
        // Pushed: 字 fits the first line, 、 does not.
        `${a}字、${'い'.repeat(10)}`,
        // Not pushed: 字 does not fit the first line anyway.
        `${a}漢字、${'い'.repeat(10)}`,
        // 。」 cannot both hang: left as Chromium sets it.
        `${a}字。」${'い'.repeat(10)}`,
      ]),
    );
    expect(report).toMatchObject({ blocks: 3, pushed: 1, hung: 1, undone: 0 });
    const glyphs = words[0]!.words;
    const marks = glyphs.filter((word) => word.text === '、');
    // 縦書き: the first line is the rightmost column, read top to bottom.
    const right = Math.max(...glyphs.map((word) => word.xMin));
    const firstLine = glyphs.filter((word) => Math.abs(word.xMin - right) < 2).sort((p, q) => p.yMin - q.yMin);
    // The first line holds 字 and the hanging 、 below the end of the line (15 characters, 180 pt).
    expect(firstLine.map((word) => word.text).join('')).toBe(`${a}字、`);
    const hung = firstLine.at(-1)!;
    expect(hung.yMin).toBeGreaterThan(firstLine[0]!.yMin + 14 * 12 - 1);
    expect(marks.length).toBe(2);
  });

  it("runs outside the page: the page's own script still never runs", async () => {
    const { words } = await render(page([`${a}字、${'い'.repeat(10)}`]));
    const text = words[0]!.words.map((word) => word.text).join('');
    expect(text).toContain('字、');
    expect(text).not.toContain('SCRIPT');
  });

  it('prints the page at its size: a hanging mark does not make Chromium shrink the page to fit', async () => {
    const hanging = await render(page([`${a}字、${'い'.repeat(10)}`]));
    const plain = await render(page([`${a}い${'い'.repeat(10)}`]));
    const size = (result: typeof hanging) => {
      const glyph = result.words[0]!.words.find((word) => word.text === 'い')!;
      return glyph.xMax - glyph.xMin;
    };
    expect(size(hanging)).toBeCloseTo(size(plain), 2);
    expect(size(plain)).toBeCloseTo(12, 1);
  });

  it('hangs marks at the right end of a 横書き line', async () => {
    const { report, words } = await render(page([`${a}字、${'い'.repeat(10)}`], 'horizontal-tb'));
    expect(report).toMatchObject({ pushed: 1, hung: 1 });
    // 横書き: the first line is the top one; it now ends with 字 and the hanging 、.
    const glyphs = words[0]!.words;
    const top = Math.min(...glyphs.map((word) => word.yMin));
    const firstLine = glyphs.filter((word) => Math.abs(word.yMin - top) < 2).sort((p, q) => p.xMin - q.xMin);
    expect(firstLine.map((word) => word.text).join('')).toBe(`${a}字、`);
  });
});
