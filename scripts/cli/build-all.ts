/**
 * `npm run build`: the whole book (EPUB, then PDF) from one manuscript, or with `--books PATH…`
 * a catalogue: every book found under the paths, several at a time, ending with a table.
 */
import { processIo, type CliIo } from './io.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { buildCoverFile, buildEpubFile, buildPdfFile, withBrowserSession } from '../build.ts';
import { buildCatalogue, type BookOutcome } from '../catalogue/build-books.ts';
import { findBooks } from '../catalogue/find-books.ts';
import { BuildError, CancelledError, eachError, UsageError, type Warning } from '../errors.ts';
import { parseCliArgs, usage } from './args.ts';
import { formatBytes, formatDiagnostic } from './report.ts';
import { runCli, type BuildRunner } from './run.ts';

const CATALOGUE_USAGE = [
  'usage: npm run build -- --books PATH… [--out-dir DIR] [--jobs N] [--report FILE.json] [--markdown FILE] [options]',
  '',
  '  --books PATH…      manuscript folders, one-file books, or folders holding books; each book is written to',
  '                     <out-dir>/<book id>/ (the id is its path with dashes: books/novel → books-novel)',
  '  --jobs N           books built at the same time (default: one per processor, up to 4)',
  '  --report FILE      also write the table as JSON',
  '  --markdown FILE    also write the table as Markdown (for a CI job summary)',
  '  other options      as for build:pdf (--profile, --timeout, --force, --strict, --quiet)',
].join('\n');

/** The options only a catalogue build has, taken out of the command line before the usual ones are read. */
interface CatalogueArgs {
  books?: string[];
  jobs?: string;
  report?: string;
  markdown?: string;
  rest: string[];
}

/** Run `npm run build` and return the exit code. */
export async function runBuildAll(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let split: CatalogueArgs;
  try {
    split = splitCatalogueArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`error: ${error.message}\n\n${CATALOGUE_USAGE}\n`);
    return 2;
  }
  if (!split.books) {
    if (split.jobs ?? split.report ?? split.markdown) {
      io.stderr.write(`error: --jobs, --report and --markdown need --books\n\n${CATALOGUE_USAGE}\n`);
      return 2;
    }
    return runCli('book', split.rest, wholeBook, io);
  }
  return runCatalogue(split, io);
}

/** EPUB, PDF and, when the metadata asks for one, the cover of one manuscript; warnings reported once. */
const wholeBook: BuildRunner = (options, signal, progress) =>
  // One browser for the PDF and the cover's interior; it starts while the EPUB is built.
  withBrowserSession(async (session) => {
    const epub = await buildEpubFile(options, signal, progress);
    const pdf = await buildPdfFile(options, signal, progress, session);
    const cover = await buildCoverFile({ ...options, ifConfigured: true }, signal, progress, session);
    const built = [epub, pdf, ...(cover.output ? [cover] : [])];
    return {
      summary: built.map((result) => result.summary).join('\n'),
      warnings: unique(built.flatMap((result) => result.warnings)),
    };
  });

async function runCatalogue(split: CatalogueArgs, io: CliIo): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  let jobs: number | undefined;
  try {
    options = parseCliArgs(split.rest, 'book');
    if (split.rest.some((arg) => arg === '--manuscript' || arg.startsWith('--manuscript='))) {
      throw new UsageError('use --books or --manuscript, not both');
    }
    if (split.books!.length === 0) throw new UsageError('--books needs at least one path');
    if (split.jobs !== undefined) {
      jobs = Number(split.jobs);
      if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs needs a whole number, not "${split.jobs}"`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`error: ${error.message}\n\n${CATALOGUE_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(`${CATALOGUE_USAGE}\n\n${usage('book')}\n`);
    return 0;
  }

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(new CancelledError(signal));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = performance.now();
  try {
    const books = await findBooks(split.books!);
    const outDir = resolve(options.outDir);
    if (!options.quiet) io.stderr.write(`building ${books.length} book(s) into ${displayPath(outDir)}\n`);
    const outcomes = await buildCatalogue(books, {
      ...options,
      outDir,
      jobs,
      signal: controller.signal,
      onBook: ({ book, outcome }) => {
        if (!outcome) return;
        for (const warning of outcome.warnings) {
          io.stderr.write(`${formatDiagnostic('warning', warning.message, warning)}\n`);
        }
        for (const error of outcome.error ? [outcome.error, ...(outcome.moreErrors ?? [])] : [])
          io.stderr.write(`${formatDiagnostic('error', error.message, error)}\n`);
        if (!options.quiet) {
          io.stderr.write(`${book.id}: ${outcome.ok ? 'built' : 'FAILED'} in ${outcome.seconds.toFixed(1)} s\n`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const failed = outcomes.filter((outcome) => !outcome.ok).length;
    const report = { ok: outcomes.length - failed, failed, seconds, books: outcomes.map(forReport) };
    if (split.report) await writeOut(split.report, `${JSON.stringify(report, null, 2)}\n`);
    if (split.markdown) await writeOut(split.markdown, markdownTable(outcomes, report));
    io.stdout.write(`${textTable(outcomes)}\n`);
    io.stdout.write(
      `${report.ok} of ${outcomes.length} book(s) built${failed ? `, ${failed} failed` : ''} in ${seconds.toFixed(1)} s\n`,
    );
    return failed > 0 ? 1 : 0;
  } catch (error) {
    if (controller.signal.aborted || error instanceof CancelledError) {
      io.stderr.write('build cancelled; earlier output left as it was\n');
      return 130;
    }
    if (error instanceof BuildError) {
      for (const each of eachError(error)) io.stderr.write(`${formatDiagnostic('error', each.message, each)}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `--books a b c` (paths up to the next option), `--books=a`, `--jobs N`, `--report F`, `--markdown F`. */
export function splitCatalogueArgs(argv: readonly string[]): CatalogueArgs {
  const result: CatalogueArgs = { rest: [] };
  const valueOf = (name: string, index: number): [string, number] => {
    const arg = argv[index]!;
    if (arg.startsWith(`--${name}=`)) return [arg.slice(name.length + 3), index];
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    return [value, index + 1];
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--books' || arg.startsWith('--books=')) {
      result.books ??= [];
      if (arg.startsWith('--books=')) result.books.push(arg.slice('--books='.length));
      while (index + 1 < argv.length && !argv[index + 1]!.startsWith('--')) result.books.push(argv[++index]!);
      continue;
    }
    const single = (['jobs', 'report', 'markdown'] as const).find(
      (name) => arg === `--${name}` || arg.startsWith(`--${name}=`),
    );
    if (single) {
      const [value, last] = valueOf(single, index);
      result[single] = value;
      index = last;
      continue;
    }
    result.rest.push(arg);
  }
  return result;
}

/** A book's outcome as the JSON report gives it: paths relative to the working folder. */
function forReport(outcome: BookOutcome) {
  return {
    ...outcome,
    path: displayPath(outcome.path),
    seconds: Number(outcome.seconds.toFixed(2)),
    outputs: outcome.outputs.map((output) => ({ ...output, path: displayPath(output.path) })),
    warnings: outcome.warnings.map((warning) => ({ ...warning, file: warning.file && displayPath(warning.file) })),
    error: outcome.error && { ...outcome.error, file: outcome.error.file && displayPath(outcome.error.file) },
    moreErrors: outcome.moreErrors?.map((error) => ({ ...error, file: error.file && displayPath(error.file) })),
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

function unique(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = JSON.stringify([warning.message, warning.file, warning.line, warning.column]);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}

async function writeOut(path: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(path, text);
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}
