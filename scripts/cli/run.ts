/**
 * The command-line boundary: parse arguments, run a build, report. This is the only place that
 * prints or decides the exit code (0 success, 1 build error, 2 usage error, 130/143 interrupted).
 */
import { processIo, type CliIo } from './io.ts';
import { resolve } from 'node:path';
import { BuildError, CancelledError, eachError, UsageError } from '../errors.ts';
import { removePendingWrites } from '../output/write-atomic.ts';
import { parseCliArgs, usage, type CliOptions, type Target } from './args.ts';
import type { BuildRunner } from '../build-options.ts';
import { formatDiagnostic } from './report.ts';
import { createReporter } from './progress.ts';

export type { BuildRunner, BuildSummary, BuiltFile } from '../build-options.ts';

/** Run a build from the command line and return the exit code. */
export async function runCli(
  target: Target,
  argv: readonly string[],
  build: BuildRunner,
  io: CliIo = processIo,
): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, target);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\n\n${usage(target)}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    io.stdout.write(`${usage(target)}\n`);
    return 0;
  }

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while winding down changes nothing: cleanup is already under way.
    if (controller.signal.aborted) return;
    controller.abort(new CancelledError(signal));
    // If the build does not wind down by itself, leave anyway, but never with half-written output.
    setTimeout(
      () => void removePendingWrites().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)),
      5000,
    ).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const started = performance.now();
  const { progress, clear } = createReporter(io.stderr, options.quiet);
  try {
    if (options.lint) {
      const { lintBeforeBuild } = await import('./lint.ts');
      const manuscript = resolve(options.manuscript);
      if (!(await lintBeforeBuild(manuscript, options.strict, controller.signal, progress, clear, io))) return 1;
    }
    const result = await build(
      { ...options, manuscript: resolve(options.manuscript), outDir: resolve(options.outDir) },
      controller.signal,
      progress,
    );
    clear();
    for (const warning of result.warnings)
      io.stderr.write(`${formatDiagnostic('warning', warning.message, warning)}\n`);
    if (!options.quiet) {
      for (const line of result.report ?? []) io.stdout.write(`${line}\n`);
      io.stdout.write(`${result.summary} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      for (const note of result.notes ?? []) io.stdout.write(`  ${note}\n`);
    }
    return 0;
  } catch (error) {
    clear();
    await removePendingWrites();
    if (controller.signal.aborted || error instanceof CancelledError) {
      io.stderr.write('build cancelled; earlier output left as it was\n');
      return controller.signal.reason instanceof CancelledError && controller.signal.reason.message.includes('SIGTERM')
        ? 143
        : 130;
    }
    if (error instanceof BuildError) {
      for (const warning of error.warnings ?? [])
        io.stderr.write(`${formatDiagnostic('warning', warning.message, warning)}\n`);
      for (const each of eachError(error)) io.stderr.write(`${formatDiagnostic('error', each.message, each)}\n`);
      if (options.verbose && error.cause instanceof Error) io.stderr.write(`${error.cause.stack}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`error: internal error: ${message}\n  hint: run again with --verbose and report the output\n`);
    if (options.verbose && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
