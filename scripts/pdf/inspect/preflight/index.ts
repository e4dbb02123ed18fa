/**
 * Preflight: read a PDF file and hold it to its destination's rules. The same report ends every
 * `build:pdf` and is what `npm run preflight` prints for any PDF.
 */
import type { PrintColor, Profile } from '../../../config/schema.ts';
import { PDFX_1A_2001 } from '../destinations.ts';
import { checkPdf, type CheckItem, type Expectations } from './checks.ts';
import { guessCoverProfile, isCoverSpread } from './cover.ts';
import { readPdfFacts, type DocumentFacts } from './document.ts';

export { MIN_PPI, pageList, type Expectations } from './checks.ts';

/** The checklist of one PDF. */
export interface PreflightReport {
  expectations: Expectations;
  pages: number;
  items: CheckItem[];
  /** Whether any rule failed. */
  failed: boolean;
}

/** Check a PDF file; whatever is not given in `expect` is inferred from the file. */
export async function preflightPdf(bytes: Uint8Array, expect: Partial<Expectations> = {}): Promise<PreflightReport> {
  // A screen PDF is held to no rule about what its pages paint: reading it would only cost time.
  const screen = expect.profile === 'screen' && expect.color !== 'mono';
  const facts = await readPdfFacts(bytes, { paint: !screen });
  const inferred = inferExpectations(facts, expect);
  // What a cover is (its profile and colour) is the file's; an interior's may be set by the caller.
  const expectations = inferred.cover
    ? { ...dropUndefined(expect), ...inferred }
    : { ...inferred, ...dropUndefined(expect) };
  const items = checkPdf(facts, expectations).map((item) =>
    screen && (item.id === 'color' || item.id === 'transparency')
      ? { ...item, detail: 'not checked for the screen' }
      : item,
  );
  return { expectations, pages: facts.pages.length, items, failed: items.some((entry) => entry.status === 'fail') };
}

/**
 * What a file looks made for: a cover spread (one page wider than tall) is checked as a cover,
 * in colour, KDP's when its bleed is KDP's; otherwise PDF/X keys mean a print shop, a trim box
 * smaller than the page a print destination (KDP when the bleed is on three sides only), and
 * anything else the screen. A print interior is one colour unless told otherwise, as the build
 * makes it, and a print shop's named on the command line is PDF/X-1a when one colour.
 */
function inferExpectations(facts: DocumentFacts, expect: Partial<Expectations>): Expectations {
  const pdfx = facts.info.GTS_PDFXVersion === PDFX_1A_2001.version;
  if (expect.cover !== false && isCoverSpread(facts)) {
    const profile = expect.profile === 'screen' || !expect.profile ? guessCoverProfile(facts) : expect.profile;
    return { profile, color: expect.color ?? 'color', pdfx: profile === 'print-shop' && pdfx, cover: true };
  }
  let guessed: Profile = 'screen';
  const first = facts.pages[0];
  if (pdfx) guessed = 'print-shop';
  else if (first?.trim) {
    const [left, bottom] = [first.trim[0] - first.media[0], first.trim[1] - first.media[1]];
    const [right, top] = [first.media[2] - first.trim[2], first.media[3] - first.trim[3]];
    if (Math.max(left, bottom, right, top) > 0.5) guessed = Math.min(left, right) < 0.5 ? 'kdp' : 'print-shop';
  }
  const chosen = expect.profile ?? guessed;
  const color: PrintColor = expect.color ?? (chosen === 'screen' ? 'color' : 'mono');
  const named = expect.profile === 'print-shop';
  return { profile: chosen, color, pdfx: chosen === 'print-shop' && (named ? color === 'mono' : pdfx) };
}

/** The checklist as lines of text: one per rule, with its outcome. */
export function formatChecklist(report: PreflightReport): string[] {
  const { profile, color, pdfx, padTo, cover } = report.expectations;
  const mark = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;
  const what = [
    cover ? `${profile} cover spread` : profile,
    color === 'mono' ? 'one colour' : 'colour',
    ...(pdfx ? ['PDF/X-1a'] : []),
    ...(padTo ? [`pages in multiples of ${padTo}`] : []),
  ];
  return [
    `preflight (${what.join(', ')}): ${report.failed ? 'FAILED' : 'passed'}`,
    ...report.items.map((entry) => `  [${mark[entry.status]}] ${entry.title}: ${entry.detail}`),
  ];
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
