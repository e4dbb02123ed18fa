/** What is wrong with the manuscript right now, in the shape the build reports it. */
import { VFileMessage } from 'vfile-message';
import { BuildError, eachError, type Warning } from '../errors.ts';

/** An error or a warning with its place, as the page and the terminal show it. */
export interface Problem extends Warning {
  severity: 'error' | 'warning';
}

/** Turn whatever a load or a rebuild threw into a problem that says where; `file` is the fallback place. */
export function problemOf(error: unknown, file?: string): Problem {
  if (error instanceof BuildError) {
    return {
      severity: 'error',
      message: error.message,
      file: error.file ?? file,
      line: error.line,
      column: error.column,
      hint: error.hint,
      ruleId: error.ruleId,
    };
  }
  if (error instanceof VFileMessage) {
    return {
      severity: 'error',
      message: error.reason,
      file: error.file || file,
      line: error.line ?? undefined,
      column: error.column ?? undefined,
      ruleId: error.ruleId ?? undefined,
    };
  }
  // Not the manuscript's fault: said as the build says it, so that it gets reported to us.
  const message = error instanceof Error ? error.message : String(error);
  return {
    severity: 'error',
    message: `internal error: ${message}`,
    file,
    hint: 'report this with the file that triggered it',
  };
}

/** Every problem an error stands for (each of several found together), as `problemOf` words them. */
export function problemsOf(error: unknown, file?: string): Problem[] {
  return error instanceof BuildError ? eachError(error).map((each) => problemOf(each, file)) : [problemOf(error, file)];
}

/** Warnings (the build's `Warning`s) as problems. */
export function asWarnings(warnings: readonly Warning[]): Problem[] {
  return warnings.map((warning) => ({ ...warning, severity: 'warning' }));
}
