/** The command line: `--manuscript PATH --out-dir DIR [--profile …]`. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PROFILES, type Profile } from '../config/schema.ts';
import { UsageError } from '../errors.ts';

/** Which output a command builds. */
export type Target = 'epub' | 'pdf';

/** Parsed command-line options. */
export interface CliOptions {
  manuscript: string;
  outDir: string;
  profile?: Profile;
  /** Seconds one PDF rendering may take. */
  timeout?: number;
  /** Build even if nothing changed since the last build. */
  force: boolean;
  strict: boolean;
  verbose: boolean;
  quiet: boolean;
  help: boolean;
}

/** Usage text for a command. */
export function usage(target: Target): string {
  return [
    `usage: npm run build:${target} -- [--manuscript PATH] [--out-dir DIR]${target === 'pdf' ? ' [--profile screen|print-shop|kdp] [--timeout SECONDS]' : ''}`,
    '',
    '  --manuscript PATH  manuscript folder (with book.yaml) or one Markdown file with front matter (default: manuscript/)',
    '  --out-dir DIR      where to write the book (default: dist/)',
    ...(target === 'pdf'
      ? [
          '  --profile NAME     screen (default), print-shop (bleed + crop marks) or kdp (Amazon KDP paperback)',
          '  --timeout SECONDS  time Chromium may take to lay out the book (default: 600)',
        ]
      : []),
    '  --force            build even if nothing changed since the last build',
    '  --strict           treat warnings as errors',
    '  --quiet            print only errors and warnings',
    '  --verbose          print stack traces for internal errors',
  ].join('\n');
}

/** node:util parseArgs with no positionals, its mistakes turned into UsageError. */
export function parseOptions<T extends ParseArgsConfig['options']>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** Parse arguments; a mistake throws UsageError. */
export function parseCliArgs(argv: readonly string[], target: Target): CliOptions {
  const values = parseOptions(argv, {
    manuscript: { type: 'string' },
    'out-dir': { type: 'string' },
    profile: { type: 'string' },
    timeout: { type: 'string' },
    strict: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.profile !== undefined) {
    if (target !== 'pdf') throw new UsageError('--profile applies to build:pdf only');
    if (!(PROFILES as readonly string[]).includes(values.profile)) {
      throw new UsageError(`unknown profile "${values.profile}": use ${PROFILES.join(', ')}`);
    }
  }
  let timeout: number | undefined;
  if (values.timeout !== undefined) {
    if (target !== 'pdf') throw new UsageError('--timeout applies to build:pdf only');
    timeout = Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0)
      throw new UsageError(`--timeout needs a number of seconds, not "${values.timeout}"`);
  }
  for (const key of ['manuscript', 'out-dir'] as const) {
    if (values[key] === '') throw new UsageError(`--${key} needs a path`);
  }
  return {
    manuscript: values.manuscript ?? 'manuscript',
    outDir: values['out-dir'] ?? 'dist',
    profile: values.profile as Profile | undefined,
    timeout,
    force: values.force,
    strict: values.strict,
    verbose: values.verbose,
    quiet: values.quiet,
    help: values.help,
  };
}
