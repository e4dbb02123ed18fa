/**
 * The cover page as the 電書協 EPUB 3 制作ガイド wraps a page-size image: an inline SVG whose
 * viewBox is the image's size in pixels, the image filling it, scaled whole and centred
 * (`xMidYMid meet`) in whatever box the reading system gives the page; the manifest item gets
 * `properties="svg"`. Older Adobe-engine and Kobo readers keep such a cover unstretched, where
 * they stretch or crop an `<img>`.
 */
import { h, s } from 'hastscript';
import { toXhtml } from '../layout/xhtml.ts';

/** The cover image as the page shows it. */
export interface CoverPicture {
  /** The image's path inside the package, relative to the page. */
  href: string;
  width: number;
  height: number;
  /** The text alternative (表紙：title). */
  alt: string;
}

/** The body of the cover page, as XHTML. */
export function coverPageBody({ href, width, height, alt }: CoverPicture): string {
  return toXhtml([
    h('div.cover', [
      s(
        'svg.cover-image',
        {
          xmlns: 'http://www.w3.org/2000/svg',
          xmlnsXLink: 'http://www.w3.org/1999/xlink',
          version: '1.1',
          width: '100%',
          height: '100%',
          viewBox: `0 0 ${width} ${height}`,
          preserveAspectRatio: 'xMidYMid meet',
          role: 'img',
          ariaLabel: alt,
        },
        [s('title', alt), s('image', { width, height, xLinkHref: href })],
      ),
    ]),
  ]);
}
