/** The command line of the builds: `--manuscript PATH --out-dir DIR [--profile …]`, and the parsers every command uses. */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BuildOptions } from '../build/options.ts';
import { PROFILES, type Profile } from '../config/profiles.ts';
import { UsageError } from '../errors.ts';
import type { CommonFlags } from './command.ts';

/** Which output a command builds: one of them, or the whole book (`npm run build`). */
export type Target = 'epub' | 'pdf' | 'cover' | 'book';

/** A build command's flags, as typed (paths as given, the time limit in seconds). */
export interface BuildFlags extends ManuscriptFlags {
  outDir: string;
  /** The destinations asked for: `--profile print-shop,kdp` names several. */
  profiles?: Profile[];
  /** Seconds one PDF rendering may take. */
  timeout?: number;
  /** build:cover: the interior's page count, instead of reading it from the interior PDF. */
  pages?: number;
  /** build:cover: do nothing unless the metadata has `print.cover` (for `npm run build`). */
  ifConfigured: boolean;
  force: boolean;
  /** Proofread first (`npm run lint`); with `strict`, a lint error stops the build. */
  lint: boolean;
  strict: boolean;
  verbose: boolean;
  quiet: boolean;
}

/** The build options the flags ask for: paths resolved, the time limit in milliseconds. */
export function buildOptions(flags: BuildFlags): BuildOptions {
  return {
    outDir: resolve(flags.outDir),
    profiles: flags.profiles,
    layoutTimeout: flags.timeout === undefined ? undefined : flags.timeout * 1000,
    pages: flags.pages,
    force: flags.force,
    strict: flags.strict,
  };
}

/** How `--manuscript` is explained in every command's usage. */
export const MANUSCRIPT_USAGE =
  '  --manuscript PATH  manuscript folder (with book.yaml) or one Markdown file with front matter (default: manuscript/)';

/** Usage text for a command. */
export function usage(target: Target): string {
  const extra = {
    epub: '',
    pdf: ' [--profile screen|print-shop|kdp[,…]] [--timeout SECONDS]',
    cover: ' [--profile print-shop|kdp[,…]] [--pages N]',
    book: ' [--profile screen|print-shop|kdp[,…]] [--timeout SECONDS]',
  }[target];
  return [
    `usage: npm run ${target === 'book' ? 'build' : `build:${target}`} -- [--manuscript PATH] [--out-dir DIR]${extra}`,
    '',
    MANUSCRIPT_USAGE,
    '  --out-dir DIR      where to write the book (default: dist/)',
    ...(target !== 'epub'
      ? [
          '  --profile NAME     screen (default), print-shop (bleed + crop marks) or kdp (Amazon KDP paperback);',
          '                     several, comma-separated, are built from one load of the book, each to its own file',
          '  --timeout SECONDS  time Chromium may take to lay out the book (default: 600)',
        ]
      : []),
    ...(target === 'cover'
      ? [
          '  --profile NAME     print-shop (bleed + crop marks; the default) or kdp (Amazon KDP paperback), or both',
          "  --pages N          the interior's page count (default: from the interior PDF, built if needed)",
          '  --if-configured    build only if the metadata has print.cover (npm run build uses it)',
          '  --timeout SECONDS  time Chromium may take to lay out the interior, if it is built (default: 600)',
        ]
      : []),
    '  --force            build even if nothing changed since the last build',
    '  --lint             proofread the manuscript first (as npm run lint); with --strict a lint error stops the build',
    '  --strict           treat warnings as errors',
    '  --quiet            print only errors and warnings',
    '  --verbose          print stack traces for internal errors',
  ].join('\n');
}

/** The options of every command that reads a manuscript: `--manuscript PATH` and `--help`. */
export const MANUSCRIPT_OPTIONS = {
  manuscript: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

/** The flags of a command that reads a manuscript. */
interface ManuscriptFlags extends CommonFlags {
  manuscript: string;
}

/** `--manuscript` as given, `manuscript/` when absent; an empty path is a mistake. */
export function manuscriptPath(value: string | undefined): string {
  if (value === '') throw new UsageError('--manuscript needs a path');
  return value ?? 'manuscript';
}

/** node:util parseArgs with no positionals, its mistakes turned into UsageError. */
export function parseOptions<T extends ParseArgsConfig['options']>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** node:util parseArgs that also takes paths after the options (`--books a b c`). */
export function parseOptionsAndPaths<T extends ParseArgsConfig['options']>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--profile NAME` or `--profile NAME,NAME…`: the destinations, each once, in the order given. */
function parseProfiles(value: string, target: Target): Profile[] {
  if (target === 'epub') throw new UsageError('--profile applies to build:pdf, build:cover and build only');
  const known = target === 'cover' ? PROFILES.filter((profile) => profile !== 'screen') : PROFILES;
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(known as readonly string[]).includes(name))
      throw new UsageError(
        `unknown profile "${name}": use ${known.join(', ')} (several: --profile ${known.slice(-2).join(',')})`,
      );
  }
  return [...new Set(names as Profile[])];
}

/** Parse a build command's arguments; a mistake throws UsageError. */
export function parseBuildArgs(argv: readonly string[], target: Target): BuildFlags {
  const values = parseOptions(argv, {
    ...MANUSCRIPT_OPTIONS,
    'out-dir': { type: 'string' },
    profile: { type: 'string' },
    timeout: { type: 'string' },
    pages: { type: 'string' },
    'if-configured': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    lint: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  const profiles = values.profile === undefined ? undefined : parseProfiles(values.profile, target);
  let pages: number | undefined;
  if (values.pages !== undefined) {
    if (target !== 'cover') throw new UsageError('--pages applies to build:cover only');
    pages = Number(values.pages);
    if (!/^\d+$/.test(values.pages) || pages < 1 || pages > 100_000)
      throw new UsageError(`--pages needs a whole number of pages, not "${values.pages}"`);
  }
  if (values['if-configured'] && target !== 'cover')
    throw new UsageError('--if-configured applies to build:cover only');
  let timeout: number | undefined;
  if (values.timeout !== undefined) {
    if (target === 'epub') throw new UsageError('--timeout applies to build:pdf and build:cover only');
    timeout = Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0)
      throw new UsageError(`--timeout needs a number of seconds, not "${values.timeout}"`);
  }
  if (values['out-dir'] === '') throw new UsageError('--out-dir needs a path');
  return {
    manuscript: manuscriptPath(values.manuscript),
    outDir: values['out-dir'] ?? 'dist',
    profiles,
    timeout,
    pages,
    ifConfigured: values['if-configured'],
    force: values.force,
    lint: values.lint,
    strict: values.strict,
    verbose: values.verbose,
    quiet: values.quiet,
    help: values.help,
  };
}
