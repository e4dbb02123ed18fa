/**
 * `npm run build`: the whole book (EPUB, PDF and the cover its metadata asks for) from one
 * manuscript, or with `--books PATH…` a catalogue (scripts/cli/catalogue.ts).
 */
import { UsageError } from '../errors.ts';
import type { BrowserSession } from '../pdf/render/browser.ts';
import { parseBuildArgs, usage, type BuildFlags } from './args.ts';
import { buildCommand } from './build.ts';
import type { CatalogueFlags } from './catalogue.ts';
import type { Command } from './command.ts';

const CATALOGUE_USAGE = [
  'usage: npm run build -- --books PATH… [--out-dir DIR] [--jobs N] [--report FILE.json] [--markdown FILE] [options]',
  '',
  '  --books PATH…      manuscript folders, one-file books, or folders holding books; each book is written to',
  '                     <out-dir>/<book id>/ (the id is its path with dashes: books/novel → books-novel)',
  '  --jobs N           books built at the same time (default: one per processor, up to 4)',
  '  --report FILE      also write the table as JSON',
  '  --markdown FILE    also write the table as Markdown (for a CI job summary)',
  '  other options      as for build:pdf (--profile, --timeout, --force, --strict, --quiet)',
].join('\n');

/** The options only a catalogue build has, taken out of the command line before the usual ones are read. */
interface CatalogueArgs {
  books?: string[];
  jobs?: string;
  report?: string;
  markdown?: string;
  rest: string[];
}

/** `npm run build`'s flags: one manuscript's, or a catalogue's. */
type BuildAllFlags = (BuildFlags & { books?: undefined }) | CatalogueFlags;

/** `npm run build`; `session` is a browser the caller owns (a test file's), for one manuscript's PDFs. */
export function buildAllCommand(options: { session?: BrowserSession } = {}): Command<BuildAllFlags> {
  const wholeBook = buildCommand('book', options);
  return {
    usage: wholeBook.usage,
    help: (flags) => (flags.books ? `${CATALOGUE_USAGE}\n\n${usage('book')}` : wholeBook.usage),
    cancelled: wholeBook.cancelled,
    parse: parseBuildAll,
    async run(flags, run) {
      if (!flags.books) return wholeBook.run(flags, run);
      const { runCatalogue } = await import('./catalogue.ts');
      return runCatalogue(flags, run);
    },
  };
}

/** Read `npm run build`'s arguments: a catalogue's mistakes are shown with the catalogue's usage. */
function parseBuildAll(argv: readonly string[]): BuildAllFlags {
  const split = atCatalogue(() => splitCatalogueArgs(argv));
  if (!split.books) {
    if (split.jobs ?? split.report ?? split.markdown)
      throw new UsageError('--jobs, --report and --markdown need --books', CATALOGUE_USAGE);
    return parseBuildArgs(split.rest, 'book');
  }
  const books = split.books;
  return atCatalogue(() => {
    const flags = parseBuildArgs(split.rest, 'book');
    if (split.rest.some((arg) => arg === '--manuscript' || arg.startsWith('--manuscript='))) {
      throw new UsageError('use --books or --manuscript, not both');
    }
    if (books.length === 0) throw new UsageError('--books needs at least one path');
    const jobs = split.jobs === undefined ? undefined : Number(split.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
      throw new UsageError(`--jobs needs a whole number, not "${split.jobs}"`);
    return { ...flags, books, jobs, report: split.report, markdown: split.markdown };
  });
}

/** Read with a catalogue's usage under any mistake. */
function atCatalogue<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.message, CATALOGUE_USAGE);
    throw error;
  }
}

/** `--books a b c` (paths up to the next option), `--books=a`, `--jobs N`, `--report F`, `--markdown F`. */
export function splitCatalogueArgs(argv: readonly string[]): CatalogueArgs {
  const result: CatalogueArgs = { rest: [] };
  const valueOf = (name: string, index: number): [string, number] => {
    const arg = argv[index]!;
    if (arg.startsWith(`--${name}=`)) return [arg.slice(name.length + 3), index];
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    return [value, index + 1];
  };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--books' || arg.startsWith('--books=')) {
      result.books ??= [];
      if (arg.startsWith('--books=')) result.books.push(arg.slice('--books='.length));
      while (index + 1 < argv.length && !argv[index + 1]!.startsWith('--')) result.books.push(argv[++index]!);
      continue;
    }
    const single = (['jobs', 'report', 'markdown'] as const).find(
      (name) => arg === `--${name}` || arg.startsWith(`--${name}=`),
    );
    if (single) {
      const [value, last] = valueOf(single, index);
      result[single] = value;
      index = last;
      continue;
    }
    result.rest.push(arg);
  }
  return result;
}
