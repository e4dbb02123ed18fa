/**
 * The one command runner (scripts/cli/command.ts), with commands made for the test: usage and
 * --help, exit 2 for a wrong command line, SIGINT/SIGTERM as cancellation with 130/143 from the
 * signal (whatever the error says), a half-written output removed, build errors and internal errors.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand, type Command, type CommandRun } from '../../scripts/cli/command.ts';
import type { CliIo } from '../../scripts/cli/io.ts';
import { BuildError, UsageError } from '../../scripts/errors.ts';
import { writeFileAtomic } from '../../scripts/output/write-atomic.ts';

interface Flags {
  help: boolean;
  verbose?: boolean;
}

/** A command whose work is `work`; `--help`, `--verbose` and nothing else on its command line. */
function command(work: (run: CommandRun) => Promise<number>): Command<Flags> {
  return {
    usage: 'usage: npm run test-command -- [--verbose]',
    cancelled: 'test command cancelled',
    parse(argv) {
      const unknown = argv.find((arg) => arg !== '--help' && arg !== '--verbose');
      if (unknown) throw new UsageError(`Unknown option '${unknown}'`);
      return { help: argv.includes('--help'), verbose: argv.includes('--verbose') };
    },
    run: (_flags, run) => work(run),
  };
}

/** Run with captured output and a signal source of the test's own. */
async function run(cmd: Command<Flags>, argv: string[] = [], signals = new EventEmitter()) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code = await runCommand(cmd, argv, io, signals);
  return { code, stdout, stderr };
}

describe('the command runner', () => {
  it('answers --help, and a wrong command line with exit 2 and the usage', async () => {
    const cmd = command(async () => 0);
    expect(await run(cmd, ['--help'])).toEqual({
      code: 0,
      stdout: 'usage: npm run test-command -- [--verbose]\n',
      stderr: '',
    });
    const wrong = await run(cmd, ['--nope']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe("error: Unknown option '--nope'\n\nusage: npm run test-command -- [--verbose]\n");
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`turns ${signal} into cancellation: exit ${code}, and no half-written file left`, async () => {
      const folder = await mkdtemp(join(tmpdir(), 'runner-'));
      const signals = new EventEmitter();
      const cmd = command(async (command) => {
        // A write the signal catches half-way; what it throws names no signal.
        setImmediate(() => signals.emit(signal));
        await writeFileAtomic(join(folder, 'book.epub'), new Uint8Array(64 * 1024 * 1024), command.signal);
        return 0;
      });
      const result = await run(cmd, [], signals);
      expect(result).toEqual({ code, stdout: '', stderr: 'test command cancelled\n' });
      expect(await readdir(folder)).toEqual([]);
      expect(signals.listenerCount(signal)).toBe(0);
    });
  }

  it('prints a build error with its place and the warnings found before it, and exits 1', async () => {
    const error = new BuildError('image not found: a.png', {
      file: '/nowhere/a.md',
      line: 3,
      column: 1,
      hint: 'check it',
    });
    error.warnings = [{ message: 'image has no description', file: '/nowhere/a.md', line: 2, column: 1 }];
    const result = await run(command(() => Promise.reject(error)));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '/nowhere/a.md:2:1: warning: image has no description\n/nowhere/a.md:3:1: error: image not found: a.png\n  hint: check it\n',
    );
  });

  it('reports anything else as an internal error, with the stack only when asked', async () => {
    const failing = command(() => Promise.reject(new TypeError('x is undefined')));
    const plain = await run(failing);
    expect(plain).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: internal error: x is undefined\n  hint: run again with --verbose and report the output\n',
    });
    expect((await run(failing, ['--verbose'])).stderr).toMatch(/TypeError: x is undefined\n\s+at /);
  });
});
