/**
 * Running a command in the test's own process, through the same runner its entry script calls
 * (runCommand, with the command's definition) with its output captured: the same exit codes and messages as
 * `npm run …`, without starting Node and compiling the pipeline for every case. tests/cli keeps
 * real child-process runs of the npm-script path (launch.mjs, process.exitCode).
 */
import { buildAllCommand } from '../../scripts/cli/build-all.ts';
import { buildCommand } from '../../scripts/cli/build.ts';
import { runCommand } from '../../scripts/cli/command.ts';
import { epubcheckCommand } from '../../scripts/cli/epubcheck.ts';
import type { CliIo } from '../../scripts/cli/io.ts';
import { lintCommand } from '../../scripts/cli/lint.ts';
import { preflightCommand } from '../../scripts/cli/preflight.ts';
import type { BrowserSession } from '../../scripts/pdf/render/browser.ts';
import type { CommandResult } from './cli.ts';

/** The commands that run in-process, by the name of their entry script (as `runCommand` takes them). */
const RUNNERS = {
  'build-epub': (argv, io) => runCommand(buildCommand('epub'), argv, io),
  'build-pdf': (argv, io, session) => runCommand(buildCommand('pdf', { session }), argv, io),
  'build-cover': (argv, io, session) => runCommand(buildCommand('cover', { session }), argv, io),
  'build-all': (argv, io, session) => runCommand(buildAllCommand({ session }), argv, io),
  lint: (argv, io) => runCommand(lintCommand, argv, io),
  preflight: (argv, io) => runCommand(preflightCommand, argv, io),
  epubcheck: (argv, io) => runCommand(epubcheckCommand, argv, io),
} satisfies Record<string, (argv: readonly string[], io: CliIo, session?: BrowserSession) => Promise<number>>;

/** A command `runInProcess` can run. */
export type InProcessCommand = keyof typeof RUNNERS;

// Environment changes are process-wide, so cases that set variables must not overlap.
let running = false;

/**
 * Run a command in-process with captured output; `env` is set for the run and restored after it, and
 * `session` (a browser the test file started once) is used by `build-pdf` instead of starting one.
 * Fails if the command changed what a later case would inherit: the working folder or process.exitCode.
 */
export async function runInProcess(
  command: InProcessCommand,
  argv: readonly string[],
  options: { env?: Record<string, string>; session?: BrowserSession } = {},
): Promise<CommandResult> {
  if (running) throw new Error('runInProcess: one command at a time (it sets process.env for the run)');
  running = true;
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
  };
  const cwd = process.cwd();
  const exitCode = process.exitCode;
  const saved = Object.entries(options.env ?? {}).map(([name, value]) => {
    const before = process.env[name];
    process.env[name] = value;
    return [name, before] as const;
  });
  try {
    const code = await RUNNERS[command](argv, io, options.session);
    if (process.cwd() !== cwd) throw new Error(`${command} changed the working folder to ${process.cwd()}`);
    if (process.exitCode !== exitCode) throw new Error(`${command} set process.exitCode to ${process.exitCode}`);
    return { code, stdout, stderr };
  } finally {
    for (const [name, before] of saved) {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
    running = false;
  }
}
