/** Running the real commands as a user would, in a child process. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root folder. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What a command printed and how it ended. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `scripts/build-<target>.ts` with arguments, from the project root. */
export function runBuild(
  target: 'epub' | 'pdf' | 'cover',
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return runNode([`${projectRoot}scripts/build-${target}.ts`, ...args], options);
}

/** tsx's loader by absolute URL, so that a command can run from any working folder. */
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Run a TypeScript file with Node through tsx. */
export function runNode(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, ...args], {
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
