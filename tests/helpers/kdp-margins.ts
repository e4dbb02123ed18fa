/**
 * Amazon KDP's paperback margins measured on the finished PDF: every word's box from
 * `pdftotext -bbox` (text, ruby, hanging punctuation, folios, running heads alike) against each
 * page's TrimBox. The numbers are KDP's own (its paperback manuscript guide, "Set trim size,
 * bleed, and margins"), written out here rather than taken from the code under test, so that
 * the test measures the page against KDP and not against the code's model.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pageBoxes } from './pdf.ts';

const PT_PER_IN = 72;
/** KDP's least outside, top and bottom margin: 0.375 in with bleed, 0.25 in without. */
const OUTSIDE_IN = { bleed: 0.375, none: 0.25 } as const;
/** KDP's least inside (gutter) margin by page count: up to `pages`, `inches`. */
const GUTTER_IN = [
  { pages: 150, inches: 0.375 },
  { pages: 300, inches: 0.5 },
  { pages: 500, inches: 0.625 },
  { pages: 700, inches: 0.75 },
  { pages: 828, inches: 0.875 },
] as const;

/** A word that reaches into one of KDP's margins. */
interface MarginFault {
  page: number;
  text: string;
  side: 'top' | 'bottom' | 'gutter' | 'outside';
  /** How far the word is from the trim edge, and how far KDP wants it, in millimetres. */
  mm: number;
  needMm: number;
}

/** What the margins of a PDF came to: its faults, and the nearest any word came to each edge. */
export interface KdpMargins {
  pages: number;
  gutterIn: number;
  faults: MarginFault[];
  /** The smallest distance of any word from each trim edge, in millimetres. */
  nearest: Record<MarginFault['side'], number>;
}

/**
 * Measure a KDP interior. `rightBound`: a vertical (右綴じ) book, whose odd pages are bound on
 * their right edge; a horizontal book's odd pages are bound on the left.
 */
export async function measureKdpMargins(path: string, rightBound: boolean): Promise<KdpMargins> {
  const [pages, boxes] = await Promise.all([wordBoxes(path), pageBoxes(path)]);
  const bleed = boxes.some((box) => box.TrimBox.y1 - box.MediaBox.y1 > 1);
  const outside = (bleed ? OUTSIDE_IN.bleed : OUTSIDE_IN.none) * PT_PER_IN;
  const gutterIn = (GUTTER_IN.find((step) => pages.length <= step.pages) ?? GUTTER_IN[4]).inches;
  const gutter = gutterIn * PT_PER_IN;
  const faults: MarginFault[] = [];
  const nearest = { top: Infinity, bottom: Infinity, gutter: Infinity, outside: Infinity };
  const mm = (points: number) => (points * 25.4) / PT_PER_IN;
  for (const [index, page] of pages.entries()) {
    const trim = boxes[index]!.TrimBox;
    const media = boxes[index]!.MediaBox;
    // pdftotext measures from the top-left corner of the MediaBox; the boxes from its bottom-left.
    const left = trim.x1 - media.x1;
    const right = trim.x2 - media.x1;
    const top = media.y2 - trim.y2;
    const bottom = media.y2 - trim.y1;
    const boundRight = rightBound === ((index + 1) % 2 === 1);
    for (const word of page.words) {
      const distances = {
        top: word.yMin - top,
        bottom: bottom - word.yMax,
        gutter: boundRight ? right - word.xMax : word.xMin - left,
        outside: boundRight ? word.xMin - left : right - word.xMax,
      };
      for (const side of ['top', 'bottom', 'gutter', 'outside'] as const) {
        const need = side === 'gutter' ? gutter : outside;
        nearest[side] = Math.min(nearest[side], mm(distances[side]));
        if (distances[side] < need - 0.01) {
          faults.push({ page: index + 1, text: word.text, side, mm: mm(distances[side]), needMm: mm(need) });
        }
      }
    }
  }
  return { pages: pages.length, gutterIn, faults, nearest };
}

/**
 * Every page's word boxes from `pdftotext -bbox`, read with a pattern rather than an XML parser:
 * only the four numbers of each word are needed, and a 600-page book has 100,000 words.
 */
async function wordBoxes(
  path: string,
): Promise<{ words: { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] }[]> {
  const { stdout } = await promisify(execFile)('pdftotext', ['-bbox', path, '-'], { maxBuffer: 256 * 1024 * 1024 });
  return stdout
    .split(/<page [^>]*>/)
    .slice(1)
    .map((page) => ({
      words: [
        ...page.matchAll(
          /<word xMin="(-?[\d.]+)" yMin="(-?[\d.]+)" xMax="(-?[\d.]+)" yMax="(-?[\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((match) => ({
        text: match[5]!,
        xMin: Number(match[1]),
        yMin: Number(match[2]),
        xMax: Number(match[3]),
        yMax: Number(match[4]),
      })),
    }));
}
