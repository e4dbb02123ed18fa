/**
 * The command line of `npm run lint`, and the lint step of `build:* --lint`: arguments, what the
 * terminal shows, the exit code. Findings print the way the build prints problems,
 * `file:line:column: warning: message (rule)`, or as JSON.
 *
 * Exit codes: 0 when nothing is an error (warnings are fine; `--strict` counts them too), 1 when
 * something is, or the manuscript cannot be read; 2 for a wrong command line; 130/143 interrupted.
 */
import { processIo, type CliIo } from './io.ts';
import { resolve } from 'node:path';
import { BuildError, CancelledError, UsageError } from '../errors.ts';
import { lintManuscript, type LintReport } from '../lint/lint-book.ts';
import type { LintMessage } from '../lint/messages.ts';
import type { Progress } from '../progress.ts';
import { parseOptions } from './args.ts';
import { createReporter } from './progress.ts';
import { displayFile, formatDiagnostic } from './report.ts';

const USAGE = [
  'usage: npm run lint -- [--manuscript PATH] [--format text|json] [--fix-report] [--strict]',
  '',
  '  --manuscript PATH  manuscript folder (with book.yaml) or one Markdown file with front matter (default: manuscript/)',
  '  --format FORMAT    text (default: file:line:column: severity: message (rule)) or json',
  '  --fix-report       also show what each fixable finding’s fix would change (nothing is changed)',
  '  --strict           exit with 1 on warnings too',
  '  --quiet            print only the findings, no progress or summary',
].join('\n');

/** Parsed options of `npm run lint`. */
export interface LintCliOptions {
  manuscript: string;
  format: 'text' | 'json';
  fixReport: boolean;
  strict: boolean;
  quiet: boolean;
  help: boolean;
}

/** Parse the arguments; a mistake throws UsageError. */
export function parseLintArgs(argv: readonly string[]): LintCliOptions {
  const values = parseOptions(argv, {
    manuscript: { type: 'string' },
    format: { type: 'string' },
    'fix-report': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.manuscript === '') throw new UsageError('--manuscript needs a path');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": use text or json`);
  return {
    manuscript: values.manuscript ?? 'manuscript',
    format,
    fixReport: values['fix-report'],
    strict: values.strict,
    quiet: values.quiet,
    help: values.help,
  };
}

/** Run `npm run lint` and return the exit code. */
export async function runLintCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let options: LintCliOptions;
  try {
    options = parseLintArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(new CancelledError(signal));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = performance.now();
  const { progress, clear } = createReporter(io.stderr, options.quiet || options.format === 'json');
  try {
    const report = await lintManuscript(resolve(options.manuscript), { signal: controller.signal, progress });
    clear();
    if (options.format === 'json') io.stdout.write(`${JSON.stringify(toJson(report, options.fixReport), null, 2)}\n`);
    else for (const message of report.messages) io.stdout.write(`${formatLintMessage(message, options.fixReport)}\n`);
    if (!options.quiet && options.format === 'text') {
      io.stderr.write(`${summaryLine(report)} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
    return failed(report.messages, options.strict) ? 1 : 0;
  } catch (error) {
    clear();
    if (controller.signal.aborted) {
      io.stderr.write('lint cancelled\n');
      return String(controller.signal.reason).includes('SIGTERM') ? 143 : 130;
    }
    if (error instanceof BuildError) {
      io.stderr.write(`${formatDiagnostic('error', error.message, error)}\n`);
      return 1;
    }
    io.stderr.write(`error: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * `build:* --lint`: proofread first and print the findings; with `--strict`, a lint error stops
 * the build (nothing is built), as it would in a CI job. Returns whether the build may go on.
 */
export async function lintBeforeBuild(
  manuscript: string,
  strict: boolean,
  signal: AbortSignal,
  progress: Progress,
  clear: () => void,
  io: CliIo = processIo,
): Promise<boolean> {
  const report = await lintManuscript(manuscript, { signal, progress });
  clear();
  for (const message of report.messages) io.stderr.write(`${formatLintMessage(message, false)}\n`);
  progress(summaryLine(report));
  const errors = report.messages.filter((message) => message.severity === 'error').length;
  if (strict && errors > 0) {
    io.stderr.write(
      `${formatDiagnostic('error', `${errors} lint error(s) and --strict is on; nothing was built`, { ruleId: 'strict' })}\n`,
    );
    return false;
  }
  return true;
}

/** One finding as the build prints problems, the rule's name last; with its fix when asked. */
export function formatLintMessage(message: LintMessage, fixReport: boolean): string {
  const line = formatDiagnostic(message.severity, `${message.message} (${message.ruleId})`, message);
  if (!fixReport || !message.fix) return line;
  const { fix } = message;
  const how = fix.exact ? '' : ' (the text runs across a notation: make this change by hand)';
  return `${line}\n  fix: ${fix.line}:${fix.column}: 「${fix.before}」 → 「${fix.after}」${how}`;
}

function summaryLine(report: LintReport): string {
  const errors = report.messages.filter((message) => message.severity === 'error').length;
  const warnings = report.messages.length - errors;
  const fixable = report.messages.filter((message) => message.fix).length;
  return (
    `linted ${report.chapters} chapter(s), ${report.characters.toLocaleString('en')} characters, ${report.rules.length} rules: ` +
    `${errors} error(s), ${warnings} warning(s)${fixable > 0 ? `, ${fixable} fixable (--fix-report shows how)` : ''}`
  );
}

function failed(messages: readonly LintMessage[], strict: boolean): boolean {
  return messages.some((message) => message.severity === 'error' || strict);
}

function toJson(report: LintReport, fixReport: boolean) {
  return {
    chapters: report.chapters,
    characters: report.characters,
    rules: report.rules.map((rule) => ({ id: rule.id, severity: rule.severity, view: rule.view })),
    messages: report.messages.map(({ fix, ...message }) => ({
      ...message,
      file: displayFile(message.file),
      ...(fixReport && fix ? { fix } : {}),
    })),
  };
}
