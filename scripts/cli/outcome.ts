/**
 * What a build command prints when it is done, worded from what the outputs report: warnings
 * (each once), the preflight checklist, one summary line per file (`wrote dist/book.epub (120 KB,
 * 5 chapter(s), 9 documents)`) and notes about what the build did that the author should know.
 */
import type { ChapterCuts, OutputFacts, OutputResult } from '../build/options.ts';
import type { Warning } from '../errors.ts';
import type { CommandRun } from './command.ts';
import { displayFile, formatBytes, formatDiagnostic } from './report.ts';

/** How a cut for size is said. */
const CUT_PHRASES: Record<ChapterCuts['cuts'][number]['kind'], string> = {
  heading: 'before the heading',
  'scene break': 'after the scene break',
  paragraph: 'between paragraphs',
  block: 'between blocks',
  'inside a block': 'inside a block too long for one document',
};

/**
 * Print the outcome of a build. The checklist and notes come with a command's one output, or with
 * each PDF when build:pdf made one per destination; when a command made several files (the whole
 * book, a cover and its interior) each gets its summary line.
 */
export function printOutcome(results: readonly OutputResult[], run: CommandRun, quiet: boolean): void {
  run.clear();
  for (const warning of unique(results.flatMap((result) => result.warnings)))
    run.io.stderr.write(`${formatDiagnostic('warning', warning.message, warning)}\n`);
  if (quiet) return;
  const [only] = results.length === 1 ? results : [];
  // build:pdf for several destinations: each PDF's checklist, since each went to its own press.
  const checked = results.every((result) => result.facts.kind === 'pdf') ? results : [only];
  for (const line of checked.flatMap((result) => result?.checklist ?? [])) run.io.stdout.write(`${line}\n`);
  run.io.stdout.write(`${results.map(summaryLine).join('\n')} in ${run.seconds().toFixed(1)} s\n`);
  for (const note of cutNotes(only?.cuts ?? [])) run.io.stdout.write(`  ${note}\n`);
}

/** One file's line: written, or found up to date. */
function summaryLine(result: OutputResult): string {
  const about = `${formatBytes(result.file.bytes)}, ${describe(result.facts)}`;
  const path = displayFile(result.file.path);
  return result.file.reused
    ? `${path} is up to date: nothing changed since the last build (${about}; --force rebuilds it)`
    : `wrote ${path} (${about})`;
}

/** What the summary says about a file besides its size. */
function describe(facts: OutputFacts): string {
  switch (facts.kind) {
    case 'epub':
      return `${facts.chapters} chapter(s), ${facts.documents} documents${facts.cuts > 0 ? `, ${facts.cuts} cut(s) for size` : ''}`;
    case 'pdf': {
      const kind = [facts.color === 'mono' ? 'one colour' : 'colour', ...(facts.pdfx ? ['PDF/X-1a'] : [])].join(', ');
      const plates = facts.plates
        ? `; 口絵: ${facts.plates.count} colour plate(s) in ${displayFile(facts.plates.path)}`
        : '';
      return `${facts.pages} pages, ${facts.format}, profile ${facts.profile}, ${kind}${plates}`;
    }
    case 'cover': {
      const { media, trim, spine } = facts;
      return [
        `${facts.profile}, ${media.width.toFixed(2)} × ${media.height.toFixed(2)} mm (trim ${trim.width.toFixed(2)} × ${trim.height.toFixed(2)} mm)`,
        `spine ${spine.width.toFixed(2)} mm: ${spine.formula}`,
        ...facts.notices,
      ].join('; ');
    }
  }
}

/**
 * The cuts the 256 KB limit forced, one line per chapter: the author may prefer to cut the
 * chapter (or add a scene break) where it suits the story.
 */
function cutNotes(chapters: readonly ChapterCuts[]): string[] {
  return chapters.map(({ chapter, file, cuts }) => {
    const places = cuts.map(({ kind, line }) => `${CUT_PHRASES[kind]}${line === undefined ? '' : ` at line ${line}`}`);
    return `cut for size (256 KB per document): ${chapter} (${displayFile(file)}) ${places.join('; ')}`;
  });
}

/** Warnings without repeats: the book's own come with each of its outputs. */
function unique(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = JSON.stringify([warning.message, warning.file, warning.line, warning.column]);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
