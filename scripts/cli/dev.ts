/**
 * The command line of `npm run dev`: arguments, what the terminal shows, signals and the exit
 * code. Like the builds' command line, it is the only part of the preview that prints.
 *
 * Exit codes: 0 when stopped with Ctrl-C or SIGTERM (stopping is how a preview is meant to
 * end), 1 when it cannot start (no manuscript, port taken), 2 for a wrong command line.
 */
import type { PreviewEvent } from '../dev/preview.ts';
import type { Problem } from '../dev/problems.ts';
import { CancelledError, UsageError } from '../errors.ts';
import { MANUSCRIPT_OPTIONS, MANUSCRIPT_USAGE, manuscriptPath, parseOptions } from './args.ts';
import type { Command } from './command.ts';
import type { CliIo } from './io.ts';
import { formatDiagnostic } from './report.ts';

/** Parse the arguments of `npm run dev`; a mistake throws UsageError. */
function parseDevArgs(argv: readonly string[]) {
  const values = parseOptions(argv, {
    ...MANUSCRIPT_OPTIONS,
    port: { type: 'string' },
    'no-lint': { type: 'boolean', default: false },
  });
  const manuscript = manuscriptPath(values.manuscript);
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '0') || port > 65535)
    throw new UsageError(`--port needs a port number from 0 to 65535, not "${values.port}"`);
  return { manuscript, port, lint: !values['no-lint'], help: values.help };
}

const USAGE = [
  'usage: npm run dev -- [--manuscript PATH] [--port N] [--no-lint]',
  '',
  MANUSCRIPT_USAGE,
  '  --port N           port on localhost to serve the preview on (default: 3000; 0 picks a free one)',
  '  --no-lint          do not proofread saved chapters (npm run lint) in the preview',
].join('\n');

/** `npm run dev`: the preview, until Ctrl-C or SIGTERM (stopping is how it is meant to end: exit 0). */
export const devCommand: Command<ReturnType<typeof parseDevArgs>> = {
  usage: USAGE,
  cancelled: 'preview stopped',
  parse: parseDevArgs,
  async run(options, { io, signal }) {
    const { startPreview } = await import('../dev/preview.ts');
    const preview = await startPreview(options, (event) => printEvent(event, io));
    io.stdout.write(`preview: ${preview.url}\n`);
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    await preview.close();
    const stoppedBy = signal.reason instanceof CancelledError ? signal.reason.signal : 'SIGINT';
    io.stdout.write(`preview stopped (${stoppedBy})\n`);
    return 0;
  },
};

function printEvent(event: PreviewEvent, io: CliIo): void {
  if (event.type === 'problem') {
    printProblems([event.problem], io);
    return;
  }
  if (event.type === 'lint') {
    const { files, problems, ms } = event.update;
    printProblems(problems, io);
    const what = files.length === 1 ? files[0] : `${files.length} chapters`;
    io.stdout.write(`proofread ${what} in ${Math.round(ms)} ms: ${problems.length} finding(s)\n`);
    return;
  }
  const { result, ms } = event;
  printProblems([...result.warnings, ...result.errors], io);
  const time = `${Math.round(ms)} ms`;
  const files = result.files.join(', ');
  if (result.kind === 'chapters') {
    if (result.parsed > 0) io.stdout.write(`rebuilt ${files} in ${time}\n`);
  } else if (result.kind === 'images') {
    io.stdout.write(`reloaded ${files} in ${time}\n`);
  } else if (result.parsed > 0) {
    const chapters = `${result.parsed} chapter${result.parsed === 1 ? '' : 's'}`;
    io.stdout.write(
      files ? `reloaded the book (${files}): ${chapters} in ${time}\n` : `loaded ${chapters} in ${time}\n`,
    );
  }
}

function printProblems(problems: readonly Problem[], io: CliIo): void {
  for (const problem of problems) {
    io.stderr.write(`${formatDiagnostic(problem.severity, problem.message, problem)}\n`);
  }
}
