/** Running the real commands as a user would, in a child process. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What a command printed and how it ended. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `npm run build:<target>` with arguments, from the project root (without npm in between). */
export function runBuild(
  target: 'epub' | 'pdf' | 'cover',
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return runCommand(`build-${target}`, args, options);
}

/** Node arguments that run a command (`build-epub`, `dev`, …) the one way the npm scripts do. */
export function commandArgs(entry: string, args: readonly string[]): string[] {
  return [`${projectRoot}scripts/launch.mjs`, entry, ...args];
}

/** Run a command (`build-epub`, `build-pdf`, `dev`) through the launcher, as npm runs it. */
export function runCommand(
  entry: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, commandArgs(entry, args), {
      cwd: options.cwd ?? projectRoot,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
