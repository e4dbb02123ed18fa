/**
 * The npm-script path itself, as a child process: `node scripts/launch.mjs <entry>` compiles and
 * runs the entry, and the runner's result becomes the process's exit code. Everything else about
 * the commands is tested in-process (tests/cli/cli.test.ts, tests/bad-input).
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { projectRoot, runBuild, runCommand } from '../helpers/cli.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

describe('node scripts/launch.mjs, as the npm scripts run it', () => {
  it('build-epub exits 1 on a bad metadata key, with file:line:column and no stack trace, and writes nothing', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nwritingmode: vertical\n', 'a.md': '本文' });
    const result = await runBuild('epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(root, 'book.yaml')}:2:1: error: unknown key "writingmode" (did you mean "writingMode"?)`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(join(root, 'out')).catch(() => [])).toEqual([]);
  });

  it('build-epub exits 0 and writes the book', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nfilename: book\n', 'a.md': '# 章\n\n本文。\n' });
    const result = await runBuild('epub', ['--manuscript', root, '--out-dir', join(root, 'out')]);
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(root, 'out'))).toEqual(['book.epub']);
  });

  it('build-epub loads the packager without node-fetch and ow (scripts/epub/packager.ts)', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\nfilename: book\n', 'a.md': '# 章\n\n本文。\n' });
    const printLoaded = join(projectRoot, 'tests/helpers/print-loaded.cjs');
    const result = await runBuild('epub', ['--manuscript', root, '--out-dir', join(root, 'out')], {
      env: { NODE_OPTIONS: `--require ${printLoaded}` },
    });
    expect(result.code, result.stderr).toBe(0);
    const loaded = result.stderr.split('\nloaded modules:\n')[1]?.split('\n') ?? [];
    // The packager itself was loaded, from node_modules; the two it loads for what a build never does were not.
    expect(loaded.some((path) => path.includes('/node_modules/epub-gen-memory/dist/lib/index.js'))).toBe(true);
    expect(loaded.filter((path) => /\/node_modules\/(?:node-fetch|ow)\//.test(path))).toEqual([]);
  });

  it('lint exits 2 with its usage on a wrong command line', async () => {
    const result = await runCommand('lint', ['--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown format "xml"[\s\S]*usage: npm run lint/);
  });

  it('npm run dev ends, with everything it started, when npm gets SIGTERM (npm passes it only to the shell)', async () => {
    const root = await makeManuscript({ 'book.yaml': 'title: 本\n', 'a.md': '# 章\n\n本文。\n' });
    // A process group of its own, so that the test can see (and, failing, end) everything npm started.
    const npm = spawn('npm', ['run', 'dev', '--', '--manuscript', root, '--port', '0', '--no-lint'], {
      cwd: projectRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const group = npm.pid!;
    const alive = () => {
      try {
        process.kill(-group, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      let output = '';
      const port = await new Promise<number>((resolve, reject) => {
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          const found = /preview: http:\/\/localhost:(\d+)\//.exec(output);
          if (found) resolve(Number(found[1]));
        };
        npm.stdout.on('data', read);
        npm.stderr.on('data', read);
        npm.on('exit', () => reject(new Error(`npm ended before the preview started:\n${output}`)));
      });
      expect(await answers(port)).toBe(true);
      npm.kill('SIGTERM');
      for (let waited = 0; waited < 10_000 && alive(); waited += 100) await sleep(100);
      expect(alive(), 'a process npm started is still running').toBe(false);
      expect(await answers(port), 'the port still answers').toBe(false);
      expect(output).toContain('preview stopped (SIGTERM)');
    } finally {
      if (alive()) process.kill(-group, 'SIGKILL');
    }
  });
});

/** Whether something accepts a connection on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
