/**
 * A cover spread, told from an interior and checked as a cover: 表4, the spine and 表1 side by side
 * on one page, so its trim is wider than it is tall, where a book's pages stand upright. Its bleed
 * runs round all four edges (an interior's has none at the binding): KDP's is 0.125 in with the
 * MediaBox on the BleedBox (no marks), a print shop's at least 3 mm with room for トンボ around it.
 */
import type { Profile } from '../../../config/schema.ts';
import { PT_PER_MM } from '../../../layout/units.ts';
import type { DocumentFacts } from './document.ts';
import type { Rect } from './walk.ts';

/** KDP's cover bleed, in points (0.125 in). */
const KDP_BLEED_PT = 9;
/** A print shop's least bleed (塗り足し), in points. */
const SHOP_BLEED_PT = 3 * PT_PER_MM;
const TOLERANCE = 0.1;

/** Whether the file is a cover spread: one page, its trim wider than tall. */
export function isCoverSpread(facts: DocumentFacts): boolean {
  const [page] = facts.pages;
  if (facts.pages.length !== 1 || !page) return false;
  const [x1, y1, x2, y2] = page.trim ?? page.media;
  return x2 - x1 > y2 - y1;
}

/** The destination a cover looks made for: KDP's when its MediaBox is its 0.125 in BleedBox. */
export function guessCoverProfile(facts: DocumentFacts): Profile {
  const page = facts.pages[0]!;
  const trim = page.trim ?? page.media;
  const bleeds = bleedsOf(trim, page.media);
  return bleeds.every((bleed) => Math.abs(bleed - KDP_BLEED_PT) < TOLERANCE) ? 'kdp' : 'print-shop';
}

/** The distance from the trim to `outer` at the left, bottom, right and top. */
function bleedsOf(trim: Rect, outer: Rect): number[] {
  return [trim[0] - outer[0], trim[1] - outer[1], outer[2] - trim[2], outer[3] - trim[3]];
}

/** What is wrong with a cover's boxes for its destination, and its size as a person reads it. */
export function coverBoxProblems(facts: DocumentFacts, profile: Profile): { problems: string[]; size: string } {
  const page = facts.pages[0]!;
  const problems: string[] = [];
  if (!page.trim) problems.push('no TrimBox');
  if (!page.bleed) problems.push('no BleedBox');
  const trim = page.trim ?? page.media;
  const bleed = page.bleed ?? page.media;
  const bleeds = bleedsOf(trim, bleed);
  const mm = (points: number) => (points / PT_PER_MM).toFixed(2);
  if (profile === 'kdp') {
    if (!bleeds.every((value) => Math.abs(value - KDP_BLEED_PT) < TOLERANCE))
      problems.push(
        `KDP's cover bleed is 0.125 in (3.18 mm) on all four edges; this one is ${bleeds.map(mm).join(' / ')} mm`,
      );
    if (bleedsOf(bleed, page.media).some((value) => Math.abs(value) > TOLERANCE))
      problems.push('the MediaBox reaches past the BleedBox (KDP takes no crop marks)');
  } else if (profile === 'print-shop' && bleeds.some((value) => value < SHOP_BLEED_PT - TOLERANCE)) {
    problems.push(
      `a print shop wants at least 3 mm of bleed on every edge; this one has ${bleeds.map(mm).join(' / ')} mm`,
    );
  }
  const size = `spread ${mm(trim[2] - trim[0])} × ${mm(trim[3] - trim[1])} mm (2 × trim + spine), bleed ${mm(Math.min(...bleeds))} mm`;
  return { problems, size };
}
