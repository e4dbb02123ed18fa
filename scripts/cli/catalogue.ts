/**
 * `npm run build -- --books PATH…`: a catalogue. Every book found under the paths is built (EPUB,
 * PDF and the cover its metadata asks for), several at a time on one browser, each into its own
 * folder; the command ends with a table of what became of each book.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { BookOutcome } from '../catalogue/build-books.ts';
import { buildOptions, type BuildFlags } from './args.ts';
import type { CommandRun } from './command.ts';
import { displayFile, formatBytes, formatDiagnostic } from './report.ts';

/** A catalogue build's flags: the build flags of every book, the paths, and the table's options. */
export interface CatalogueFlags extends BuildFlags {
  books: string[];
  /** Books built at the same time. */
  jobs?: number;
  /** Where to write the table as JSON, and as Markdown. */
  report?: string;
  markdown?: string;
}

/** Build every book of the catalogue and print the table; 1 if a book failed. */
export async function runCatalogue(flags: CatalogueFlags, run: CommandRun): Promise<number> {
  const [{ findBooks }, { buildCatalogue }] = await Promise.all([
    import('../catalogue/find-books.ts'),
    import('../catalogue/build-books.ts'),
  ]);
  const { io } = run;
  const books = await findBooks(flags.books);
  const options = buildOptions(flags);
  if (!flags.quiet) io.stderr.write(`building ${books.length} book(s) into ${displayFile(options.outDir)}\n`);
  const outcomes = await buildCatalogue(books, {
    ...options,
    jobs: flags.jobs,
    signal: run.signal,
    onBook: ({ book, outcome }) => {
      if (!outcome) return;
      for (const warning of outcome.warnings)
        io.stderr.write(`${formatDiagnostic('warning', warning.message, warning)}\n`);
      for (const error of outcome.error ? [outcome.error, ...(outcome.moreErrors ?? [])] : [])
        io.stderr.write(`${formatDiagnostic('error', error.message, error)}\n`);
      if (!flags.quiet)
        io.stderr.write(`${book.id}: ${outcome.ok ? 'built' : 'FAILED'} in ${outcome.seconds.toFixed(1)} s\n`);
    },
  });
  const seconds = run.seconds();
  const failed = outcomes.filter((outcome) => !outcome.ok).length;
  const report = { ok: outcomes.length - failed, failed, seconds, books: outcomes.map(forReport) };
  if (flags.report) await writeOut(flags.report, `${JSON.stringify(report, null, 2)}\n`);
  if (flags.markdown) await writeOut(flags.markdown, markdownTable(outcomes, report));
  io.stdout.write(`${textTable(outcomes)}\n`);
  io.stdout.write(
    `${report.ok} of ${outcomes.length} book(s) built${failed ? `, ${failed} failed` : ''} in ${seconds.toFixed(1)} s\n`,
  );
  return failed > 0 ? 1 : 0;
}

/** A book's outcome as the JSON report gives it: paths relative to the working folder. */
function forReport(outcome: BookOutcome) {
  return {
    ...outcome,
    path: displayFile(outcome.path),
    seconds: Number(outcome.seconds.toFixed(2)),
    outputs: outcome.outputs.map((output) => ({ ...output, path: displayFile(output.path) })),
    warnings: outcome.warnings.map((warning) => ({ ...warning, file: warning.file && displayFile(warning.file) })),
    error: outcome.error && { ...outcome.error, file: outcome.error.file && displayFile(outcome.error.file) },
    moreErrors: outcome.moreErrors?.map((error) => ({ ...error, file: error.file && displayFile(error.file) })),
  };
}

/** One row per book: the columns both tables show. */
function rows(outcomes: readonly BookOutcome[]): string[][] {
  return outcomes.map((outcome) => [
    outcome.id,
    outcome.ok ? 'ok' : 'FAILED',
    outcome.outputs.map((output) => `${output.kind}${output.reused ? ' (reused)' : ''}`).join(', ') || '-',
    String(outcome.outputs.find((output) => output.pages !== undefined)?.pages ?? '-'),
    outcome.outputs.map((output) => formatBytes(output.bytes)).join(' + ') || '-',
    String(outcome.warnings.length),
    `${outcome.seconds.toFixed(1)} s`,
  ]);
}

const HEADER = ['book', 'result', 'outputs', 'pages', 'size', 'warnings', 'time'];

function textTable(outcomes: readonly BookOutcome[]): string {
  const table = [HEADER, ...rows(outcomes)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((row) => [...row[column]!].length)));
  return table
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function markdownTable(
  outcomes: readonly BookOutcome[],
  report: { ok: number; failed: number; seconds: number },
): string {
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  const failures = outcomes.flatMap((outcome) =>
    outcome.error
      ? [`- **${outcome.id}**: \`${formatDiagnostic('error', outcome.error.message, outcome.error).split('\n')[0]}\``]
      : [],
  );
  return [
    `### Books: ${report.ok} built${report.failed ? `, ${report.failed} failed` : ''} (${report.seconds.toFixed(1)} s)`,
    '',
    line(HEADER),
    line(HEADER.map(() => '---')),
    ...rows(outcomes).map(line),
    ...(failures.length ? ['', ...failures] : []),
    '',
  ].join('\n');
}

async function writeOut(path: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(path, text);
}
