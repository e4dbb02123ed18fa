/**
 * The command line of `npm run preflight -- BOOK.pdf [--profile NAME] [--color mono|color]
 * [--pad-to N]`: check a PDF against its destination's rules and print the checklist. Exit
 * codes: 0 when no rule failed (warnings allowed), 1 when one did or the file cannot be read,
 * 2 for a wrong command line.
 */
import { readFile } from 'node:fs/promises';
import { PROFILES, type Profile } from '../config/profiles.ts';
import type { PrintColor } from '../config/schema.ts';
import { UsageError } from '../errors.ts';
import type { Expectations } from '../pdf/inspect/preflight/index.ts';
import { parseOptionsAndPaths } from './args.ts';
import type { Command } from './command.ts';

const USAGE = [
  'usage: npm run preflight -- BOOK.pdf [--profile screen|print-shop|kdp] [--color mono|color] [--pad-to N]',
  '',
  '  --profile NAME  the destination whose rules apply (default: guessed from the file: PDF/X keys mean',
  '                  print-shop, bleed on three sides kdp, no bleed screen). A cover spread (one page',
  '                  wider than tall) is checked as a cover: bleed on all four edges, in colour',
  '  --color MODE    mono (one colour, K only; default for print-shop and kdp) or color',
  '  --pad-to N      the page count must be a multiple of N (2, 4, 8 or 16)',
].join('\n');

/** Parsed options of `npm run preflight`. */
export interface PreflightOptions {
  file: string;
  expect: Partial<Expectations>;
  help: boolean;
}

/** Parse the arguments; a mistake throws UsageError. */
function parsePreflightArgs(argv: readonly string[]): PreflightOptions {
  const { values, positionals } = parseOptionsAndPaths(argv, {
    profile: { type: 'string' },
    color: { type: 'string' },
    'pad-to': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { file: '', expect: {}, help: true };
  if (positionals.length !== 1) throw new UsageError('name one PDF file to check');
  if (values.profile !== undefined && !(PROFILES as readonly string[]).includes(values.profile)) {
    throw new UsageError(`unknown profile "${values.profile}": use ${PROFILES.join(', ')}`);
  }
  if (values.color !== undefined && values.color !== 'mono' && values.color !== 'color') {
    throw new UsageError(`--color is mono or color, not "${values.color}"`);
  }
  const padTo = values['pad-to'] === undefined ? undefined : Number(values['pad-to']);
  if (padTo !== undefined && ![2, 4, 8, 16].includes(padTo)) throw new UsageError('--pad-to is 2, 4, 8 or 16');
  // What is not given (PDF/X, the colour, whether it is a cover) the preflight infers from the file.
  const expect: Partial<Expectations> = {
    profile: values.profile as Profile | undefined,
    color: values.color as PrintColor | undefined,
    padTo,
  };
  return { file: positionals[0]!, expect, help: false };
}

/** `npm run preflight`. */
export const preflightCommand: Command<PreflightOptions> = {
  usage: USAGE,
  cancelled: 'preflight cancelled',
  parse: parsePreflightArgs,
  async run(options, { io }) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(options.file);
    } catch (error) {
      io.stderr.write(
        `${options.file}: error: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})\n`,
      );
      return 1;
    }
    const { formatChecklist, preflightPdf } = await import('../pdf/inspect/preflight/index.ts');
    let report;
    try {
      report = await preflightPdf(bytes, options.expect);
    } catch (error) {
      io.stderr.write(
        `${options.file}: error: not a PDF that can be read (${(error as Error).message.split('\n')[0]})\n`,
      );
      return 1;
    }
    io.stdout.write(`${options.file}\n${formatChecklist(report).join('\n')}\n`);
    for (const item of report.items.filter((entry) => entry.status === 'fail')) {
      io.stderr.write(`${options.file}: error: ${item.title}: ${item.detail}\n`);
    }
    return report.failed ? 1 : 0;
  },
};
