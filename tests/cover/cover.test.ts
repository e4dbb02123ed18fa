/**
 * Covers built in-process from small manuscripts and read back as a print shop would: page boxes
 * with pdfinfo, glyph positions with pdftotext, fonts with pdffonts, the drawing with qpdf, the
 * barcodes with zbarimg on a rendering, and pixels of two covers compared.
 */
import { describe, expect, it } from 'vitest';
import { pageBoxes, pageWords, pdfFonts, type PlacedText } from '../helpers/pdf.ts';
import {
  contentText,
  coverOf,
  decodeBarcodes,
  PT,
  rectangles,
  renderRegion,
  sampleChapters,
  solidPng,
  type GreyImage,
} from './helpers.ts';

const chapter = { '01.md': '# 第一章\n\n吾輩は猫である。名前はまだ無い。\n' };
const yaml = (lines: string[]) => ({ 'book.yaml': `${lines.join('\n')}\n`, ...chapter });
const mm = (points: number) => points / PT;
const codes = ['isbn: 978-4-00-000000-0', 'cCode: C0093', 'price: 1500', 'description: 猫の紹介文。'];
const centre = (word: PlacedText) => ({ x: (word.xMin + word.xMax) / 2, y: (word.yMin + word.yMax) / 2 });

describe('spread size', () => {
  const cases = [
    { pages: 96, paper: '上質70kg', allowance: 0, spine: 4.8 },
    { pages: 240, paper: '上質90kg', allowance: 0, spine: 14.4 },
    { pages: 333, paper: '上質110kg', allowance: 0.8, spine: 167 * 0.14 + 0.8 },
    { pages: 500, paper: '淡クリームキンマリ', allowance: 0.3, spine: 25.3 },
  ];
  for (const { pages, paper, allowance, spine } of cases) {
    it(`is 2 × 105 + ${spine.toFixed(2)} by 148 mm for ${pages} pages of ${paper} (print shop, 3 mm bleed)`, async () => {
      const cover = await coverOf(
        yaml(['title: 猫', `print:`, `  cover:`, `    paper: ${paper}`, `    spineAllowance: ${allowance}`]),
        { profile: 'print-shop', pages },
      );
      expect(cover.spine.width).toBeCloseTo(spine, 10);
      const [boxes] = await pageBoxes(cover.path);
      const size = (box: { x1: number; y1: number; x2: number; y2: number }) => [
        mm(box.x2 - box.x1),
        mm(box.y2 - box.y1),
      ];
      const [trimWidth, trimHeight] = size(boxes!.TrimBox);
      expect(trimWidth).toBeCloseTo(210 + spine, 2);
      expect(trimHeight).toBeCloseTo(148, 2);
      const [bleedWidth, bleedHeight] = size(boxes!.BleedBox);
      expect(bleedWidth).toBeCloseTo(216 + spine, 2);
      expect(bleedHeight).toBeCloseTo(154, 2);
      expect(mm(boxes!.TrimBox.x1 - boxes!.BleedBox.x1)).toBeCloseTo(3, 2);
      // 12 mm around the bleed for the crop marks.
      const [mediaWidth, mediaHeight] = size(boxes!.MediaBox);
      expect(mediaWidth).toBeCloseTo(240 + spine, 2);
      expect(mediaHeight).toBeCloseTo(178, 2);
    });
  }

  it('uses KDP’s 0.125 in bleed and per-page inches, and no marks, for the kdp profile', async () => {
    const cover = await coverOf(yaml(['title: 猫', 'print:', '  format: a5', '  cover:', '    paper: kdp-cream']), {
      profile: 'kdp',
      pages: 300,
    });
    const [boxes] = await pageBoxes(cover.path);
    expect(mm(boxes!.TrimBox.x2 - boxes!.TrimBox.x1)).toBeCloseTo(296 + 19.05, 2);
    expect(mm(boxes!.MediaBox.x2 - boxes!.MediaBox.x1)).toBeCloseTo(296 + 19.05 + 6.35, 2);
    expect(mm(boxes!.MediaBox.y2 - boxes!.MediaBox.y1)).toBeCloseTo(210 + 6.35, 2);
    expect(boxes!.BleedBox).toEqual(boxes!.MediaBox);
    // No crop marks: nothing is stroked in registration colour (all four inks).
    expect(await contentText(cover.path)).not.toMatch(/1 1 1 1 K/);
  });

  it('draws 日本式トンボ and marks at the two spine folds for a print shop', async () => {
    const cover = await coverOf(yaml(['title: 猫']), { profile: 'print-shop', pages: 200 });
    const content = await contentText(cover.path);
    const strokes = [...content.matchAll(/(-?[\d.]+) (-?[\d.]+) m\s+(-?[\d.]+) (-?[\d.]+) l/g)].map((match) =>
      match.slice(1, 5).map(Number),
    );
    const vertical = strokes.filter(([x1, , x2]) => x1 === x2).map(([x]) => mm(x!));
    const [boxes] = await pageBoxes(cover.path);
    const trimLeft = mm(boxes!.TrimBox.x1);
    // The folds: 105 mm from the left trim edge and 10 mm (200 pages of 0.1 mm sheets) further.
    for (const fold of [trimLeft + 105, trimLeft + 115])
      expect(vertical.filter((x) => Math.abs(x - fold) < 0.01)).toHaveLength(2);
    expect(content).toMatch(/1 1 1 1 K/);
  });
});

describe('spine', () => {
  it('sets title, author and publisher vertically, centred on the spine, title from the top', async () => {
    const cover = await coverOf(yaml(['title: 吾輩は猫である', 'author: 夏目漱石', 'publisher: 試験出版']), {
      profile: 'print-shop',
      pages: 240,
    });
    const [page] = await pageWords(cover.path);
    const [boxes] = await pageBoxes(cover.path);
    const spineCentre = boxes!.TrimBox.x1 + (105 + 6) * PT;
    const onSpine = page!.words.filter((word) => Math.abs(centre(word).x - spineCentre) < 6 * PT);
    const text = [...onSpine]
      .sort((a, b) => a.yMin - b.yMin)
      .map((word) => word.text)
      .join('');
    expect(text).toBe('吾輩は猫である夏目漱石試験出版');
    // One column: every glyph's centre on the spine's centre line, within 0.1 mm.
    for (const word of onSpine) expect(mm(Math.abs(centre(word).x - spineCentre))).toBeLessThan(0.1);
    // Vertical: each glyph below the one before; the title starts near the head, the publisher ends near the foot.
    const ys = onSpine.map((word) => centre(word).y).sort((a, b) => a - b);
    expect(new Set(ys).size).toBe(ys.length);
    const trimTop = page!.height - boxes!.TrimBox.y2;
    expect(mm(onSpine.reduce((top, word) => Math.min(top, word.yMin), Infinity) - trimTop)).toBeLessThan(14);
    const trimBottom = page!.height - boxes!.TrimBox.y1;
    expect(mm(trimBottom - onSpine.reduce((bottom, word) => Math.max(bottom, word.yMax), 0))).toBeLessThan(14);
  });

  it('uses the font’s vertical forms: a long vowel mark stands as a vertical stroke', async () => {
    const cover = await coverOf(yaml(['title: ーー']), { profile: 'print-shop', pages: 300 });
    // 300 pages of 0.1 mm sheets: the spine runs from 120 to 135 mm across the page (10 pixels a mm).
    const spine = await renderRegion(cover.path, 254, { x: 1200, y: 200, width: 150, height: 1400 });
    const dark = [...spine.pixels.entries()].filter(([, value]) => value < 128).map(([index]) => index % spine.width);
    expect(dark.length).toBeGreaterThan(0);
    // The glyphs are 20 pt (7 mm); a horizontal bar would be about 6 mm wide, the vertical one is a stroke.
    expect((Math.max(...dark) - Math.min(...dark)) / 10).toBeLessThan(2);
  });

  it('is left out, with a notice, on a spine thinner than 4 mm', async () => {
    const cover = await coverOf(yaml(['title: 吾輩は猫である']), { profile: 'print-shop', pages: 60 });
    expect(cover.notices.join()).toMatch(/spine text left out: the spine is 3\.00 mm, under 4 mm/);
    const [page] = await pageWords(cover.path);
    expect(page!.words.map((word) => word.text).join('')).not.toContain('吾');
  });

  it('is left out for KDP under 79 pages, and can be turned off or shortened', async () => {
    const kdp = await coverOf(yaml(['title: 猫', 'print:', '  format: a5']), { profile: 'kdp', pages: 78 });
    expect(kdp.notices.join()).toMatch(/KDP allows spine text from 79 pages/);
    const off = await coverOf(yaml(['title: 猫', 'print:', '  cover:', '    spineText: false']), {
      profile: 'print-shop',
      pages: 300,
    });
    expect(off.notices.join()).toMatch(/spineText is false/);
    const short = await coverOf(
      yaml(['title: とても長い書名のための短い背の書名', 'print:', '  cover:', '    spineText: 短い書名']),
      { profile: 'print-shop', pages: 300 },
    );
    const [page] = await pageWords(short.path);
    expect(page!.words.map((word) => word.text).join('')).toContain('短い書名');
  });

  it('turns Latin runs sideways and keeps one or two half-width characters upright', async () => {
    const cover = await coverOf(yaml(['title: EPUB入門 第2版?']), { profile: 'print-shop', pages: 300 });
    const [page] = await pageWords(cover.path);
    const epub = page!.words.find((word) => word.text === 'EPUB');
    expect(epub).toBeDefined();
    // Sideways: the word's box is taller than wide, where upright it would be four times wider than tall.
    expect(epub!.yMax - epub!.yMin).toBeGreaterThan(1.5 * (epub!.xMax - epub!.xMin));
    const two = page!.words.find((word) => word.text === '2');
    expect(two!.xMax - two!.xMin).toBeLessThan(two!.yMax - two!.yMin);
  });
});

describe('panels', () => {
  it('puts the front on the left and the back on the right for a vertical book, the mirror for a horizontal one', async () => {
    for (const writingMode of ['vertical', 'horizontal'] as const) {
      const cover = await coverOf(yaml(['title: 猫', `writingMode: ${writingMode}`, ...codes]), {
        profile: 'print-shop',
        pages: 200,
      });
      const [page] = await pageWords(cover.path);
      const isbn = page!.words.find((word) => word.text.startsWith('ISBN978'));
      const description = page!.words.find((word) => word.text.includes('紹'));
      const middle = page!.width / 2;
      for (const word of [isbn!, description!]) {
        if (writingMode === 'vertical') expect(word.xMin).toBeGreaterThan(middle);
        else expect(word.xMax).toBeLessThan(middle);
      }
    }
  });

  it('places the 書籍JANコード 10 mm from the top and 12 mm from the spine, and it decodes', async () => {
    for (const writingMode of ['vertical', 'horizontal'] as const) {
      const cover = await coverOf(yaml(['title: 猫', `writingMode: ${writingMode}`, ...codes]), {
        profile: 'print-shop',
        pages: 200,
      });
      expect(await decodeBarcodes(cover.path)).toEqual(['EAN-13:1920093015004', 'EAN-13:9784000000000']);
      const bars = rectangles(await contentText(cover.path)).filter((rect) => rect.height > 20 * PT && rect.width < 2);
      const [boxes] = await pageBoxes(cover.path);
      const top = Math.max(...bars.map((bar) => bar.y + bar.height));
      expect(mm(boxes!.TrimBox.y2 - top)).toBeCloseTo(10, 2);
      // The symbol's edge towards the spine is its quiet zone, 11 modules of 0.33 mm before the first bar.
      const quiet = 11 * 0.33;
      if (writingMode === 'vertical') {
        const fold = boxes!.TrimBox.x1 + 115 * PT;
        expect(mm(Math.min(...bars.map((bar) => bar.x)) - fold) - quiet).toBeCloseTo(12, 2);
      } else {
        const fold = boxes!.TrimBox.x1 + 105 * PT;
        const symbolWidth = 113 * 0.33;
        expect(mm(fold - Math.min(...bars.map((bar) => bar.x))) - symbolWidth + quiet).toBeCloseTo(12, 2);
      }
    }
  });

  it('prints the ISBN without a price bar when no Cコード and price are given', async () => {
    const cover = await coverOf(yaml(['title: 猫', 'isbn: 4-10-101001-3']), { profile: 'print-shop', pages: 200 });
    expect(await decodeBarcodes(cover.path)).toEqual(['EAN-13:9784101010014']);
    const [page] = await pageWords(cover.path);
    expect(page!.words.map((word) => word.text)).toContain('ISBN978-4-10-101001-4');
  });

  it('keeps KDP’s barcode area free and draws no barcode for KDP', async () => {
    const long = '猫が好きな人のための本です。'.repeat(40);
    const cover = await coverOf(
      yaml(['title: 猫', `description: ${long}`, 'isbn: 978-4-00-000000-0', 'print:', '  format: a5']),
      { profile: 'kdp', pages: 200 },
    );
    expect(await decodeBarcodes(cover.path, 200)).toEqual([]);
    const [page] = await pageWords(cover.path);
    const [boxes] = await pageBoxes(cover.path);
    // Vertical book: the back is on the right, its spine side on the left.
    const fold = boxes!.TrimBox.x1 + (148 + cover.spine.width) * PT;
    const area = {
      left: fold + 6.35 * PT,
      right: fold + (6.35 + 50.8) * PT,
      bottom: page!.height - boxes!.TrimBox.y1 - 6.35 * PT,
      top: page!.height - boxes!.TrimBox.y1 - (6.35 + 30.48) * PT,
    };
    const inside = page!.words.filter(
      (word) => word.xMax > area.left && word.xMin < area.right && word.yMax > area.top && word.yMin < area.bottom,
    );
    expect(inside).toEqual([]);
    // The description did fill the back down to the area.
    const lowest = Math.max(...page!.words.filter((word) => word.xMin > fold).map((word) => word.yMax));
    expect(lowest).toBeGreaterThan(area.top - 20 * PT);
    expect(cover.notices.join()).toMatch(/KDP prints the ISBN barcode/);
  });

  it('embeds every font as a subset CID TrueType font, never Type 3', async () => {
    const cover = await coverOf(yaml(['title: 吾輩は猫である', 'author: 夏目漱石', 'publisher: 試験出版', ...codes]), {
      profile: 'print-shop',
      pages: 240,
    });
    const fonts = await pdfFonts(cover.path);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.type).toBe('CID TrueType');
      expect(font.embedded && font.subset).toBe(true);
    }
  });
});

describe('changing the paper or the page count', () => {
  it('moves the back by the change in spine width and leaves front and back as they were', async () => {
    const files = {
      ...(await sampleChapters()),
      'book.yaml': [
        'title: 吾輩は猫である',
        'author: 夏目漱石',
        'description: 中学教師苦沙弥先生の書斎に集まる人々の姿を、猫の目から風刺的に描く。',
        ...codes.slice(0, 3),
      ].join('\n'),
    };
    // 254 dpi is 10 pixels a millimetre: a 10 mm change of spine is exactly 100 pixels.
    const thin = await coverOf(files, { profile: 'print-shop', pages: 200 });
    const thick = await coverOf(
      { ...files, 'book.yaml': `${files['book.yaml']}\nprint:\n  cover:\n    paper: 上質110kg` },
      {
        profile: 'print-shop',
        pages: 200,
      },
    );
    expect(thick.spine.width - thin.spine.width).toBeCloseTo(4, 10);
    const more = await coverOf(files, { profile: 'print-shop', pages: 400 });
    expect(more.spine.width - thin.spine.width).toBeCloseTo(10, 10);
    // Pixels that differ by more than an anti-aliased edge does when it falls a hair differently
    // (a float's last digit moves a bar edge by a fraction of a pixel).
    const differing = (a: GreyImage, b: GreyImage) => {
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      return a.pixels.reduce((count, value, index) => count + (Math.abs(value - b.pixels[index]!) > 48 ? 1 : 0), 0);
    };
    // The front with its bleed, left of the first fold; above and below, the centre marks sit
    // on the middle of the spread, which moves with the spine.
    const front = { x: 0, y: 120, width: 1200, height: 1540 };
    expect(differing(await renderRegion(more.path, 254, front), await renderRegion(thin.path, 254, front))).toBe(0);
    // The back from its fold to the edge of the page, 10 mm further right on the thicker book.
    const back = (spine: number) => ({ x: 1200 + spine * 10, y: 120, width: 1200, height: 1540 });
    expect(differing(await renderRegion(more.path, 254, back(20)), await renderRegion(thin.path, 254, back(10)))).toBe(
      0,
    );
    // Text on the back keeps its place relative to the spine.
    const [thinPage] = await pageWords(thin.path);
    const [thickPage] = await pageWords(thick.path);
    const backWords = (words: readonly PlacedText[], from: number) =>
      words
        .filter((word) => word.xMin > from)
        .map((word) => [word.text, (word.xMin - from).toFixed(2), word.yMin.toFixed(2)]);
    expect(backWords(thickPage!.words, (12 + 3 + 105 + 14) * PT)).toEqual(
      backWords(thinPage!.words, (12 + 3 + 105 + 10) * PT),
    );
  });
});

describe('the cover image', () => {
  it('fills the front and its bleed, and a small image is reported at the cover line', async () => {
    const cover = await coverOf(
      { 'book.yaml': 'title: 猫\ncover: images/cover.png\n', 'images/cover.png': solidPng(300, 420), ...chapter },
      { profile: 'print-shop', pages: 200 },
    );
    const warning = cover.warnings.find((item) => item.ruleId === 'cover-image-resolution');
    expect(warning).toMatchObject({ line: 2, message: expect.stringMatching(/prints at 69 dpi/) });
    // The blue reaches the outer bleed edge and stops at the spine fold (4 pixels a millimetre).
    const dpi = 25.4 * 4;
    const row = await renderRegion(cover.path, dpi, { x: 0, y: 40 * 4, width: 1000, height: 1 });
    const dark = [...row.pixels.entries()].filter(([, value]) => value < 128).map(([index]) => index / 4);
    expect(Math.min(...dark)).toBeCloseTo(12, 0);
    expect(Math.max(...dark)).toBeCloseTo(12 + 3 + 105, 0);
  });
});
