/**
 * The command line of `npm run dev`: arguments, what the terminal shows, signals and the exit
 * code. Like the builds' command line, it is the only part of the preview that prints.
 *
 * Exit codes: 0 when stopped with Ctrl-C or SIGTERM (stopping is how a preview is meant to
 * end), 1 when it cannot start (no manuscript, port taken), 2 for a wrong command line.
 */
import { parseOptions } from './args.ts';
import { formatDiagnostic } from './report.ts';
import { BuildError, eachError, UsageError } from '../errors.ts';
import { startPreview, type PreviewEvent } from '../dev/preview.ts';
import type { Problem } from '../dev/problems.ts';

const USAGE = [
  'usage: npm run dev -- [--manuscript PATH] [--port N] [--no-lint]',
  '',
  '  --manuscript PATH  manuscript folder (with book.yaml) or one Markdown file with front matter (default: manuscript/)',
  '  --port N           port on localhost to serve the preview on (default: 3000; 0 picks a free one)',
  '  --no-lint          do not proofread saved chapters (npm run lint) in the preview',
].join('\n');

/** Parsed options of `npm run dev`. */
export interface DevOptions {
  manuscript: string;
  port: number;
  lint: boolean;
  help: boolean;
}

/** Parse the arguments; a mistake throws UsageError. */
export function parseDevArgs(argv: readonly string[]): DevOptions {
  const values = parseOptions(argv, {
    manuscript: { type: 'string' },
    port: { type: 'string' },
    'no-lint': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.manuscript === '') throw new UsageError('--manuscript needs a path');
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535)
    throw new UsageError(`--port needs a port number from 0 to 65535, not "${values.port}"`);
  return { manuscript: values.manuscript ?? 'manuscript', port, lint: !values['no-lint'], help: values.help };
}

/** Run the preview until Ctrl-C or SIGTERM; resolves with the exit code. */
export async function runDevCli(argv: readonly string[]): Promise<number> {
  let options: DevOptions;
  try {
    options = parseDevArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let preview;
  try {
    preview = await startPreview(options, printEvent);
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    for (const each of eachError(error)) process.stderr.write(`${formatDiagnostic('error', each.message, each)}\n`);
    return 1;
  }
  process.stdout.write(`preview: ${preview.url}\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  await preview.close();
  process.stdout.write(`preview stopped (${signal})\n`);
  return 0;
}

function printEvent(event: PreviewEvent): void {
  if (event.type === 'problem') {
    printProblems([event.problem]);
    return;
  }
  if (event.type === 'lint') {
    const { files, problems, ms } = event.update;
    printProblems(problems);
    const what = files.length === 1 ? files[0] : `${files.length} chapters`;
    process.stdout.write(`proofread ${what} in ${Math.round(ms)} ms: ${problems.length} finding(s)\n`);
    return;
  }
  const { result, ms } = event;
  printProblems([...result.warnings, ...result.errors]);
  const time = `${Math.round(ms)} ms`;
  const files = result.files.join(', ');
  if (result.kind === 'chapters') {
    if (result.parsed > 0) process.stdout.write(`rebuilt ${files} in ${time}\n`);
  } else if (result.kind === 'images') {
    process.stdout.write(`reloaded ${files} in ${time}\n`);
  } else if (result.parsed > 0) {
    const chapters = `${result.parsed} chapter${result.parsed === 1 ? '' : 's'}`;
    process.stdout.write(
      files ? `reloaded the book (${files}): ${chapters} in ${time}\n` : `loaded ${chapters} in ${time}\n`,
    );
  }
}

function printProblems(problems: readonly Problem[]): void {
  for (const problem of problems) {
    process.stderr.write(`${formatDiagnostic(problem.severity, problem.message, problem)}\n`);
  }
}
