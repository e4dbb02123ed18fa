/**
 * Proofreading in the preview: one worker thread kept warm (its dictionary loaded once, at
 * start), and a saved chapter linted as it is parsed again, its findings kept for the page's
 * problems panel until the chapter is saved again or the book is loaded anew.
 */
import { relative } from 'node:path';
import type { VFile } from 'vfile';
import type { Book } from '../book.ts';
import { BookLinter } from '../lint/lint-book.ts';
import type { LintMessage } from '../lint/messages.ts';
import { LintPool } from '../lint/pool.ts';
import { problemOf, type Problem } from './problems.ts';

/** What a lint run found, for the terminal. */
export interface LintUpdate {
  /** Chapter files linted, relative to the manuscript folder. */
  files: string[];
  problems: Problem[];
  ms: number;
}

/** The preview's proofreading. */
export class PreviewLinter {
  private readonly pool = new LintPool(1);
  private linter: Promise<BookLinter> | undefined;
  private readonly found = new Map<string, Problem[]>();
  /** Each file's latest lint; an older one that finishes later is dropped. */
  private readonly versions = new Map<string, number>();
  private version = 0;
  private setupProblem: Problem | undefined;

  constructor(private readonly root: string) {
    this.pool.warm().catch(() => undefined);
  }

  /** A (re)loaded book: its rules may have changed, so earlier findings are dropped. */
  setBook(book: Book): void {
    const linter = BookLinter.create(book, this.pool);
    linter.catch(() => undefined);
    this.linter = linter;
    this.found.clear();
    this.setupProblem = undefined;
  }

  /** Lint chapter files as the preview just read them. */
  async lint(files: readonly VFile[]): Promise<LintUpdate | undefined> {
    const paths = files.map((file) => file.path);
    if (!this.linter || paths.length === 0) return undefined;
    const started = performance.now();
    const versions = paths.map((path) => {
      const version = ++this.version;
      this.versions.set(path, version);
      return version;
    });
    let linter: BookLinter;
    try {
      linter = await this.linter;
      this.setupProblem = undefined;
    } catch (error) {
      this.setupProblem = problemOf(error);
      return { files: this.relative(paths), problems: [this.setupProblem], ms: performance.now() - started };
    }
    const problems: Problem[] = [];
    await Promise.all(
      files.map(async (file, index) => {
        const { path } = file;
        let found: Problem[];
        try {
          found = (await linter.lintFile(file)).messages.map(asProblem);
        } catch (error) {
          found = [problemOf(error, path)];
        }
        if (this.versions.get(path) !== versions[index]) return;
        this.found.set(path, found);
        problems.push(...found);
      }),
    );
    return { files: this.relative(paths), problems, ms: performance.now() - started };
  }

  /** Every finding there is now, chapter by chapter. */
  problems(): Problem[] {
    return [...(this.setupProblem ? [this.setupProblem] : []), ...[...this.found.values()].flat()];
  }

  /** Stop the worker. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private relative(paths: readonly string[]): string[] {
    return paths.map((path) => relative(this.root, path));
  }
}

function asProblem(message: LintMessage): Problem {
  const { fix: _fix, endLine: _endLine, endColumn: _endColumn, ...problem } = message;
  return { ...problem, message: `${message.message} (${message.ruleId})` };
}
