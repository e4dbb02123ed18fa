/**
 * What the PDF build tells the author, worded by the build itself: each finding becomes a warning
 * with its rule id and place, in reading order, and a failed preflight becomes the error that
 * stops the build.
 */
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../scripts/errors.ts';
import type { PreflightReport } from '../../scripts/pdf/inspect/preflight/index.ts';
import { missingGlyphWarnings, pdfWarnings, preflightError } from '../../scripts/pdf/warnings.ts';

const report = (items: PreflightReport['items']): PreflightReport => ({
  expectations: { profile: 'print-shop', color: 'mono', pdfx: true },
  pages: 12,
  items,
  failed: items.some((item) => item.status === 'fail'),
});

describe('the PDF build’s warnings', () => {
  it('words blocked requests, missing characters (in the text, then only in running heads), Type 3 fonts and preflight warnings', () => {
    const warnings = pdfWarnings({
      metadataFile: '/book/book.yaml',
      blocked: ['https://example.com/a.png'],
      missingGlyphs: [{ char: '\uE000', place: { file: '/book/01.md', line: 3, column: 9 }, more: 2 }],
      // 〓 is drawn for a character both in the text and in a running head: said once, for the text.
      missingInMarks: ['\uE000', '\uE001'],
      type3Fonts: 1,
      preflight: report([
        { id: 'fonts', title: 'fonts', status: 'fail', detail: 'Type 3 fonts on page 3', pages: [3] },
        {
          id: 'images',
          title: 'image resolution',
          status: 'warn',
          detail: '1 of 1 image(s) below 350 ppi',
          pages: [5],
        },
        { id: 'hairlines', title: 'hairlines', status: 'pass', detail: 'no line thinner than 0.25 pt', pages: [] },
      ]),
    });
    expect(warnings).toEqual([
      {
        message: 'blocked a request for https://example.com/a.png: a build loads nothing from outside the book',
        hint: 'put the file in the manuscript folder and refer to it by its relative path (a remote picture in raw HTML, a web font)',
        file: '/book/book.yaml',
        ruleId: 'pdf-blocked-request',
      },
      {
        message: 'no font of the book has “\uE000” (U+E000): the PDF prints 〓 in its place (and 2 more)',
        file: '/book/01.md',
        line: 3,
        column: 9,
        hint: 'reword, or name a font that has the character as print.bodyFont / print.headingFont (docs/fonts.md)',
        ruleId: 'pdf-missing-glyph',
      },
      {
        message: 'no font of the book has “\uE001” (U+E001): running heads print 〓 in its place',
        hint: 'reword, or name a font that has the character as print.bodyFont / print.headingFont (docs/fonts.md)',
        file: '/book/book.yaml',
        ruleId: 'pdf-missing-glyph',
      },
      {
        message:
          '1 font(s) were embedded as Type 3, which print shops reject: a font the book names is a PostScript-outline (CFF) or variable font',
        hint: 'name a TrueType (.ttf) font with static outlines as bodyFont / headingFont',
        file: '/book/book.yaml',
        ruleId: 'pdf-type3-font',
      },
      {
        message: 'preflight: image resolution: 1 of 1 image(s) below 350 ppi',
        hint: 'use a larger picture file (the pixels it needs are above), or print the picture smaller',
        ruleId: 'preflight-images',
      },
    ]);
  });

  it('warns of the fonts rule as preflight words it when no font was embedded as Type 3', () => {
    const fonts = {
      id: 'fonts',
      title: 'fonts',
      status: 'warn' as const,
      detail: 'fonts not embedded on page 2',
      pages: [2],
    };
    const warnings = pdfWarnings({
      metadataFile: '/book/book.yaml',
      blocked: [],
      missingGlyphs: [],
      missingInMarks: [],
      type3Fonts: 0,
      preflight: report([fonts]),
    });
    expect(warnings).toEqual([
      {
        message: 'preflight: fonts: fonts not embedded on page 2',
        // Every preflight warning says what to change.
        hint: expect.stringMatching(/^name a TrueType \(\.ttf\) font .* as print\.bodyFont \/ print\.headingFont/),
        ruleId: 'preflight-fonts',
      },
    ]);
  });

  it('gives the characters no font has as the warnings --strict stops on before the layout', () => {
    expect(
      missingGlyphWarnings([{ char: 'α', place: { file: '/book/book.yaml', line: 1, column: 8 }, more: 0 }]),
    ).toEqual([
      {
        message: 'no font of the book has “α” (U+03B1): the PDF prints 〓 in its place',
        file: '/book/book.yaml',
        line: 1,
        column: 8,
        hint: 'reword, or name a font that has the character as print.bodyFont / print.headingFont (docs/fonts.md)',
        ruleId: 'pdf-missing-glyph',
      },
    ]);
  });

  it('stops the build on a failed preflight, naming each failed rule', () => {
    const error = preflightError(
      report([
        { id: 'fonts', title: 'fonts', status: 'fail', detail: 'Type 3 fonts on page 3', pages: [3] },
        { id: 'boxes', title: 'page boxes', status: 'fail', detail: 'no TrimBox on page 1', pages: [1] },
        { id: 'images', title: 'image resolution', status: 'warn', detail: 'low', pages: [5] },
      ]),
    );
    expect(error).toBeInstanceOf(BuildError);
    expect(error.message).toBe('preflight failed: fonts: Type 3 fonts on page 3; page boxes: no TrimBox on page 1');
    // Each failed rule with the setting that fixes it, then where the profiles are explained.
    expect(error.hint).toMatch(/^fonts: name a TrueType \(\.ttf\) font /);
    expect(error.hint).toContain('; page boxes: the page boxes come from print.format, print.bleed and the profile');
    expect(error.hint).toMatch(
      /nothing was written; docs\/print\.md, "Sending the book to a printer", says what each profile needs$/,
    );
    expect(error.ruleId).toBe('preflight');
  });
});

describe('KDP’s 7 pt and the ruby', () => {
  const typeSize = (value: number) =>
    report([
      {
        id: 'text',
        title: 'type size',
        status: 'warn',
        detail: `text under 7 pt (down to ${value.toFixed(1)} pt) on pages 3–5`,
        pages: [3, 4, 5],
        value,
      },
    ]);
  const found = { metadataFile: '/book/book.yaml', blocked: [], missingGlyphs: [], missingInMarks: [], type3Fonts: 0 };

  it('says that the small text is the ruby, at half the body size, and what would change it', () => {
    expect(pdfWarnings({ ...found, preflight: typeSize(4.5), bodyPt: 9 })).toEqual([
      {
        message:
          'KDP asks for text of at least 7 pt; the smallest here is the ruby and 傍点, set at half the 9 pt body (down to 4.5 pt), on pages 3–5',
        hint: expect.stringContaining('ruby reaches 7 pt with a 14 pt body (print.kdp.fontSize: 14)'),
        file: '/book/book.yaml',
        ruleId: 'preflight-text',
      },
    ]);
  });

  it('keeps the preflight’s words for text smaller than the ruby', () => {
    expect(pdfWarnings({ ...found, preflight: typeSize(3), bodyPt: 9 })).toEqual([
      {
        message: 'preflight: type size: text under 7 pt (down to 3.0 pt) on pages 3–5',
        hint: expect.stringContaining('print.fontSize'),
        ruleId: 'preflight-text',
      },
    ]);
  });
});
