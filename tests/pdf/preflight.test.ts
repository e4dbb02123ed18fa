/**
 * Preflight on PDFs made here to break one rule each: the rule fails (or warns) and names the
 * pages; a PDF that keeps the rules passes. The command is run on such files too.
 */
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { applyPdfX1a, withPdfX1aHeader } from '../../scripts/pdf/press/pdfx.ts';
import { pageList, preflightPdf, type Expectations } from '../../scripts/pdf/inspect/preflight/index.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { makePdf, stream, type PageSpec } from '../helpers/make-pdf.ts';

const name = (key: string) => PDFName.of(key);
// 105 × 148 mm trimmed; print-shop pages carry 3 mm of bleed and 12 mm for marks around it.
const SHOP: Pick<PageSpec, 'size' | 'trim' | 'bleed'> = {
  size: [382.68, 504.57],
  trim: [42.52, 42.52, 297.64, 419.53],
  bleed: [34.02, 34.02, 314.65, 436.54],
};
const kdp = (page: number): Pick<PageSpec, 'size' | 'trim' | 'bleed'> => ({
  size: [306.64, 437.53],
  trim: [page % 2 === 1 ? 9 : 0, 9, 297.64, 419.53],
});
const text = 'BT /F1 9 Tf 0 g 60 300 Td (a) Tj ET';
const withFont = async (pdf: PDFDocument) => {
  // A TrueType font with its file embedded (the file's bytes do not matter to preflight).
  const font = pdf.context.register(
    pdf.context.obj({
      Type: 'Font',
      Subtype: 'TrueType',
      BaseFont: 'ABCDEF+Test',
      FontDescriptor: { FontFile2: stream(pdf.context, {}, 'x') },
    }),
  );
  for (const page of pdf.getPages()) page.node.Resources()!.set(name('Font'), pdf.context.obj({ F1: font }));
  return pdf;
};
const bytesOf = async (pdf: PDFDocument, pdfx = false) => {
  const bytes = await pdf.save({ useObjectStreams: false });
  return pdfx ? withPdfX1aHeader(bytes) : bytes;
};
const check = async (pdf: PDFDocument, expect: Partial<Expectations>, pdfx = false) => {
  const report = await preflightPdf(await bytesOf(pdf, pdfx), expect);
  return Object.fromEntries(report.items.map((item) => [item.id, item]));
};
const shopPages = (count: number, content = text) => Array.from({ length: count }, () => ({ content, ...SHOP }));
const X1A: Partial<Expectations> = { profile: 'print-shop', color: 'mono', pdfx: true };
const makeX1a = (pdf: PDFDocument) => {
  applyPdfX1a(pdf, { title: '本', created: new Date(0) });
  return pdf;
};

describe('preflight', () => {
  it('passes a one-colour PDF/X-1a print-shop file', async () => {
    const pdf = makeX1a(await withFont(await makePdf(shopPages(4))));
    const items = await check(pdf, X1A, true);
    expect(Object.values(items).filter((item) => item.status !== 'pass')).toEqual([]);
    expect(Object.keys(items)).toEqual([
      'fonts',
      'color',
      'transparency',
      'boxes',
      'pdfx',
      'annotations',
      'pages',
      'images',
      'hairlines',
    ]);
  });

  it('fails Type 3 and unembedded fonts, naming the pages', async () => {
    const pdf = await withFont(await makePdf(shopPages(3)));
    const loose = pdf.context.register(pdf.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica' }));
    const type3 = pdf.context.register(
      pdf.context.obj({
        Type: 'Font',
        Subtype: 'Type3',
        FontBBox: [0, 0, 1, 1],
        FontMatrix: [1, 0, 0, 1, 0, 0],
        CharProcs: {},
        Encoding: {},
        FirstChar: 0,
        LastChar: 0,
        Widths: [0],
      }),
    );
    pdf.getPage(1).node.Resources()!.lookup(name('Font'), PDFDict).set(name('F2'), loose);
    pdf.getPage(2).node.Resources()!.lookup(name('Font'), PDFDict).set(name('F3'), type3);
    const { fonts } = await check(pdf, { profile: 'kdp' });
    expect(fonts).toMatchObject({ status: 'fail', pages: [3, 2] });
    expect((await check(pdf, { profile: 'screen' })).fonts!.status).toBe('warn');
    expect(fonts!.detail).toBe('Type 3 fonts on page 3; fonts not embedded on page 2');
  });

  it('fails colour other than gray in a one-colour book, and RGB in PDF/X-1a, with pages', async () => {
    const pdf = await withFont(
      await makePdf([
        ...shopPages(2),
        { content: '1 0 0 rg 0 0 1 1 re f', ...SHOP },
        { content: '0 0 0 1 k 0 0 1 1 re f', ...SHOP },
      ]),
    );
    const mono = await check(pdf, { profile: 'print-shop', color: 'mono', pdfx: false });
    expect(mono.color).toMatchObject({
      status: 'fail',
      detail: 'not one colour: DeviceGray on pages 1, 2; DeviceRGB on page 3; DeviceCMYK on page 4'.replace(
        'DeviceGray on pages 1, 2; ',
        '',
      ),
      pages: [3, 4],
    });
    const x1a = await check(makeX1a(pdf), { profile: 'print-shop', color: 'color', pdfx: true }, true);
    expect(x1a.color).toMatchObject({ status: 'fail', pages: [3] });
    const screen = await check(pdf, { profile: 'screen' });
    expect(screen.color!.status).toBe('pass');
  });

  it('fails transparency in a one-colour book: opacity, soft masks, blend modes, groups', async () => {
    const pdf = await withFont(
      await makePdf([
        ...shopPages(1),
        { content: '/A gs 0 0 1 1 re f', resources: (c) => ({ ExtGState: { A: c.obj({ ca: 0.4 }) } }), ...SHOP },
        {
          content: '/B gs 0 0 1 1 re f',
          resources: (c) => ({ ExtGState: { B: c.obj({ BM: name('Multiply') }) } }),
          ...SHOP,
        },
      ]),
    );
    const { transparency } = await check(pdf, { profile: 'kdp', color: 'mono' });
    expect(transparency).toMatchObject({ status: 'fail', pages: [2, 3] });
    expect(transparency!.detail).toContain('opacity 0.4');
    expect(transparency!.detail).toContain('blend mode Multiply');
  });

  it('fails a page without a TrimBox, a trim outside the bleed, and a print-shop trim that touches the bleed', async () => {
    const pdf = await withFont(
      await makePdf([
        ...shopPages(1),
        { content: text, size: SHOP.size },
        { content: text, ...SHOP, bleed: SHOP.trim },
        { content: text, ...SHOP, trim: [0, 0, 400, 400] },
      ]),
    );
    const { boxes } = await check(pdf, { profile: 'print-shop', color: 'mono', pdfx: true });
    expect(boxes!.status).toBe('fail');
    expect(boxes!.detail).toContain('no TrimBox on page 2');
    expect(boxes!.detail).toContain('no bleed around the TrimBox on pages 2–4');
    expect(boxes!.detail).toContain('TrimBox outside the BleedBox on page 4');
  });

  it('fails a KDP file whose bleed is not on the top, bottom and outer edge only', async () => {
    const pdf = await withFont(await makePdf([1, 2, 3].map((n) => ({ content: text, ...kdp(n) }))));
    expect((await check(pdf, { profile: 'kdp' })).boxes!.status).toBe('pass');
    pdf.getPage(1).setTrimBox(9, 9, 288.64, 419.53);
    expect(await check(pdf, { profile: 'kdp' })).toMatchObject({ boxes: { status: 'fail', pages: [2] } });
  });

  it('fails PDF/X-1a without its keys, output intent or header, and with object streams', async () => {
    const pdf = await withFont(await makePdf(shopPages(2)));
    const plain = await check(pdf, X1A);
    expect(plain.pdfx!.status).toBe('fail');
    expect(plain.pdfx!.detail).toContain('GTS_PDFXVersion is missing');
    expect(plain.pdfx!.detail).toContain('no GTS_PDFX output intent');
    expect(plain.pdfx!.detail).toContain('PDF version 1.7');
    makeX1a(pdf);
    const packed = await preflightPdf(withPdfX1aHeader(await pdf.save({ useObjectStreams: true })), X1A);
    expect(packed.items.find((item) => item.id === 'pdfx')!.detail).toBe('object or cross-reference streams');
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
    info.set(name('Trapped'), name('Unknown'));
    info.set(name('GTS_PDFXConformance'), PDFString.of('PDF/X-3:2002'));
    const wrong = await check(pdf, X1A, true);
    expect(wrong.pdfx!.detail).toBe('GTS_PDFXConformance is PDF/X-3:2002; Trapped is /Unknown');
  });

  it('fails annotations and bookmarks for KDP, and annotations on the page for PDF/X', async () => {
    const pdf = await withFont(await makePdf([1, 2, 3].map((n) => ({ content: text, ...kdp(n) }))));
    const link = pdf.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, 50, 80, 60], Border: [0, 0, 0] });
    pdf.getPage(2).node.set(name('Annots'), pdf.context.obj([pdf.context.register(link)]));
    const outline = pdf.context.register(
      pdf.context.obj({ Title: PDFString.of('一'), Dest: [pdf.getPage(0).ref, name('Fit')] }),
    );
    pdf.catalog.set(name('Outlines'), pdf.context.obj({ Type: 'Outlines', First: outline, Last: outline, Count: 1 }));
    const { annotations } = await check(pdf, { profile: 'kdp' });
    expect(annotations).toMatchObject({ status: 'fail', pages: [3] });
    expect(annotations!.detail).toBe('KDP allows none: annotations or links on page 3; bookmarks (an outline)');

    const shop = makeX1a(await withFont(await makePdf(shopPages(2))));
    shop
      .getPage(1)
      .node.set(
        name('Annots'),
        shop.context.obj([
          shop.context.register(shop.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [50, 50, 80, 60] })),
        ]),
      );
    expect((await check(shop, X1A, true)).annotations).toMatchObject({ status: 'fail', pages: [2] });
  });

  it('measures KDP’s margins where the glyphs land: the top and bottom, the outer edge, and the gutter for the page count', async () => {
    // KDP pages with bleed on the outer edge: odd pages bound on the right, even on the left.
    // The test font has no widths or ascent: each glyph is 0.5 em wide, 1 em above the baseline, 0.2 below.
    const at = (x: number, y: number) => `BT /F1 9 Tf 0 g ${x} ${y} Td (a) Tj ET`;
    const content = (page: number) =>
      page === 3
        ? at(9 + 297.64 - 30 - 4.5, 200) // 30 pt from the binding on the right (trim: x, y, width, height)
        : page === 4
          ? at(150, 9 + 20 + 1.8) // 20 pt above the bottom edge
          : page === 6
            ? at(297.64 - 20 - 4.5, 200) // 20 pt from the outer edge on the right
            : at(150, 200);
    const book = async (count: number) =>
      withFont(await makePdf(Array.from({ length: count }, (_, i) => ({ content: content(i + 1), ...kdp(i + 1) }))));
    // 160 pages: a 0.5 in (36 pt) gutter; 0.375 in (27 pt) elsewhere.
    const { margins } = await check(await book(160), { profile: 'kdp' });
    expect(margins!.status).toBe('fail');
    expect(margins!.detail).toContain('text 10.6 mm from the gutter on page 3 (KDP: 12.7 mm)');
    expect(margins!.detail).toContain('text 7.1 mm from the bottom on page 4 (KDP: 9.5 mm)');
    expect(margins!.detail).toContain('text 7.1 mm from the outer edge on page 6 (KDP: 9.5 mm)');
    expect(margins!.pages.sort((a, b) => a - b)).toEqual([3, 4, 6]);
    // 100 pages need only 0.375 in at the gutter: page 3 passes, the others still fail.
    const short = await check(await book(100), { profile: 'kdp' });
    expect(short.margins!.pages.sort((a, b) => a - b)).toEqual([4, 6]);
    // A print shop's book is not held to KDP's margins.
    expect((await check(await book(100), { profile: 'print-shop', pdfx: false })).margins).toBeUndefined();
  });

  it('checks page counts: KDP’s limits and blank pages, a print shop’s multiple', async () => {
    // 30 pages: 3 blank in a row inside (pages 5–7), 11 blank at the end.
    const pages = Array.from({ length: 30 }, (_, i) => ({
      content: (i >= 4 && i <= 6) || i >= 19 ? '' : text,
      ...kdp(i + 1),
    }));
    const { pages: count } = await check(await withFont(await makePdf(pages)), { profile: 'kdp' });
    expect(count!.status).toBe('warn');
    expect(count!.detail).toBe(
      '11 blank pages at the end (KDP allows 10); 3 blank pages in a row (pages 5–7; KDP allows 2)',
    );
    expect(count!.pages).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 5, 6, 7]);

    const short = await check(await withFont(await makePdf([1, 2].map((n) => ({ content: text, ...kdp(n) })))), {
      profile: 'kdp',
    });
    expect(short.pages).toMatchObject({ status: 'warn', detail: '2 pages; KDP prints at least 24' });

    const six = await withFont(await makePdf(shopPages(6)));
    expect((await check(six, { profile: 'print-shop', padTo: 4 })).pages).toMatchObject({
      status: 'fail',
      detail: '6 pages is not a multiple of 4',
    });
    expect((await check(six, { profile: 'print-shop', padTo: 2 })).pages!.status).toBe('pass');
  });

  it('warns of images below the resolution the destination asks, by their size on the page', async () => {
    const image = (bits: number) => (context: import('pdf-lib').PDFContext) => ({
      XObject: {
        Im: stream(
          context,
          {
            Type: 'XObject',
            Subtype: 'Image',
            Width: 300,
            Height: 300,
            ColorSpace: name('DeviceGray'),
            BitsPerComponent: bits,
          },
          new Uint8Array(300 * 300),
        ),
      },
    });
    // 300 pixels over 72 pt (1 in) is 300 ppi; over 36 pt, 600 ppi.
    const pdf = await withFont(
      await makePdf([
        { content: 'q 72 0 0 72 60 60 cm /Im Do Q', resources: image(8), ...SHOP },
        { content: 'q 0 36 -36 0 60 60 cm /Im Do Q', resources: image(8), ...SHOP },
        { content: 'q 72 0 0 72 60 60 cm /Im Do Q', resources: image(1), ...SHOP },
      ]),
    );
    const shop = await check(pdf, { profile: 'print-shop' });
    expect(shop.images).toMatchObject({ status: 'warn', pages: [1, 3] });
    expect(shop.images!.detail).toBe(
      '2 of 3 image(s) below 350 / 600 ppi on pages 1, 3 (lowest 300 ppi on page 1: its 300 × 300 pixels print at 25 × 25 mm, which needs 350 × 350 pixels at 350 ppi)',
    );
    expect((await check(pdf, { profile: 'kdp' })).images!.status).toBe('pass');
  });

  it('warns of hairlines: thin strokes at their scale, and thin filled rules', async () => {
    const pdf = await withFont(
      await makePdf([
        { content: '0.5 w 0 0 m 100 0 l S', ...SHOP },
        { content: 'q 0.1 0 0 0.1 0 0 cm 1 w 0 0 m 100 0 l S Q', ...SHOP },
        { content: '10 10 200 0.1 re f', ...SHOP },
        { content: '0 w 0 0 m 1 1 l S', ...SHOP },
      ]),
    );
    const { hairlines } = await check(pdf, { profile: 'print-shop' });
    expect(hairlines).toMatchObject({ status: 'warn', pages: [2, 3, 4] });
    expect(hairlines!.detail).toBe('lines thinner than 0.25 pt (down to 0.00 pt) on pages 2–4');
  });

  it('warns of text under 7 pt for KDP, at its size on the page', async () => {
    const pages = [
      { content: 'BT /F1 9 Tf (a) Tj ET', ...kdp(1) },
      { content: 'q 0.5 0 0 0.5 0 0 cm BT /F1 12 Tf (a) Tj ET Q', ...kdp(2) },
      { content: 'BT /F1 12 Tf 0.5 0 0 0.5 0 0 Tm (a) Tj ET', ...kdp(3) },
    ];
    const { text: size } = await check(await withFont(await makePdf(pages)), { profile: 'kdp' });
    expect(size).toMatchObject({
      status: 'warn',
      pages: [2, 3],
      detail: 'text under 7 pt (down to 6.0 pt) on pages 2, 3',
    });
  });

  it('writes page lists as ranges', () => {
    expect(pageList([7, 1, 2, 3, 5, 9, 8, 11, 12])).toBe('pages 1–3, 5, 7–9, 11, 12');
    expect(pageList([4])).toBe('page 4');
    expect(pageList([1, 3, 5, 7, 9, 11, 13, 15, 17])).toBe('pages 1, 3, 5, 7, 9, 11 … (9 pages)');
  });
});

describe('npm run preflight', () => {
  it('prints the checklist and exits 1 with the failing rules and their pages, 0 when all pass', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preflight-'));
    const bad = join(dir, 'bad.pdf');
    const good = join(dir, 'good.pdf');
    await writeFile(
      bad,
      await bytesOf(await withFont(await makePdf([...shopPages(2), { content: '1 0 0 rg 0 0 9 9 re f', ...SHOP }]))),
    );
    await writeFile(good, await bytesOf(makeX1a(await withFont(await makePdf(shopPages(2)))), true));
    const failed = await runInProcess('preflight', [bad, '--profile', 'print-shop']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('preflight (print-shop, one colour, PDF/X-1a): FAILED');
    expect(failed.stdout).toMatch(/\[FAIL\] colour: not one colour: DeviceRGB on page 3$/m);
    expect(failed.stderr).toContain(`${bad}: error: colour: not one colour: DeviceRGB on page 3`);
    const passed = await runInProcess('preflight', [good]);
    expect(passed.stderr).toBe('');
    expect(passed.stdout).toContain('preflight (print-shop, one colour, PDF/X-1a): passed');
    expect(passed.code).toBe(0);
    expect((await runInProcess('preflight', [])).code).toBe(2);
    expect((await runInProcess('preflight', [good, '--profile', 'glossy'])).code).toBe(2);
    const missing = await runInProcess('preflight', [join(dir, 'none.pdf')]);
    expect(missing).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('none.pdf: error: cannot read the file (ENOENT)'),
    });
  });
});
