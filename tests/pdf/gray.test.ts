/**
 * The one-colour conversion on PDFs made here with pdf-lib, one construct per case as Chromium
 * writes it: colour operators, colour spaces, an image with a soft mask, a gradient, opacity,
 * a transparency group. Each result is read back by the preflight's own reader.
 */
import { inflateSync } from 'node:zlib';
import { PDFDict, PDFHexString, PDFName, PDFRawStream, PDFRef, StandardFonts, type PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { convertToGray } from '../../scripts/pdf/press/gray/convert.ts';
import { readPdfFacts } from '../../scripts/pdf/inspect/preflight/document.ts';
import { makePdf, pageContent, stream } from '../helpers/make-pdf.ts';

const name = (key: string) => PDFName.of(key);
const facts = async (pdf: PDFDocument) => readPdfFacts(await pdf.save({ useObjectStreams: false }));

describe('convertToGray', () => {
  it('turns RGB and CMYK colour operators into gray by the specification’s formulas, text staying in its font', async () => {
    const pdf = await makePdf([
      { content: 'BT /F1 12 Tf 0 0 0 rg 1 0 0 RG 10 10 Td (Ab) Tj ET 0 0 0 1 k 1 1 1 1 K 0 0 1 rg' },
    ]);
    const font = await pdf.embedFont(StandardFonts.TimesRoman);
    pdf
      .getPage(0)
      .node.Resources()!
      .set(name('Font'), pdf.context.obj({ F1: font.ref }));
    const before = await facts(pdf);
    expect([...before.pages[0]!.colorSpaces].sort()).toEqual(['DeviceCMYK', 'DeviceRGB']);

    const report = convertToGray(pdf);
    expect(report.problems).toEqual([]);
    expect(pageContent(pdf, 0)).toBe('BT /F1 12 Tf 0 g 0.3 G 10 10 Td (Ab) Tj ET 0 g 0 G 0.11 g');
    const after = await facts(pdf);
    expect([...after.pages[0]!.colorSpaces]).toEqual(['DeviceGray']);
    expect(after.pages[0]!.fonts.map((f) => f.name)).toEqual(['Times-Roman']);
  });

  it('reads the components of sc in the space rg or k set, as the graphics state has it', async () => {
    // rg sets DeviceRGB as well as the colour: the sc after it gives RGB components, which the
    // DeviceGray the conversion writes instead needs as one gray.
    const pdf = await makePdf([{ content: '1 0 0 rg 0 1 0 sc 0 0 5 5 re f 0 0 0 1 K 0 0 1 0 SC S' }]);
    convertToGray(pdf);
    expect(pageContent(pdf, 0)).toBe('0.3 g 0.59 sc 0 0 5 5 re f 0 G 0.89 SC S');
  });

  it('replaces ICC-based and indexed colour spaces with DeviceGray and converts their colours', async () => {
    const pdf = await makePdf([
      {
        content: '/C0 cs 1 0 0 sc /C1 CS 1 SC 0 0 5 5 re B',
        resources: (context) => ({
          ColorSpace: {
            C0: context.obj([name('ICCBased'), stream(context, { N: 3 }, 'profile')]),
            // A two-colour palette: black and green.
            C1: context.obj([name('Indexed'), name('DeviceRGB'), 1, PDFHexString.of('000000' + '00ff00')]),
          },
        }),
      },
    ]);
    convertToGray(pdf);
    expect(pageContent(pdf, 0)).toBe('/DeviceGray cs 0.3 sc /DeviceGray CS 0.59 SC 0 0 5 5 re B');
  });

  it('flattens opacity onto white: colours are set again, lighter, and the ExtGState loses ca and BM', async () => {
    const pdf = await makePdf([
      {
        content: '0 g /A gs 0 0 10 10 re f q /B gs 1 0 0 rg 0 0 5 5 re f Q 0 0 2 2 re f',
        resources: (context) => ({
          ExtGState: { A: context.obj({ ca: 0.5, BM: name('Normal') }), B: context.obj({ ca: 0.5 }) },
        }),
      },
    ]);
    expect([...(await facts(pdf)).pages[0]!.transparency]).toEqual(['opacity 0.5']);
    convertToGray(pdf);
    // Inside q…Q the opacity is 0.5 × 0.5 (a form's own gs would multiply; on a page it sets).
    expect(pageContent(pdf, 0)).toBe(
      '0 g /A gs /DeviceGray cs 0.5 sc 0 0 10 10 re f q /B gs 0.65 g 0 0 5 5 re f Q 0 0 2 2 re f',
    );
    const after = await facts(pdf);
    expect([...after.pages[0]!.transparency]).toEqual([]);
    const state = pdf.getPage(0).node.Resources()!.lookup(name('ExtGState'), PDFDict).lookup(name('A'), PDFDict);
    expect([...state.keys()].map(String)).toEqual([]);
  });

  it('lightens every use of an ExtGState that pages share, not only the first', async () => {
    // Chromium writes one ExtGState object for an opacity and names it on every page that uses it.
    let shared: PDFRef | undefined;
    const resources = (context: PDFDocument['context']) => {
      shared ??= context.register(context.obj({ ca: 0.5 }));
      return { ExtGState: { A: shared } };
    };
    const content = '0 g /A gs 0 0 10 10 re f';
    const pdf = await makePdf([
      { content, resources },
      { content, resources },
    ]);
    convertToGray(pdf);
    for (const page of [0, 1]) expect(pageContent(pdf, page)).toBe('0 g /A gs /DeviceGray cs 0.5 sc 0 0 10 10 re f');
    expect([...pdf.context.lookup(shared!, PDFDict).keys()].map(String)).toEqual([]);
  });

  it('turns an RGB image with a soft mask into DeviceGray samples composited onto white', async () => {
    const pdf = await makePdf([
      {
        content: 'q 100 0 0 50 10 10 cm /Im Do Q',
        resources: (context) => {
          const mask = stream(
            context,
            {
              Type: 'XObject',
              Subtype: 'Image',
              Width: 2,
              Height: 1,
              ColorSpace: name('DeviceGray'),
              BitsPerComponent: 8,
            },
            new Uint8Array([255, 0]),
            true,
          );
          const image = stream(
            context,
            {
              Type: 'XObject',
              Subtype: 'Image',
              Width: 2,
              Height: 1,
              ColorSpace: context.obj([name('ICCBased'), stream(context, { N: 3 }, 'p')]),
              BitsPerComponent: 8,
              SMask: mask,
            },
            new Uint8Array([255, 0, 0, 0, 0, 255]),
            true,
          );
          return { XObject: { Im: image } };
        },
      },
    ]);
    expect([...(await facts(pdf)).pages[0]!.transparency]).toEqual(['image soft mask']);
    const report = convertToGray(pdf);
    expect(report.images).toBe(1);
    const ref = pdf.getPage(0).node.Resources()!.lookup(name('XObject'), PDFDict).get(name('Im')) as PDFRef;
    const image = pdf.context.lookup(ref) as PDFRawStream;
    expect(image.dict.lookup(name('ColorSpace'))).toBe(name('DeviceGray'));
    expect(image.dict.has(name('SMask'))).toBe(false);
    // Red at full coverage: 0.3 × 255; blue with no coverage: the paper.
    expect([...inflateSync(image.contents)]).toEqual([77, 255]);
    const after = await facts(pdf);
    expect([...after.pages[0]!.colorSpaces]).toEqual(['DeviceGray']);
    expect([...after.pages[0]!.transparency]).toEqual([]);
  });

  it('gives gradients gray functions: exponential, stitching and calculator', async () => {
    const pdf = await makePdf([
      {
        content: '/S1 sh /S2 sh /S3 sh',
        resources: (context) => ({
          Shading: {
            S1: context.obj({
              ShadingType: 2,
              ColorSpace: name('DeviceRGB'),
              Coords: [0, 0, 1, 0],
              Function: { FunctionType: 2, Domain: [0, 1], C0: [1, 0, 0], C1: [0, 0, 1], N: 1 },
            }),
            S2: context.obj({
              ShadingType: 2,
              ColorSpace: name('DeviceRGB'),
              Coords: [0, 0, 1, 0],
              Function: {
                FunctionType: 3,
                Domain: [0, 1],
                Bounds: [0.5],
                Encode: [0, 1, 0, 1],
                Functions: [
                  { FunctionType: 2, Domain: [0, 1], C0: [1, 1, 1], C1: [0, 1, 0], N: 1 },
                  { FunctionType: 2, Domain: [0, 1], C0: [0, 1, 0], C1: [0, 0, 0], N: 1 },
                ],
              },
            }),
            S3: context.obj({
              ShadingType: 2,
              ColorSpace: name('DeviceRGB'),
              Coords: [0, 0, 1, 0],
              Function: stream(context, { FunctionType: 4, Domain: [0, 1], Range: [0, 1, 0, 1, 0, 1] }, '{ dup dup }'),
            }),
          },
        }),
      },
    ]);
    expect([...(await facts(pdf)).pages[0]!.colorSpaces]).toEqual(['DeviceRGB']);
    convertToGray(pdf);
    const shadings = pdf.getPage(0).node.Resources()!.lookup(name('Shading'), PDFDict);
    const s1 = shadings.lookup(name('S1'), PDFDict);
    expect(String(s1.lookup(name('ColorSpace')))).toBe('/DeviceGray');
    expect(String(s1.lookup(name('Function'), PDFDict).lookup(name('C0')))).toBe('[ 0.3 ]');
    expect(String(s1.lookup(name('Function'), PDFDict).lookup(name('C1')))).toBe('[ 0.11 ]');
    const s2 = shadings.lookup(name('S2'), PDFDict).lookup(name('Function'), PDFDict);
    expect(String(s2.lookup(name('Functions')))).toMatch(
      /C0 \[ 1 \][\s\S]*C1 \[ 0\.59 \][\s\S]*C0 \[ 0\.59 \][\s\S]*C1 \[ 0 \]/,
    );
    const s3 = pdf.context.lookup(shadings.lookup(name('S3'), PDFDict).get(name('Function'))) as PDFRawStream;
    // The calculator's three outputs (t t t) end as one: 0.3 t + 0.59 t + 0.11 t.
    expect(Buffer.from(s3.contents).toString('latin1')).toBe('{ dup dup  0.11 mul exch 0.59 mul add exch 0.3 mul add}');
    expect(String(s3.dict.lookup(name('Range')))).toBe('[ 0 1 ]');
    expect([...(await facts(pdf)).pages[0]!.colorSpaces]).toEqual(['DeviceGray']);
  });

  it('rewrites forms and drops their transparency group once what they hold is opaque', async () => {
    const pdf = await makePdf([
      {
        content: '/Fm Do',
        resources: (context) => ({
          XObject: {
            Fm: stream(
              context,
              {
                Type: 'XObject',
                Subtype: 'Form',
                BBox: [0, 0, 10, 10],
                Group: { S: name('Transparency'), CS: name('DeviceRGB') },
                Resources: {},
              },
              '0 1 0 rg 0 0 10 10 re f',
              true,
            ),
          },
        }),
      },
    ]);
    expect([...(await facts(pdf)).pages[0]!.transparency]).toEqual(['transparency group']);
    convertToGray(pdf);
    const after = await facts(pdf);
    expect([...after.pages[0]!.colorSpaces]).toEqual(['DeviceGray']);
    expect([...after.pages[0]!.transparency]).toEqual([]);
  });

  it('reports, with the page, what cannot be flattened without rasterising', async () => {
    const pdf = await makePdf([
      { content: '0 g' },
      {
        content: '/M gs 1 0 0 rg 0 0 1 1 re f',
        resources: (context) => ({
          ExtGState: {
            M: context.obj({
              SMask: { S: name('Luminosity'), G: stream(context, { Subtype: 'Form', BBox: [0, 0, 1, 1] }, '') },
            }),
          },
        }),
      },
    ]);
    const report = convertToGray(pdf);
    expect(report.problems).toEqual([{ page: 2, message: expect.stringContaining('soft mask') }]);
  });
});
