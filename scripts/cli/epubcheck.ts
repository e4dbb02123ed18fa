/** `npm run epubcheck -- BOOK.epub… [--strict]`: EPUBCheck on built books, as `file:line:column` lines. */
import { BuildError, UsageError } from '../errors.ts';
import { parseOptionsAndPaths } from './args.ts';
import type { Command } from './command.ts';
import { formatDiagnostic } from './report.ts';

const USAGE =
  'usage: npm run epubcheck -- BOOK.epub… [--strict]\n\n  --strict  warnings fail too (the project holds its books to 0 errors, 0 warnings)';

/** What `npm run epubcheck` is asked to do. */
interface EpubcheckFlags {
  files: string[];
  strict: boolean;
  help: boolean;
}

function parse(argv: readonly string[]): EpubcheckFlags {
  const { values, positionals } = parseOptionsAndPaths(argv, {
    strict: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (!values.help && positionals.length === 0) throw new UsageError('name at least one EPUB file');
  return { files: positionals, strict: values.strict, help: values.help };
}

/** `npm run epubcheck`: check every file; exit 1 if any has an error (or, with --strict, a warning). */
export const epubcheckCommand: Command<EpubcheckFlags> = {
  usage: USAGE,
  cancelled: 'epubcheck cancelled',
  parse,
  async run({ files, strict }, { io }) {
    const { epubcheck } = await import('../check/epubcheck.ts');
    let failed = 0;
    for (const file of files) {
      try {
        const result = await epubcheck(file);
        for (const message of result.messages) {
          if (!['FATAL', 'ERROR', 'WARNING'].includes(message.severity)) continue;
          const where = message.locations?.find((location) => location.line > 0);
          const severity = message.severity === 'WARNING' ? 'warning' : 'error';
          const text = `${message.message} (${message.ID}${where ? `, in ${where.path}:${where.line}:${where.column}` : ''})`;
          io.stderr.write(`${formatDiagnostic(severity, text, { file })}\n`);
        }
        const bad = result.errors + result.fatals + (strict ? result.warnings : 0) > 0;
        if (bad) failed++;
        io.stdout.write(
          `${file}: EPUBCheck ${result.fatals + result.errors} error(s), ${result.warnings} warning(s)${bad ? '' : ' — ok'}\n`,
        );
      } catch (error) {
        if (!(error instanceof BuildError)) throw error;
        io.stderr.write(`${formatDiagnostic('error', error.message, error)}\n`);
        return 1;
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
