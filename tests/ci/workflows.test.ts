/**
 * The GitHub Actions workflows: valid against the published workflow schema, official actions at
 * their current majors, and the shell of the plan, build, EPUBCheck, preflight and proofreading
 * steps run here for real, with `npm run X` resolved through package.json, on a small catalogue in
 * a git repository: a good book passes every step, a broken one fails the step that should catch it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../helpers/cli.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, { default?: unknown }> } | null>;
  jobs: Record<string, { steps?: Step[]; strategy?: { 'fail-fast'?: boolean; matrix?: unknown }; uses?: string }>;
}

const folder = join(projectRoot, '.github/workflows');
const files = readdirSync(folder).filter((name) => name.endsWith('.yml'));
const source = (name: string) => readFileSync(join(folder, name), 'utf8');
const workflow = (name: string) => parse(source(name)) as Workflow;
const scripts = (
  JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

/** The official actions and their current major versions (checked November 2026). */
const CURRENT = {
  'actions/checkout': 'v7',
  'actions/setup-node': 'v7',
  'actions/cache': 'v6',
  'actions/upload-artifact': 'v7',
  'actions/download-artifact': 'v8',
};

describe('workflow files', () => {
  it.each(files)('%s passes the GitHub workflow schema', (name) => {
    const result = validateWorkflow(source(name));
    expect(result.errors).toEqual([]);
  });

  it('the schema check catches a broken workflow', () => {
    const broken = source('books.yml').replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04');
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it.each(files)('%s uses only official actions at their current major', (name) => {
    const used = Object.values(workflow(name).jobs).flatMap((job) =>
      (job.steps ?? []).flatMap((step) => step.uses ?? []),
    );
    for (const action of used) {
      const [repository, version] = action.split('@');
      expect(CURRENT, action).toHaveProperty([repository!]);
      expect(version, action).toBe(CURRENT[repository as keyof typeof CURRENT]);
    }
  });

  it('steps call only npm scripts that exist, and exactly the ones the tests exercise', () => {
    const called = new Set(
      files.flatMap((name) => [...source(name).matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]!)),
    );
    for (const name of called) expect(scripts, name).toHaveProperty([name]);
    expect([...called].sort()).toEqual(['build', 'ci:plan', 'epubcheck', 'lint', 'preflight']);
  });

  it('is reusable, fans out without failing fast, keeps artifacts and drafts a release', () => {
    const books = workflow('books.yml');
    expect(books.on).toHaveProperty('workflow_call');
    expect(books.jobs.build!.strategy!['fail-fast']).toBe(false);
    const upload = books.jobs.build!.steps!.find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with).toMatchObject({
      name: 'book-${{ matrix.id }}',
      'retention-days': '${{ inputs.retention-days }}',
    });
    expect(books.jobs.release!.steps!.at(-1)!.run).toContain('gh release create "$TAG"');
    expect(books.jobs.release!.steps!.at(-1)!.run).toContain('--draft');
    expect(workflow('ci.yml').jobs.books!.uses).toBe('./.github/workflows/books.yml');
  });
});

describe('the plan, build, EPUBCheck, preflight and proofreading steps, run for real', () => {
  const books = workflow('books.yml');
  const step = (job: string, name: string) => books.jobs[job]!.steps!.find((candidate) => candidate.name === name)!;
  const inputs = Object.fromEntries(
    Object.entries(books.on.workflow_call!.inputs!).map(([key, input]) => [key, String(input.default ?? '')]),
  );
  /** Two copies of one repository: the good job's and the broken job's runner. */
  let repos: { good: string; broken: string };
  let bin: string;

  /** `${{ … }}` in a step's env, for the few forms the steps use; anything else fails the test. */
  const evaluate = (value: string, matrix: Record<string, unknown>) =>
    value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
      let match = /^inputs\.([\w-]+)$/.exec(expression);
      if (match) return inputs[match[1]!]!;
      match = /^matrix\.(\w+)$/.exec(expression);
      if (match) return String(matrix[match[1]!]);
      match = /^toJSON\(matrix\.(\w+)\)$/.exec(expression);
      if (match) return JSON.stringify(matrix[match[1]!]);
      throw new Error(`the test does not know the expression ${expression}`);
    });

  /**
   * Run a step's shell as Actions would (bash -e), with `npm run X` going to package.json's script
   * X, in `repo`. Asynchronous, so that the two jobs below run side by side, each in its own copy
   * of the repository, as two runners would.
   */
  const runStep = (
    repo: string,
    target: Step,
    matrix: Record<string, unknown>,
    githubOutput: string,
    summary = '/dev/null',
  ): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    const env = Object.fromEntries(
      Object.entries(target.env ?? {}).map(([key, value]) => [key, evaluate(value, matrix)]),
    );
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', target.run!], {
      cwd: repo,
      env: {
        ...process.env,
        ...env,
        GITHUB_OUTPUT: githubOutput,
        GITHUB_STEP_SUMMARY: summary,
        PATH: `${bin}:${process.env.PATH}`,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  };

  beforeAll(async () => {
    const makeRepo = async () => {
      const repo = await makeManuscript({
        'manuscript/book.yaml': 'title: 試しの本\nauthor: 著者\n',
        // 「私は彼は」: a doubled particle, a proofreading warning that must not fail the job.
        'manuscript/01.md': '# 一\n\n本文です。私は彼は好きだ。\n',
        // Outside the planned catalogue: a book that builds but has a 「 left open, a proofreading error.
        'shelf/broken/book.yaml': 'title: 壊れた本\nauthor: 著者\n',
        'shelf/broken/01.md': '# 一\n\n「閉じない括弧。\n',
      });
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
      execFileSync('git', ['add', '-A'], { cwd: repo });
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'books'], {
        cwd: repo,
      });
      return repo;
    };
    repos = { good: await makeRepo(), broken: await makeRepo() };
    // An `npm` on the PATH that runs package.json's `node scripts/launch.mjs X` scripts from this project.
    bin = await mkdtemp(join(tmpdir(), 'npm-shim-'));
    const cases = Object.entries(scripts)
      .flatMap(([name, command]) => {
        const match = /^node (scripts\/launch\.mjs) ([\w/-]+)$/.exec(command);
        return match
          ? [`  ${name}) exec "${process.execPath}" "${join(projectRoot, match[1]!)}" ${match[2]} "$@" ;;`]
          : [];
      })
      .join('\n');
    const shim = `#!/bin/bash\n[ "$1" = run ] || exit 97\nshift\n[ "$1" = --silent ] && shift\nname=$1\nshift\n[ "$1" = -- ] && shift\ncase $name in\n${cases}\n  *) echo "npm shim: no script $name" >&2; exit 98 ;;\nesac\n`;
    await import('node:fs/promises').then(({ writeFile, chmod }) =>
      writeFile(join(bin, 'npm'), shim).then(() => chmod(join(bin, 'npm'), 0o755)),
    );
  }, 60_000);
  afterAll(async () => {
    for (const repo of Object.values(repos)) await rm(repo, { recursive: true, force: true });
    await rm(bin, { recursive: true, force: true });
  });

  it.concurrent(
    'plans the sample catalogue, builds its matrix job, checks the EPUB and the PDF, and proofreads it',
    async ({ expect }) => {
      const repo = repos.good;
      const githubOutput = join(repo, 'github-output');
      const plan = await runStep(repo, step('plan', 'Plan'), {}, githubOutput);
      expect(plan.status, plan.stderr).toBe(0);
      const outputs = Object.fromEntries(
        (await readFile(githubOutput, 'utf8'))
          .trim()
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(outputs.count).toBe('1');
      const matrix = JSON.parse(outputs.matrix!) as { include: Record<string, unknown>[] };
      expect(matrix.include).toHaveLength(1);
      const job = matrix.include[0]!;
      expect(job).toMatchObject({ id: 'manuscript', books: ['manuscript'] });

      const build = await runStep(repo, step('build', 'Build'), job, githubOutput);
      expect(build.status, build.stderr).toBe(0);
      expect(existsSync(join(repo, 'dist/books/manuscript/manuscript.epub'))).toBe(true);
      expect(existsSync(join(repo, 'dist/books/manuscript/manuscript-print-shop.pdf'))).toBe(true);
      expect(existsSync(join(repo, 'dist/report-manuscript.json'))).toBe(true);
      expect(await readFile(join(repo, 'dist/summary.md'), 'utf8')).toMatch(/\| manuscript \| ok \| epub, pdf \|/);

      const check = await runStep(repo, step('build', 'EPUBCheck'), job, githubOutput);
      expect(check.status, check.stderr).toBe(0);
      expect(check.stdout).toContain('dist/books/manuscript/manuscript.epub: EPUBCheck 0 error(s), 0 warning(s) — ok');

      const summary = join(repo, 'summary-good.md');
      const preflight = await runStep(repo, step('build', 'Preflight'), job, githubOutput, summary);
      expect(preflight.status, preflight.stderr).toBe(0);
      expect(preflight.stdout).toMatch(
        /dist\/books\/manuscript\/manuscript-print-shop\.pdf\npreflight \(print-shop, one colour, PDF\/X-1a\): passed/,
      );
      const proofread = await runStep(repo, step('build', 'Proofread'), job, githubOutput, summary);
      expect(proofread.status, proofread.stderr).toBe(0);
      const text = await readFile(summary, 'utf8');
      expect(text).toContain('### Preflight: 1 PDF(s)\n- `dist/books/manuscript/manuscript-print-shop.pdf`: passed');
      expect(text).toContain('### Proofreading manuscript: 0 error(s), 1 warning(s)');
      expect(text).toMatch(
        /```text\nmanuscript\/01\.md:3:\d+: warning: .*\(no-doubled-joshi\)\n(?: {2}hint: .*\n)?```/,
      );
    },
    300_000,
  );

  it.concurrent(
    'fails the preflight step on a PDF that breaks its rules, and the proofreading step on a lint error',
    async ({ expect }) => {
      const repo = repos.broken;
      const githubOutput = join(repo, 'github-output-broken');
      const job = { id: 'shelf-broken', books: ['shelf/broken'], hash: 'x' };
      // A lint error is no build error: the book builds.
      const build = await runStep(repo, step('build', 'Build'), job, githubOutput);
      expect(build.status, build.stderr).toBe(0);
      const pdfs = readdirSync(join(repo, 'dist/books/shelf-broken')).filter((name) => name.endsWith('.pdf'));
      expect(pdfs).toHaveLength(1);
      const pdfPath = join(repo, 'dist/books/shelf-broken', pdfs[0]!);
      // (The EPUBCheck and Preflight steps passing a book as built is the first test's.)

      // A one-colour PDF/X-1a file with a red box painted on a page, as a stale or edited file might be.
      const pdf = await PDFDocument.load(await readFile(pdfPath));
      pdf.getPage(0).drawRectangle({ x: 20, y: 20, width: 30, height: 30, color: rgb(1, 0, 0) });
      await writeFile(pdfPath, await pdf.save());

      const summary = join(repo, 'summary-broken.md');
      const preflight = await runStep(repo, step('build', 'Preflight'), job, githubOutput, summary);
      expect(preflight.status).toBe(1);
      expect(preflight.stderr).toContain(`dist/books/shelf-broken/${pdfs[0]}: error: colour: `);
      const proofread = await runStep(repo, step('build', 'Proofread'), job, githubOutput, summary);
      expect(proofread.status).toBe(1);
      const text = await readFile(summary, 'utf8');
      expect(text).toContain(`- \`dist/books/shelf-broken/${pdfs[0]}\`: FAILED`);
      expect(text).toContain('### Proofreading shelf/broken: 1 error(s), 0 warning(s)');
      expect(text).toMatch(/shelf\/broken\/01\.md:3:1: error: .*\(no-unmatched-pair\)/);
    },
    300_000,
  );
});
