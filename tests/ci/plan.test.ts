/** ci:plan in a real temporary git repository: exactly the changed books, all of them on a tag. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBuilds, type CiPlan } from '../../scripts/ci/plan.ts';
import { runCommand } from '../helpers/cli.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.org',
    },
  });
const commit = async (files: Record<string, string | Uint8Array>, message: string) => {
  for (const [name, content] of Object.entries(files)) await writeFile(join(repo, name), content);
  git('add', '-A');
  git('commit', '-q', '-m', message);
};
const plan = (options: { since?: string; chunk?: number; all?: boolean } = {}) =>
  planBuilds({ cwd: repo, books: ['books'], toolRoot: repo, ...options });
const ids = (result: CiPlan) => result.books.map((book) => book.id);

beforeAll(async () => {
  repo = await makeManuscript({
    'scripts/tool.ts': 'export {};\n',
    'books/a/book.yaml': 'title: 甲\n',
    'books/a/01.md': '# 一\n\n本文。\n',
    'books/a/notes.txt': 'not part of the book\n',
    'books/b/book.yaml': 'title: 乙\n',
    'books/b/01.md': '本文。\n',
    'books/c.md': '---\ntitle: 丙\n---\n\n![図](img/fig.png)\n',
    'books/img/fig.png': PNG,
    'books/notes.md': 'a note, not a book\n',
  });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'first');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('ci:plan', () => {
  it('finds folder books and one-file books, not stray notes, with stable ids', async () => {
    const result = await plan();
    expect(ids(result)).toEqual(['books-a', 'books-b', 'books-c']);
    expect(result.books.map((book) => [book.path, book.kind])).toEqual([
      ['books/a', 'folder'],
      ['books/b', 'folder'],
      ['books/c.md', 'file'],
    ]);
    expect(result.reason).toBe('no --since ref');
  });

  it('plans nothing when nothing changed, and exactly the book whose chapter changed', async () => {
    expect((await plan({ since: 'HEAD' })).count).toBe(0);
    await commit({ 'books/a/01.md': '# 一\n\n本文を直した。\n' }, 'edit a');
    const result = await plan({ since: 'HEAD~1' });
    expect(ids(result)).toEqual(['books-a']);
    expect(result.books[0]!.reason).toBe('books/a/01.md');
  });

  it('rebuilds a one-file book when an image it shows changes, and ignores files no book uses', async () => {
    await commit({ 'books/img/fig.png': Buffer.concat([PNG, Buffer.from([0])]), 'books/a/notes.txt': 'x' }, 'image');
    expect(ids(await plan({ since: 'HEAD~1' }))).toEqual(['books-c']);
  });

  it('rebuilds a book whose metadata changed', async () => {
    await commit({ 'books/b/book.yaml': 'title: 乙（改）\n' }, 'metadata');
    expect(ids(await plan({ since: 'HEAD~1' }))).toEqual(['books-b']);
  });

  it('gives each book a hash that changes with its inputs only', async () => {
    const before = await plan();
    await commit({ 'books/b/01.md': '本文が変わった。\n' }, 'edit b');
    const after = await plan();
    const hash = (result: CiPlan, id: string) => result.books.find((book) => book.id === id)!.hash;
    expect(hash(after, 'books-a')).toBe(hash(before, 'books-a'));
    expect(hash(after, 'books-c')).toBe(hash(before, 'books-c'));
    expect(hash(after, 'books-b')).not.toBe(hash(before, 'books-b'));
  });

  it('rebuilds every book when the pipeline changed', async () => {
    await commit({ 'scripts/tool.ts': 'export const changed = 1;\n' }, 'tool');
    const result = await plan({ since: 'HEAD~1' });
    expect(result.count).toBe(3);
    expect(result.reason).toContain('the pipeline changed (scripts/tool.ts)');
  });

  it('plans a book that does not load, so that its build can report why', async () => {
    await commit({ 'books/b/book.yaml': 'title: [broken\n' }, 'break b');
    expect(ids(await plan({ since: 'HEAD~1' }))).toEqual(['books-b']);
  });

  it('plans every book on a tag, or when the ref is unknown', async () => {
    expect((await plan({ since: 'no-such-ref' })).reason).toBe('ref no-such-ref not found');
    git('tag', 'v1.0');
    const tagged = await plan({ since: 'HEAD' });
    expect(tagged.count).toBe(3);
    expect(tagged.reason).toBe('tag v1.0');
  });

  it('splits the matrix into chunks', async () => {
    const single = await plan({ all: true });
    expect(single.matrix.include.map((job) => job.id)).toEqual(['books-a', 'books-b', 'books-c']);
    const chunked = await plan({ all: true, chunk: 2 });
    expect(chunked.matrix.include.map((job) => [job.id, job.books])).toEqual([
      ['chunk-1', ['books/a', 'books/b']],
      ['chunk-2', ['books/c.md']],
    ]);
  });

  it('prints JSON, writes the GitHub output and rejects a bad chunk size (command line)', async () => {
    const output = join(await mkdtemp(join(tmpdir(), 'gh-output-')), 'out');
    const result = await runCommand('ci-plan', ['--books', 'books', '--all', '--github-output', output], { cwd: repo });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as CiPlan).count).toBe(3);
    const lines = (await readFile(output, 'utf8')).trim().split('\n');
    expect(lines[1]).toBe('count=3');
    expect(JSON.parse(lines[0]!.replace(/^matrix=/, ''))).toEqual((JSON.parse(result.stdout) as CiPlan).matrix);
    expect((await runCommand('ci-plan', ['--chunk', '0'], { cwd: repo })).code).toBe(2);
    const missing = await runCommand('ci-plan', ['--books', 'nowhere'], { cwd: repo });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nowhere: error: no such book or folder: nowhere/);
  });
});
