/**
 * The one way the commands run: `node scripts/launch.mjs <entry> [args…]` runs `scripts/<entry>.ts`
 * as JavaScript compiled ahead of time, with no TypeScript compiler loaded at run time.
 *
 * The compiled code lives in `.cache/js-<hash>/` (git-ignored): one module per entry, and the
 * code the entries share, or load only when they need it, split into chunks, with the npm
 * packages left as imports. A command loads only what it runs: `build:epub --help` loads neither
 * the PDF's stack nor even the Markdown parser. The folder is named by a hash of every source
 * file of the pipeline, so it can never be stale: a developer who edits a `.ts` file gets it
 * compiled again (in about a second) on the next run, and `sh scripts/setup.sh` compiles it once
 * up front. The modules sit two folders below the project, as the sources do, so
 * `new URL('../../templates/…', import.meta.url)` finds the same files from either.
 *
 * Plain JavaScript on purpose: it is what runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OUR_VISIT, OUR_VISIT_FOR } from './visit-alias.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const cacheDir = join(root, '.cache');
/** Old compilations are removed once this old: a command started from one may still load its chunks. */
const KEEP_OLD_MS = 10 * 60 * 1000;
/** The commands, as `scripts/<name>.ts`. */
const ENTRIES = [
  'build-all',
  'build-epub',
  'build-pdf',
  'build-cover',
  'dev',
  'lint',
  'preflight',
  'ci-plan',
  'epubcheck',
  'bench/run',
  'bench/floor',
  'bench/mono',
  'bench/same-output',
];
/** Code a command starts in a worker thread: compiled beside the commands, found through the environment. */
const WORKERS = { 'lint/worker': 'TATEGAKI_LINT_WORKER', 'manuscript/read-worker': 'TATEGAKI_READ_WORKER' };
/**
 * Code a command runs in a page (the ぶら下げ pass): bundled for the browser as one script that
 * defines `pageScript`, as scripts/pdf/render/page-script.ts bundles it from the sources, and
 * found through the environment.
 */
const PAGE_SCRIPTS = { 'pdf/render/hanging-page': 'TATEGAKI_HANGING_PAGE' };

/**
 * A hash of every source file the bundles are made from, and of the compiler's settings. Read
 * synchronously on purpose: nothing else runs yet, and one awaited read per file cost 150 ms of
 * every command's start (measured: 155–200 ms against 8–17 ms for the same hash).
 */
function sourceHash() {
  const files = readdirSync(join(root, 'scripts'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  const launcher = [import.meta.url, new URL('./visit-alias.mjs', import.meta.url)].map((url) => fileURLToPath(url));
  for (const file of [...files, join(root, 'package-lock.json'), ...launcher])
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

const compiledDir = (hash) => join(cacheDir, `js-${hash}`);
const pageScriptName = (entry) => `${entry.replace(/\//g, '-')}.js`;

/**
 * npm packages compiled into the bundles rather than loaded from node_modules at run time: the
 * syntax-tree family (unified, micromark, the mdast, hast and unist utilities, vfile and their
 * small helpers), pure ES modules that read no file of their own. Loaded one by one, their three
 * hundred modules cost 0.16 s of resolving and reading at every build (measured on meian.md's EPUB,
 * interleaved: 2.52 → 2.36 s). Every other package (native code, fonts and data read from its own
 * folder, CommonJS, textlint with its own older copies of these) stays in node_modules.
 */
const BUNDLED =
  /^(?:unified|bail|trough|devlop|zwitch|extend|is-plain-obj|vfile.*|unist-.*|micromark.*|mdast-util-.*|hast-util-.*|hastscript|remark-.*|rehype-.*|decode-named-character-reference|character-entities.*|character-reference-invalid|property-information|space-separated-tokens|comma-separated-tokens|html-void-elements|html-url-attributes|web-namespaces|ccount|longest-streak|markdown-table|stringify-entities|trim-lines|escape-string-regexp|parse5|entities|parse-entities|is-(?:alphabetical|alphanumerical|decimal|hexadecimal)|fault|format)$/;

/** An esbuild plugin: bare imports of packages whose name `bundled` matches are compiled in; the rest stay imports. */
function bundleOnly(bundled) {
  return {
    name: 'bundle-only',
    setup(build) {
      build.onResolve({ filter: /^[^./#]/ }, (args) => {
        if (args.path.startsWith('node:')) return { external: true };
        const parts = args.path.split('/');
        const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        return bundled.test(name) ? undefined : { external: true };
      });
    },
  };
}

/** An esbuild plugin: `unist-util-visit` imported by an `OUR_VISIT_FOR` package is our walk (scripts/visit-alias.mjs). */
function ourVisit() {
  return {
    name: 'our-visit',
    setup(build) {
      build.onResolve({ filter: /^unist-util-visit$/ }, (args) =>
        OUR_VISIT_FOR.test(args.importer) ? { path: OUR_VISIT } : undefined,
      );
    },
  };
}

/** Compile every entry into the hash's folder (atomically: concurrent runs may do it at once) and remove old folders. */
async function compile(hash) {
  const { build } = await import('esbuild');
  await mkdir(cacheDir, { recursive: true });
  const temp = join(cacheDir, `.tmp-${process.pid}-${Date.now()}`);
  await build({
    entryPoints: Object.fromEntries(
      [...ENTRIES, ...Object.keys(WORKERS)].map((entry) => [
        entry.replace(/\//g, '-'),
        join(root, 'scripts', `${entry}.ts`),
      ]),
    ),
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    plugins: [ourVisit(), bundleOnly(BUNDLED)],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Source maps beside the modules, not inside them: inline, they were half of every module's bytes,
    // which Node reads and decodes at every start (the parser's modules: 92 → 79 ms to load).
    sourcemap: 'linked',
    logLevel: 'error',
  });
  await build({
    entryPoints: Object.fromEntries(
      Object.keys(PAGE_SCRIPTS).map((entry) => [
        pageScriptName(entry).replace(/\.js$/, ''),
        join(root, 'scripts', `${entry}.ts`),
      ]),
    ),
    outdir: temp,
    bundle: true,
    format: 'iife',
    globalName: 'pageScript',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
  });
  // Another run may have put the same compilation there first; either is as good.
  await rename(temp, compiledDir(hash)).catch(() => rm(temp, { recursive: true, force: true }));
  const now = Date.now();
  for (const name of await readdir(cacheDir)) {
    const path = join(cacheDir, name);
    if (!/^js(-|$)/.test(name) || path === compiledDir(hash)) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > KEEP_OLD_MS) await rm(path, { recursive: true, force: true });
  }
}

const moduleOf = (entry, hash) => join(compiledDir(hash), `${entry.replace(/\//g, '-')}.mjs`);

/** The compiled module of `entry` and the sources' hash, compiling first if the sources changed. */
async function compiledEntry(entry) {
  const hash = sourceHash();
  const path = moduleOf(entry, hash);
  if (!existsSync(path)) await compile(hash);
  return { path, hash };
}

/** How often the command looks whether the process that started it is still there. */
const PARENT_CHECK_MS = 250;

/**
 * A command ends with the process that started it. npm passes SIGINT and SIGTERM only to its
 * direct child, and for `npm run dev` that is the shell running the script (`sh -c node
 * scripts/launch.mjs dev`), not this process: the shell dies and this one would be left behind,
 * a preview still answering on its port (an editor's task runner or a process manager sends
 * SIGTERM to npm). The command runs in this process (there is no child to pass a signal to), so
 * when its parent is gone (this process was handed to init or a subreaper) it sends itself the
 * SIGTERM that was meant for it: the runner (scripts/cli/command.ts) cancels, closes the browser,
 * the servers and the workers, and exits. The timer keeps nothing alive.
 */
function endWithParent() {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, PARENT_CHECK_MS);
  timer.unref();
}

const [entry, ...args] = process.argv.slice(2);
if (entry === '--compile') {
  await compiledEntry(ENTRIES[0]);
} else if (entry && ENTRIES.includes(entry)) {
  endWithParent();
  const { path, hash } = await compiledEntry(entry);
  // Worker and page code was compiled with the command; the command finds it by these variables.
  for (const [worker, variable] of Object.entries(WORKERS))
    process.env[variable] = pathToFileURL(moduleOf(worker, hash)).href;
  for (const [script, variable] of Object.entries(PAGE_SCRIPTS))
    process.env[variable] = pathToFileURL(join(compiledDir(hash), pageScriptName(script))).href;
  // The command sees its own arguments, as if it had been started directly.
  process.argv = [process.argv[0], path, ...args];
  await import(pathToFileURL(path).href);
} else {
  process.stderr.write(`usage: node scripts/launch.mjs ${ENTRIES.join('|')} [arguments] (or --compile)\n`);
  process.exitCode = 2;
}
