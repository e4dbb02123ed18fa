/**
 * Preflight: read a PDF file and hold it to its destination's rules. The same report ends every
 * `build:pdf` and is what `npm run preflight` prints for any PDF.
 */
import type { PrintColor, Profile } from '../../../config/schema.ts';
import { PDFX_1A_2001 } from '../destinations.ts';
import { checkPdf, type CheckItem, type Expectations } from './checks.ts';
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
  const expectations = { ...inferExpectations(facts, expect.profile), ...dropUndefined(expect) };
  const items = checkPdf(facts, expectations).map((item) =>
    screen && (item.id === 'color' || item.id === 'transparency')
      ? { ...item, detail: 'not checked for the screen' }
      : item,
  );
  return { expectations, pages: facts.pages.length, items, failed: items.some((entry) => entry.status === 'fail') };
}

/**
 * What a file looks made for: PDF/X keys mean a print shop; a trim box smaller than the page, a
 * print destination (KDP when the bleed is on three sides only); otherwise the screen. Print
 * destinations are one colour unless told otherwise, as the build makes them.
 */
function inferExpectations(facts: DocumentFacts, profile?: Profile): Expectations {
  const pdfx = facts.info.GTS_PDFXVersion === PDFX_1A_2001.version;
  let guessed: Profile = 'screen';
  const first = facts.pages[0];
  if (pdfx) guessed = 'print-shop';
  else if (first?.trim) {
    const [left, bottom] = [first.trim[0] - first.media[0], first.trim[1] - first.media[1]];
    const [right, top] = [first.media[2] - first.trim[2], first.media[3] - first.trim[3]];
    if (Math.max(left, bottom, right, top) > 0.5) guessed = Math.min(left, right) < 0.5 ? 'kdp' : 'print-shop';
  }
  const chosen = profile ?? guessed;
  const color: PrintColor = chosen === 'screen' ? 'color' : 'mono';
  return { profile: chosen, color, pdfx: chosen === 'print-shop' && pdfx };
}

/** The checklist as lines of text: one per rule, with its outcome. */
export function formatChecklist(report: PreflightReport): string[] {
  const { profile, color, pdfx, padTo } = report.expectations;
  const mark = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;
  const what = [
    profile,
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
