/** Where in the user's files a problem is; line and column count from 1. */
export interface Place {
  file?: string;
  line?: number;
  column?: number;
}

/** What every diagnostic carries besides its message. */
export interface DiagnosticDetails extends Place {
  /** One sentence telling the user what to do about it. */
  hint?: string;
  /** A stable name for the rule, so tests and `--strict` users can tell problems apart. */
  ruleId?: string;
}

/** A problem that does not stop the build; `--strict` turns it into an error. */
export interface Warning extends DiagnosticDetails {
  message: string;
}

/** An error that stops the build, pointing at the place in the user's files that caused it. */
export class BuildError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly ruleId?: string;
  /** Warnings collected before the error, reported with it. */
  warnings?: Warning[];

  constructor(message: string, details: DiagnosticDetails & { cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BuildError';
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.hint = details.hint;
    this.ruleId = details.ruleId;
  }
}

/** A mistake on the command line (unknown option, missing value); the CLI exits with 2. */
export class UsageError extends Error {
  /** The usage text to show under the message, when it is not the command's own. */
  readonly usage?: string;

  constructor(message: string, usage?: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}

/** Thrown when the user interrupts the build (Ctrl-C, SIGTERM); `signal` decides the exit code. */
export class CancelledError extends Error {
  readonly signal: NodeJS.Signals;

  constructor(signal: NodeJS.Signals = 'SIGINT') {
    super(`build cancelled (${signal})`);
    this.name = 'CancelledError';
    this.signal = signal;
  }
}

/**
 * Several errors found together (every bad image of a book, say), each with its own place; it
 * reads as the first of them where one error is expected.
 */
export class BuildErrors extends BuildError {
  readonly errors: readonly BuildError[];

  constructor(errors: readonly BuildError[]) {
    const [first] = errors;
    if (!first) throw new Error('BuildErrors needs at least one error');
    super(first.message, { ...first, cause: first.cause });
    this.name = 'BuildErrors';
    this.errors = errors;
  }
}

/** The errors an error stands for: each of several found together, or the error itself. */
export function eachError(error: BuildError): readonly BuildError[] {
  return error instanceof BuildErrors ? error.errors : [error];
}
