/**
 * `npm run bench -- --quick`: the headline on the real books only, each figure against its baseline
 * measured in the same run (a shared machine moves absolute times; a ratio to Pandoc or to the
 * floor, measured minutes apart, moves much less): our EPUB against Pandoc on the same Markdown,
 * the screen PDF against Chromium printing the build's own print HTML with a bare, untagged
 * `page.pdf()` (the floor), and the peak memory of each. No proofreading, no print-shop variants.
 * With `--baseline DIR` (a checkout of the code before a change, its packages installed or linked),
 * the same builds run with that code too, in the same run: before and after under the same load.
 */
import { join } from 'node:path';
import type { Measurement } from './measure.ts';

/** What the quick bench measured on one book. */
export interface QuickRow {
  label: string;
  characters: number;
  epub: Measurement;
  pandoc?: Measurement;
  screen: Measurement;
  floor: Measurement;
  /** The same builds with the baseline's code, when there is one. */
  before?: { epub: Measurement; screen: Measurement };
}

/** How the bench runs things (from run.ts): a command `runs` times, with medians. */
export interface QuickTools {
  repeat(label: string, make: () => readonly [string, readonly string[]]): Promise<Measurement>;
  /** A command of ours, as `npm run` runs it (with the baseline's code when `baseline`). */
  node(script: string, args: string[], baseline?: boolean): readonly [string, readonly string[]];
  /** Whether there is a baseline to compare with. */
  baseline: boolean;
  /** Pandoc's command on the inputs, or nothing when Pandoc is not installed. */
  pandoc(out: string, inputs: string[]): readonly [string, readonly string[]] | undefined;
  /** A warm-up PDF build that keeps its print HTML; the HTML's path. */
  keepHtml(manuscript: string, out: string): Promise<{ html: string; done(): void }>;
}

/** Measure one book the quick way. */
export async function quickBook(
  tools: QuickTools,
  book: { label: string; manuscript: string; characters: number; pandocInputs: string[]; out: string },
): Promise<QuickRow> {
  const { label, manuscript, characters, pandocInputs, out } = book;
  process.stderr.write(`${label} (${characters} characters), quick\n`);
  const kept = await tools.keepHtml(manuscript, out);
  const build = (kind: 'epub' | 'pdf', baseline = false) =>
    tools.node(
      `scripts/build-${kind}.ts`,
      ['--force', '--quiet', '--manuscript', manuscript, '--out-dir', join(out, baseline ? 'before' : 'after')],
      baseline,
    );
  const epub = await tools.repeat('epub', () => build('epub'));
  const epubBefore = tools.baseline ? await tools.repeat('epub (baseline)', () => build('epub', true)) : undefined;
  const pandocCommand = tools.pandoc(join(out, 'pandoc.epub'), pandocInputs);
  const pandoc = pandocCommand ? await tools.repeat('pandoc', () => pandocCommand) : undefined;
  const screen = await tools.repeat('pdf screen', () => build('pdf'));
  const screenBefore = tools.baseline
    ? await tools.repeat('pdf screen (baseline)', () => build('pdf', true))
    : undefined;
  const floor = await tools.repeat('floor (bare page.pdf, untagged)', () =>
    tools.node('scripts/bench/floor.ts', [kept.html, join(out, 'floor.pdf'), '--untagged']),
  );
  kept.done();
  const before = epubBefore && screenBefore ? { epub: epubBefore, screen: screenBefore } : undefined;
  return { label, characters, epub, pandoc, screen, floor, before };
}

const MB = 1024 * 1024;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
/** A command's CPU time with its browser's, in seconds. */
const cpu = (measurement: Measurement) => Number(((measurement.ownCpu + measurement.childCpu) / 1000).toFixed(2));

/** One line of the table: the book's figures with one code's builds. */
function tableLine(row: QuickRow, code: string, epub: Measurement, screen: Measurement): string {
  const ratio = row.pandoc ? (epub.ms / row.pandoc.ms).toFixed(2) : '-';
  const cpuRatio = row.pandoc ? (epub.ownCpu / row.pandoc.ownCpu).toFixed(2) : '-';
  return `| ${row.label} | ${code} | ${seconds(epub.ms)} s | ${row.pandoc ? `${seconds(row.pandoc.ms)} s` : '-'} | ${ratio} | ${seconds(epub.ownCpu)} s | ${row.pandoc ? `${seconds(row.pandoc.ownCpu)} s` : '-'} | ${cpuRatio} | ${mb(epub.ownRss)} | ${seconds(screen.ms)} s | ${seconds(row.floor.ms)} s | ${(screen.ms / row.floor.ms).toFixed(2)} | ${cpu(screen)} s | ${cpu(row.floor)} s | ${(cpu(screen) / cpu(row.floor)).toFixed(2)} | ${mb(screen.ownRss)} / ${mb(screen.largestChildRss)} (${mb(screen.childRss)}) |`;
}

/** The quick bench's table, in Markdown, with the targets of issue 24. */
export function quickTable(rows: readonly QuickRow[]): string[] {
  const lines = [
    '| book | code | EPUB | Pandoc | EPUB / Pandoc (≤ 2.0) | EPUB CPU | Pandoc CPU | CPU ratio | EPUB Node peak (< 600 MB) | PDF screen | floor | PDF / floor (≤ 1.3) | PDF CPU (Node + browser) | floor CPU | CPU ratio | PDF peak: Node / largest browser process (< 1.5 GB) (all browser processes) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    if (row.before) lines.push(tableLine(row, 'before', row.before.epub, row.before.screen));
    lines.push(tableLine(row, row.before ? 'after' : 'this', row.epub, row.screen));
  }
  return lines;
}
