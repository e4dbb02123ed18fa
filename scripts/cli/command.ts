/**
 * The one runner every command goes through. It is the only place that decides an exit code:
 * 0 success, 1 a problem with the book (or an internal error), 2 a wrong command line, 128 + the
 * signal's number (130 for Ctrl-C, 143 for SIGTERM) when interrupted. It parses the arguments,
 * answers `--help`, turns SIGINT and SIGTERM into cancellation, and reports what the command
 * threw; the command itself prints only its results.
 *
 * It imports nothing of the pipeline: each command loads its own stages when it runs, so that a
 * command starts (and answers `--help`) without loading the others'.
 */
import { constants } from 'node:os';
import { BuildError, CancelledError, eachError, UsageError } from '../errors.ts';
import { removePendingWrites } from '../output/write-atomic.ts';
import { processIo, type CliIo } from './io.ts';
import { createReporter, type Reporter } from './progress.ts';
import { formatDiagnostic } from './report.ts';

/** The flags every command understands. */
export interface CommonFlags {
  help: boolean;
  /** Print only errors and warnings (and the command's results). */
  quiet?: boolean;
  /** Print stack traces of internal errors. */
  verbose?: boolean;
}

/** What a running command is given. */
export interface CommandRun extends Reporter {
  io: CliIo;
  /** Aborted on SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Seconds since the command started. */
  seconds(): number;
}

/** A command: its usage, its parser and its work. */
export interface Command<Flags extends CommonFlags> {
  /** Shown under a mistake on the command line. */
  usage: string;
  /** Shown for `--help` (default: the usage); a command whose flags choose between modes words it by them. */
  help?: (flags: Flags) => string;
  /** What is said when a signal stops the command. */
  cancelled: string;
  /** Read the arguments; a mistake throws UsageError. */
  parse(argv: readonly string[]): Flags;
  /** Do the work and resolve with the exit code; the user's mistakes are thrown as BuildError. */
  run(flags: Flags, run: CommandRun): Promise<number>;
}

/**
 * How long a cancelled command may take to wind down before it is made to exit: longer than
 * closing a browser may take (scripts/pdf/render/browser.ts gives it 5 s, then kills it and waits up to
 * 2 s for its processes to go), so that a slow machine still ends a build the ordinary way.
 */
const WIND_DOWN_MS = 10_000;

/**
 * Run a command with the process's arguments (or a test's) and resolve with its exit code. The
 * signals come from the process, or from `signals` (a test's emitter).
 */
export async function runCommand<Flags extends CommonFlags>(
  command: Command<Flags>,
  argv: readonly string[],
  io: CliIo = processIo,
  signals: NodeJS.EventEmitter = process,
): Promise<number> {
  let flags: Flags;
  try {
    flags = command.parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`error: ${error.message}\n\n${error.usage ?? command.usage}\n`);
    return 2;
  }
  if (flags.help) {
    io.stdout.write(`${command.help?.(flags) ?? command.usage}\n`);
    return 0;
  }
  const started = performance.now();
  // A command that has not wound down in time still says why it stops, and leaves no half-written file.
  const interrupt = listenForSignals(signals, async (signal) => {
    await removePendingWrites();
    io.stderr.write(`${command.cancelled}\n`);
    process.exit(signalExitCode(signal));
  });
  const reporter = createReporter(io.stderr, flags.quiet === true);
  const run: CommandRun = {
    ...reporter,
    io,
    signal: interrupt.signal,
    seconds: () => (performance.now() - started) / 1000,
  };
  try {
    return await command.run(flags, run);
  } catch (error) {
    reporter.clear();
    // Never leave a half-written output behind, whatever stopped the command.
    await removePendingWrites();
    const cancelled = interrupt.received() ?? (error instanceof CancelledError ? error.signal : undefined);
    if (cancelled) {
      io.stderr.write(`${command.cancelled}\n`);
      return signalExitCode(cancelled);
    }
    reportError(error, io, flags.verbose === true);
    return 1;
  } finally {
    interrupt.stop();
  }
}

/** The exit code of a process ended by `signal`, as shells report it: 128 + its number. */
function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? constants.signals.SIGINT);
}

/**
 * SIGINT and SIGTERM abort the command's signal. A second signal while winding down changes
 * nothing: cleanup is already under way. A command that has not returned in time is handed to
 * `stuck`, which makes it exit.
 */
function listenForSignals(
  source: NodeJS.EventEmitter,
  stuck: (signal: NodeJS.Signals) => Promise<void>,
): { signal: AbortSignal; received(): NodeJS.Signals | undefined; stop(): void } {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let timer: NodeJS.Timeout | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) return;
    received = signal;
    controller.abort(new CancelledError(signal));
    timer = setTimeout(() => void stuck(signal), WIND_DOWN_MS);
    timer.unref();
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  source.on('SIGINT', onSigint);
  source.on('SIGTERM', onSigterm);
  return {
    signal: controller.signal,
    received: () => received,
    stop: () => {
      clearTimeout(timer);
      source.off('SIGINT', onSigint);
      source.off('SIGTERM', onSigterm);
    },
  };
}

/** A build error as `file:line:column: error: message`, with the warnings found before it; anything else as an internal error. */
function reportError(error: unknown, io: CliIo, verbose: boolean): void {
  if (error instanceof BuildError) {
    for (const warning of error.warnings ?? [])
      io.stderr.write(`${formatDiagnostic('warning', warning.message, warning)}\n`);
    for (const each of eachError(error)) io.stderr.write(`${formatDiagnostic('error', each.message, each)}\n`);
    if (verbose && error.cause instanceof Error) io.stderr.write(`${error.cause.stack}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error: internal error: ${message}\n  hint: run again with --verbose and report the output\n`);
  if (verbose && error instanceof Error) io.stderr.write(`${error.stack}\n`);
}
