/**
 * What a print destination asks of the PDF, resolved from the profile and `print:`: one colour
 * or not, PDF/X-1a, crop marks, padding, 隠しノンブル, and Amazon KDP's type size and page
 * count. Plain functions, tested without a browser.
 */
import type { PrintColor, PrintOptions, Profile } from '../../config/schema.ts';
import { BuildError, type Place } from '../../errors.ts';
import type { PageGeometry } from '../../layout/geometry.ts';
import { KDP_MIN_TEXT_PT, KDP_PAGES } from '../inspect/destinations.ts';

/** Where hidden folios go: by the gutter near the foot, or set vertically halfway down the gutter. */
export type HiddenFolioStyle = 'gutter-foot' | 'gutter-middle';

/** The destination's demands on the PDF. */
export interface PressOptions {
  profile: Profile;
  color: PrintColor;
  /** PDF/X-1a:2001 (print-shop only). */
  pdfx: boolean;
  /** Crop marks (print-shop only). */
  marks: boolean;
  /** Bookmarks and links: none for KDP, whose interiors may carry neither. */
  outline: boolean;
  links: boolean;
  /** Pad the page count to a multiple of this (1: no padding). */
  padTo: number;
  hiddenFolio?: HiddenFolioStyle;
}

/** Resolve the press options; settings that contradict the destination are errors at their line. */
export function resolvePress(
  print: PrintOptions,
  profile: Profile,
  locate: (keys: (string | number)[]) => Place,
): PressOptions {
  const color: PrintColor = print.color ?? (profile === 'screen' ? 'color' : 'mono');
  const pdfx = profile === 'print-shop' && (print.pdfx ?? (color === 'mono' ? 'x1a' : 'none')) === 'x1a';
  if (pdfx && color !== 'mono') {
    throw new BuildError('PDF/X-1a allows no RGB colour, and this build makes CMYK only as one colour (gray)', {
      ...locate(['print', print.pdfx ? 'pdfx' : 'color']),
      hint: 'set print.color: mono for a PDF/X-1a, or print.pdfx: none for a colour PDF the shop converts',
      ruleId: 'print-pdfx-color',
    });
  }
  if (pdfx && print.bleed <= 0) {
    throw new BuildError('PDF/X-1a needs the trim strictly inside the bleed: print.bleed must be more than 0', {
      ...locate(['print', 'bleed']),
      hint: 'use the bleed the shop asks for, usually 3 mm (some ask for 5 mm)',
      ruleId: 'print-pdfx-bleed',
    });
  }
  const hidden = print.hiddenFolio === true ? 'gutter-foot' : print.hiddenFolio || undefined;
  if (profile === 'kdp') {
    if (hidden) {
      throw new BuildError(`KDP interiors may not have text under ${KDP_MIN_TEXT_PT} pt, so no hidden folios (5 pt)`, {
        ...locate(['print', 'hiddenFolio']),
        hint: 'remove print.hiddenFolio for the kdp profile',
        ruleId: 'kdp-hidden-folio',
      });
    }
  }
  return {
    profile,
    color,
    pdfx,
    marks: profile === 'print-shop' && print.marks,
    outline: profile !== 'kdp',
    // Links mean nothing on paper; PDF/X forbids annotations on the page and KDP forbids them all.
    links: profile === 'screen' || (profile === 'print-shop' && !pdfx),
    padTo: padToFor(print, profile),
    hiddenFolio: hidden,
  };
}

/** The multiple a destination's page count is padded to (1: none). */
export function padToFor(print: Pick<PrintOptions, 'padTo'>, profile: Profile): number {
  // A printed leaf has two sides: a print shop's book has an even page count unless padTo says more.
  return print.padTo ?? (profile === 'print-shop' ? 2 : 1);
}

/** KDP's type-size rule: the body text size is checked before anything is laid out. */
export function checkKdpType(geometry: PageGeometry, locate: (keys: (string | number)[]) => Place): void {
  if (geometry.profile !== 'kdp' || geometry.fontSize >= KDP_MIN_TEXT_PT) return;
  throw new BuildError(`KDP needs text of at least ${KDP_MIN_TEXT_PT} pt; the body is ${geometry.fontSize} pt`, {
    ...locate(['print', 'fontSize']),
    ruleId: 'kdp-text-size',
  });
}

/**
 * KDP's page-count limit: more pages than it prints is an error naming `print:`. Too few pages is
 * left to preflight's warning (KDP refuses the book, but a draft may be short); the gutter the
 * count asks for is kept by construction (press/kdp-margins.ts).
 */
export function checkKdpPageCount(
  geometry: PageGeometry,
  pages: number,
  locate: (keys: (string | number)[]) => Place,
): void {
  if (geometry.profile !== 'kdp' || pages <= KDP_PAGES.max) return;
  throw new BuildError(`KDP prints paperbacks of at most ${KDP_PAGES.max} pages; this one has ${pages}`, {
    ...locate(['print', 'format']),
    hint: 'a larger format (print.kdp.format) or more characters per line (print.kdp.charsPerLine) makes fewer pages',
    ruleId: 'kdp-page-count',
  });
}
