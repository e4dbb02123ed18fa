/**
 * The CI plan: which books of a catalogue to build, and how to share them out among matrix jobs.
 * A book is built when a file it is made from (its metadata, chapters, images, cover, fonts) or
 * the pipeline itself (scripts, templates, locked dependencies) changed since a git ref; on a
 * tag, without a ref, or when the ref is unknown, every book is. Each book carries a hash of its
 * inputs and of the pipeline, for cache keys.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadBook } from '../book.ts';
import { findBooks, type BookLocation } from '../catalogue/find-books.ts';
import { BuildError } from '../errors.ts';
import { digest, listFiles, pipelineVersion, projectRoot } from '../output/cache.ts';
import { bookInputFiles } from '../output/up-to-date.ts';

const run = promisify(execFile);

/** GitHub Actions runs at most this many jobs from one matrix. */
const MAX_MATRIX_JOBS = 256;

/** Paths of the pipeline, relative to the project root: a change to any rebuilds every book. */
const TOOL_PATHS = ['scripts/', 'templates/', 'package.json', 'package-lock.json', 'tsconfig.json', '.puppeteerrc.cjs'];

/** What to plan. */
export interface PlanOptions {
  /** The repository's working tree (any folder inside it). */
  cwd: string;
  /** Catalogue paths, relative to `cwd`. */
  books: readonly string[];
  /** Build only what changed since this ref (a commit, branch or tag). */
  since?: string;
  /** Build every book. */
  all?: boolean;
  /** Books per matrix job; by default one, or as many as keep the matrix within 256 jobs. */
  chunk?: number;
  /** Where the pipeline's own files are (default: this project); changes there rebuild every book. */
  toolRoot?: string;
}

/** One book in the plan. */
interface PlannedBook extends Pick<BookLocation, 'id' | 'kind'> {
  /** Path relative to the repository's top folder, as CI passes it to `npm run build -- --books`. */
  path: string;
  /** SHA-256 of the book's input files and the pipeline: a cache key. */
  hash: string;
  /** Why it is built: `all`, `tool` or the first changed input. */
  reason: string;
}

/** One matrix job: a chunk of books. */
interface MatrixJob {
  /** The book's id (one book per job) or `chunk-N`; the artifact is `book-<id>`. */
  id: string;
  books: string[];
  /** Cache key of the chunk: a hash of its books' hashes. */
  hash: string;
}

/** The plan printed by `npm run ci:plan`. */
export interface CiPlan {
  /** Why these books: `tag v1.0`, `since abc123: 3 changed`, … */
  reason: string;
  /** Books found in the catalogue. */
  total: number;
  /** Books to build. */
  count: number;
  books: PlannedBook[];
  /** `strategy.matrix` for GitHub Actions: `{ include: [...] }`. */
  matrix: { include: MatrixJob[] };
}

/** Work out the plan. */
export async function planBuilds(options: PlanOptions): Promise<CiPlan> {
  const top = (await git(options.cwd, ['rev-parse', '--show-toplevel'])).trim();
  const locations = await findBooks(options.books, options.cwd);
  const tool = await pipelineVersion();
  const books = await Promise.all(locations.map((location) => describeBook(location, top, tool)));

  let reason: string;
  let selected: (PlannedBook & { inputs: Set<string> })[];
  const tags = (await git(top, ['tag', '--points-at', 'HEAD'])).split('\n').filter(Boolean);
  const since = options.since?.trim();
  if (options.all) [reason, selected] = ['--all', books.map((book) => ({ ...book, reason: 'all' }))];
  else if (tags.length > 0)
    [reason, selected] = [`tag ${tags.join(', ')}`, books.map((book) => ({ ...book, reason: 'all' }))];
  else if (!since) [reason, selected] = ['no --since ref', books.map((book) => ({ ...book, reason: 'all' }))];
  else if (!(await commitExists(top, since)))
    [reason, selected] = [`ref ${since} not found`, books.map((book) => ({ ...book, reason: 'all' }))];
  else {
    const changed = (await git(top, ['diff', '--name-only', '-z', since, 'HEAD', '--'])).split('\0').filter(Boolean);
    const toolPrefix = relative(top, options.toolRoot ?? projectRoot);
    const toolChanged = !toolPrefix.startsWith('..') && changed.find((file) => isToolPath(file, toolPrefix));
    if (toolChanged) {
      reason = `since ${since}: the pipeline changed (${toolChanged})`;
      selected = books.map((book) => ({ ...book, reason: 'tool' }));
    } else {
      selected = books.flatMap((book) => {
        const hit = changed.find((file) => book.inputs.has(file));
        return hit ? [{ ...book, reason: hit }] : [];
      });
      reason = `since ${since}: ${changed.length} file(s) changed`;
    }
  }

  const planned = selected.map(({ inputs: _inputs, ...book }) => book);
  return {
    reason,
    total: books.length,
    count: planned.length,
    books: planned,
    matrix: matrixOf(planned, options.chunk),
  };
}

/** Share books out among jobs, `chunk` books each. */
function matrixOf(books: readonly PlannedBook[], chunk: number | undefined): { include: MatrixJob[] } {
  const size = chunk ?? Math.max(1, Math.ceil(books.length / MAX_MATRIX_JOBS));
  const jobs = Math.ceil(books.length / size);
  if (jobs > MAX_MATRIX_JOBS) {
    throw new BuildError(`--chunk ${size} makes ${jobs} jobs, more than GitHub's ${MAX_MATRIX_JOBS} per matrix`, {
      hint: `use --chunk ${Math.ceil(books.length / MAX_MATRIX_JOBS)} or more`,
      ruleId: 'ci-plan-chunk',
    });
  }
  const include: MatrixJob[] = [];
  for (let start = 0; start < books.length; start += size) {
    const group = books.slice(start, start + size);
    include.push({
      id: size === 1 ? group[0]!.id : `chunk-${include.length + 1}`,
      books: group.map((book) => book.path),
      hash: size === 1 ? group[0]!.hash : digest(...group.map((book) => book.hash)),
    });
  }
  return { include };
}

/** A book with its inputs (repository-relative paths) and its hash. */
async function describeBook(
  location: BookLocation,
  top: string,
  tool: string,
): Promise<PlannedBook & { inputs: Set<string> }> {
  let files: string[];
  try {
    files = bookInputFiles(await loadBook(location.path));
  } catch {
    // A book that does not load is still planned, so that its build reports why; everything in
    // its folder (or the file alone) counts as its input.
    files = location.kind === 'folder' ? await listFiles(location.path) : [location.path];
  }
  const inputs = files.map((file) => relative(top, file)).filter((file) => !file.startsWith('..') && !isAbsolute(file));
  const parts: (string | Uint8Array)[] = [tool];
  for (const file of inputs.sort()) parts.push(file, await readFile(join(top, file)).catch(() => 'missing'));
  return {
    id: location.id,
    kind: location.kind,
    path: relative(top, location.path) || '.',
    hash: digest(...parts),
    reason: '',
    inputs: new Set(inputs),
  };
}

function isToolPath(file: string, toolPrefix: string): boolean {
  const inTool = toolPrefix === '' ? file : relative(toolPrefix, file);
  if (inTool.startsWith('..')) return false;
  return TOOL_PATHS.some((path) => (path.endsWith('/') ? inTool.startsWith(path) : inTool === path));
}

async function commitExists(cwd: string, ref: string): Promise<boolean> {
  return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
    () => true,
    () => false,
  );
}

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    return (await run('git', args, { cwd: resolve(cwd), maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new BuildError(`git ${args[0]} failed: ${message}`, {
      file: cwd,
      hint: 'ci:plan runs inside a git repository with git installed',
      ruleId: 'ci-plan-git',
      cause,
    });
  }
}
