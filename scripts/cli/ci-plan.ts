/** `npm run ci:plan -- [--books PATH…] [--since REF] [--all] [--chunk N] [--github-output FILE]` */
import { appendFile } from 'node:fs/promises';
import { UsageError } from '../errors.ts';
import { parseOptionsAndPaths } from './args.ts';
import type { Command } from './command.ts';

const USAGE = [
  'usage: npm run ci:plan -- [--books PATH…] [--since REF] [--all] [--chunk N] [--github-output FILE]',
  '',
  '  --books PATH…         manuscript folders, one-file books, or folders holding books (default: manuscript)',
  '  --since REF           only books whose inputs or the pipeline changed since this git ref',
  '  --all                 every book (also the case on a tagged commit, or without --since)',
  '  --chunk N             books per matrix job (default: 1, or more to stay within 256 jobs)',
  '  --github-output FILE  also append `matrix=…` and `count=…` to FILE (GitHub: $GITHUB_OUTPUT)',
].join('\n');

/** `npm run ci:plan`: the plan as JSON on standard output. */
export const ciPlanCommand: Command<ReturnType<typeof parse>> = {
  usage: USAGE,
  cancelled: 'ci:plan cancelled',
  parse,
  async run(values, { io }) {
    const { planBuilds } = await import('../ci/plan.ts');
    const plan = await planBuilds({
      cwd: process.cwd(),
      books: values.books,
      since: values.since,
      all: values.all,
      chunk: values.chunk,
    });
    io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    if (values.githubOutput) {
      await appendFile(values.githubOutput, `matrix=${JSON.stringify(plan.matrix)}\ncount=${plan.count}\n`);
    }
    io.stderr.write(`${plan.count} of ${plan.total} book(s) to build (${plan.reason})\n`);
    return 0;
  },
};

function parse(argv: readonly string[]) {
  const { values, positionals } = parseOptionsAndPaths(argv, {
    books: { type: 'string', multiple: true },
    since: { type: 'string' },
    all: { type: 'boolean', default: false },
    chunk: { type: 'string' },
    'github-output': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  // `--books a b c`: the paths after the first are positionals.
  if (positionals.length > 0 && !values.books) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const chunk = values.chunk === undefined ? undefined : Number(values.chunk);
  if (chunk !== undefined && !(Number.isInteger(chunk) && chunk > 0)) {
    throw new UsageError(`--chunk needs a whole number of books, not "${values.chunk}"`);
  }
  return {
    books: [...(values.books ?? ['manuscript']), ...positionals],
    since: values.since,
    all: values.all,
    chunk,
    githubOutput: values['github-output'],
    help: values.help,
  };
}
