/**
 * The one way the commands run: `node scripts/launch.mjs <entry> [args…]` runs `scripts/<entry>.ts`
 * as JavaScript compiled ahead of time, with no TypeScript compiler loaded at run time.
 *
 * The compiled code lives in `.cache/js/` (git-ignored), one bundle per entry with the npm
 * packages left as imports. It is keyed by a hash of every source file of the pipeline, so it can
 * never be stale: a developer who edits a `.ts` file gets it compiled again (in about a second)
 * on the next run, and `sh scripts/setup.sh` compiles it once up front. The bundles sit two
 * folders below the project, as the sources do, so `new URL('../../templates/…', import.meta.url)`
 * finds the same files from either.
 *
 * Plain JavaScript on purpose: it is what runs before anything is compiled.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = join(root, '.cache/js');
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
];
/** Code a command starts in a worker thread: compiled beside the commands, found through the environment. */
const WORKERS = { 'lint/worker': 'TATEGAKI_LINT_WORKER' };
/**
 * Code a command runs in a page (the ぶら下げ pass): bundled for the browser as one script that
 * defines `pageScript`, as scripts/pdf/render/page-script.ts bundles it from the sources, and
 * found through the environment.
 */
const PAGE_SCRIPTS = { 'pdf/render/hanging-page': 'TATEGAKI_HANGING_PAGE' };

/** A hash of every source file the bundles are made from, and of the compiler's settings. */
async function sourceHash() {
  const files = (await readdir(join(root, 'scripts'), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const hash = createHash('sha256');
  for (const file of [...files, join(root, 'package-lock.json'), fileURLToPath(import.meta.url)])
    hash
      .update(relative(root, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

const bundleName = (entry, hash) => `${entry.replace(/\//g, '-')}.${hash}.mjs`;
const pageScriptName = (entry, hash) => `${entry.replace(/\//g, '-')}.${hash}.js`;

/** Compile every entry (atomically: concurrent runs may do it at once) and remove old bundles. */
async function compile(hash) {
  const { build } = await import('esbuild');
  await mkdir(outDir, { recursive: true });
  const temp = join(outDir, `.tmp-${process.pid}-${Date.now()}`);
  await build({
    entryPoints: Object.fromEntries(
      [...ENTRIES, ...Object.keys(WORKERS)].map((entry) => [
        bundleName(entry, hash).replace(/\.mjs$/, ''),
        join(root, 'scripts', `${entry}.ts`),
      ]),
    ),
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  await build({
    entryPoints: Object.fromEntries(
      Object.keys(PAGE_SCRIPTS).map((entry) => [
        pageScriptName(entry, hash).replace(/\.js$/, ''),
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
  const names = [
    ...[...ENTRIES, ...Object.keys(WORKERS)].map((entry) => bundleName(entry, hash)),
    ...Object.keys(PAGE_SCRIPTS).map((entry) => pageScriptName(entry, hash)),
  ];
  for (const name of names) await rename(join(temp, name), join(outDir, name));
  await rm(temp, { recursive: true, force: true });
  for (const name of await readdir(outDir)) {
    if (/\.m?js$/.test(name) && !name.includes(`.${hash}.`)) await rm(join(outDir, name), { force: true });
  }
}

/** The compiled bundle of `entry` and the sources' hash, compiling first if the sources changed. */
async function bundleOf(entry) {
  const hash = await sourceHash();
  const path = join(outDir, bundleName(entry, hash));
  if (!existsSync(path)) await compile(hash);
  return { path, hash };
}

const [entry, ...args] = process.argv.slice(2);
if (entry === '--compile') {
  await bundleOf(ENTRIES[0]);
} else if (entry && ENTRIES.includes(entry)) {
  const { path, hash } = await bundleOf(entry);
  // Worker and page code was compiled with the command; the command finds it by these variables.
  for (const [worker, variable] of Object.entries(WORKERS))
    process.env[variable] = pathToFileURL(join(outDir, bundleName(worker, hash))).href;
  for (const [script, variable] of Object.entries(PAGE_SCRIPTS))
    process.env[variable] = pathToFileURL(join(outDir, pageScriptName(script, hash))).href;
  // The command sees its own arguments, as if it had been started directly.
  process.argv = [process.argv[0], path, ...args];
  await import(pathToFileURL(path).href);
} else {
  process.stderr.write(`usage: node scripts/launch.mjs ${ENTRIES.join('|')} [arguments] (or --compile)\n`);
  process.exitCode = 2;
}
