/**
 * The command line of `npm run lint`, and the lint step of `build:* --lint`: arguments, what the
 * terminal shows, the exit code. Findings print the way the build prints problems,
 * `file:line:column: warning: message (rule)`, or as JSON.
 *
 * Exit codes: 0 when nothing is an error (warnings are fine; `--strict` counts them too), 1 when
 * something is, or the manuscript cannot be read; 2 for a wrong command line; 130/143 interrupted.
 */
import { resolve } from 'node:path';
import type { BookSource } from '../book.ts';
import { UsageError } from '../errors.ts';
import type { LintReport } from '../lint/lint-book.ts';
import type { LintMessage } from '../lint/messages.ts';
import { MANUSCRIPT_OPTIONS, MANUSCRIPT_USAGE, manuscriptPath, parseOptions } from './args.ts';
import type { Command, CommandRun } from './command.ts';
import { displayFile, formatDiagnostic } from './report.ts';

/** Parse the arguments of `npm run lint`; a mistake throws UsageError. */
function parseLintArgs(argv: readonly string[]) {
  const values = parseOptions(argv, {
    ...MANUSCRIPT_OPTIONS,
    format: { type: 'string' },
    'fix-report': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  });
  const manuscript = manuscriptPath(values.manuscript);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format "${format}": use text or json`);
  return {
    manuscript,
    format,
    fixReport: values['fix-report'],
    strict: values.strict,
    // JSON is for programs: no progress or summary around it.
    quiet: values.quiet || format === 'json',
    help: values.help,
  };
}

const USAGE = [
  'usage: npm run lint -- [--manuscript PATH] [--format text|json] [--fix-report] [--strict]',
  '',
  MANUSCRIPT_USAGE,
  '  --format FORMAT    text (default: file:line:column: severity: message (rule)) or json',
  '  --fix-report       also show what each fixable finding’s fix would change (nothing is changed)',
  '  --strict           exit with 1 on warnings too',
  '  --quiet            print only the findings, no progress or summary',
].join('\n');

/** `npm run lint`. */
export const lintCommand: Command<ReturnType<typeof parseLintArgs>> = {
  usage: USAGE,
  cancelled: 'lint cancelled',
  parse: parseLintArgs,
  async run(options, run) {
    const { openManuscript } = await import('../book.ts');
    // Read once, as a build reads it; the proofreading works on the text read.
    const report = await lint(await openManuscript(resolve(options.manuscript)), run);
    if (options.format === 'json')
      run.io.stdout.write(`${JSON.stringify(toJson(report, options.fixReport), null, 2)}\n`);
    else
      for (const message of report.messages) run.io.stdout.write(`${formatLintMessage(message, options.fixReport)}\n`);
    if (!options.quiet) run.io.stderr.write(`${summaryLine(report)} in ${run.seconds().toFixed(1)} s\n`);
    return failed(report.messages, options.strict) ? 1 : 0;
  },
};

/** Proofread the book's chapter files as they were read. */
async function lint(source: BookSource, run: CommandRun): Promise<LintReport> {
  const { lintManuscript } = await import('../lint/lint-book.ts');
  const report = await lintManuscript(source, { signal: run.signal, progress: run.progress });
  run.clear();
  return report;
}

/**
 * `build:* --lint`: proofread the book the build has read and print the findings; with
 * `--strict`, a lint error stops the build (nothing is built), as it would in a CI job. Returns
 * whether the build may go on.
 */
export async function lintBeforeBuild(source: BookSource, strict: boolean, run: CommandRun): Promise<boolean> {
  const report = await lint(source, run);
  for (const message of report.messages) run.io.stderr.write(`${formatLintMessage(message, false)}\n`);
  run.say(summaryLine(report));
  const errors = report.messages.filter((message) => message.severity === 'error').length;
  if (strict && errors > 0) {
    run.io.stderr.write(
      `${formatDiagnostic('error', `${errors} lint error(s) and --strict is on; nothing was built`, { ruleId: 'strict' })}\n`,
    );
    return false;
  }
  return true;
}

/** One finding as the build prints problems, the rule's name last; with its fix when asked. */
function formatLintMessage(message: LintMessage, fixReport: boolean): string {
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
