/**
 * Proofreading a manuscript: every chapter file, as the book read it, is parsed again with the
 * book's own Markdown processor (the Markdown stages only), projected into the documents each
 * rule reads, and the documents are linted by the worker threads; findings come back as
 * `file:line:column` of the manuscript.
 */
import { VFile } from 'vfile';
import type { BookSource } from '../book.ts';
import { aozoraLayout, type HeaderRole } from '../manuscript/aozora-text.ts';
import type { MarkdownProcessor } from '../markdown/processor.ts';
import { silent, type Progress } from '../progress.ts';
import { notationMessage, toLintMessage, type Coordinates, type LintMessage } from './messages.ts';
import { LintPool } from './pool.ts';
import { withoutDialogue } from './projection/dialogue.ts';
import { projectChapter } from './projection/project.ts';
import { proseDocuments, readingsDocument, sourceDocument, type LintDocument } from './projection/txt-ast.ts';
import { resolveRules, type ResolvedRule } from './rule-set.ts';
import { SourceText } from './source-text.ts';

/**
 * Characters of prose per document. Big enough that the per-document cost of the kernel is
 * small, small enough that sentence-splitter's cost, which grows with a paragraph's offset in
 * its document, stays flat.
 */
const DOCUMENT_SIZE = 2000;
/** Below this many characters one worker lints the whole book. */
const SMALL_BOOK = 20_000;

/** The outcome of proofreading a manuscript. */
export interface LintReport {
  messages: LintMessage[];
  chapters: number;
  /** Characters of the chapter files. */
  characters: number;
  /** The rules that ran. */
  rules: ResolvedRule[];
}

/** Options of a lint run. */
export interface LintRunOptions {
  /** Workers to use; without one, a pool is started for this run and stopped after it. */
  pool?: LintPool;
  signal?: AbortSignal;
  progress?: Progress;
}

/** Proofread every chapter file of a manuscript already read (a folder or a one-file book). */
export async function lintManuscript(source: BookSource, options: LintRunOptions = {}): Promise<LintReport> {
  const progress = options.progress ?? silent;
  const linter = await BookLinter.create(source, options.pool);
  const stop = () => void linter.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const files = source.manuscript.chapterFiles;
    let done = 0;
    const results = await Promise.all(
      files.map(async (file) => {
        const result = await linter.lintFile(file);
        progress({ kind: 'linting', step: { done: ++done, total: files.length } });
        return result;
      }),
    );
    options.signal?.throwIfAborted();
    return {
      messages: results.flatMap((result) => result.messages),
      chapters: files.length,
      characters: results.reduce((sum, result) => sum + result.characters, 0),
      rules: linter.rules,
    };
  } finally {
    options.signal?.removeEventListener('abort', stop);
    if (!options.pool) await linter.close();
  }
}

/** A book's rules, processor and workers, ready to lint its chapter files (also one at a time, for the preview). */
export class BookLinter {
  private constructor(
    readonly rules: ResolvedRule[],
    private readonly processor: MarkdownProcessor,
    private readonly pool: LintPool,
    private readonly ownPool: boolean,
  ) {}

  /** Set up for a manuscript; `pool` is shared (the preview keeps one), else one is started and owned. */
  static async create({ manuscript, processor }: BookSource, pool?: LintPool): Promise<BookLinter> {
    const rules = await resolveRules(manuscript);
    // A short book is done before a second dictionary would have loaded.
    const characters = manuscript.chapterFiles.reduce((sum, file) => sum + String(file.value).length, 0);
    const workers = pool ?? new LintPool(characters < SMALL_BOOK ? 1 : undefined);
    // The dictionary loads in the workers while the main thread parses.
    if (!pool) workers.warm().catch(() => undefined);
    return new BookLinter(rules, processor, workers, !pool);
  }

  /** Proofread one chapter file, as the book read it. */
  async lintFile(file: VFile): Promise<{ messages: LintMessage[]; characters: number }> {
    const { path } = file;
    const parsed = String(file.value);
    const source = new SourceText(file.data.decodedText ?? parsed, parsed);
    // How a 青空文庫 text's header is used (the book's metadata, or its chapter's title), as it was read.
    const layout = file.data.aozoraText;
    const role: HeaderRole | undefined = layout ? (layout.titleLines ? 'title' : 'metadata') : undefined;
    const { jobs, notation } = await this.documents(source, path, role);
    // A whole-chapter document is the longest task: queued first, it runs beside the short ones
    // rather than alone at the end. The findings keep the documents' order.
    const queued = [...jobs.filter((job) => job.whole), ...jobs.filter((job) => !job.whole)];
    const results = new Map(
      queued.map((job) => [
        job,
        this.pool.lint({
          document: job.document,
          rules: job.rules.map((rule) => ({ id: rule.id, options: rule.options })),
          filePath: path,
        }),
      ]),
    );
    const found = await Promise.all(
      jobs.map(async (job) => {
        const raw = await results.get(job)!;
        const severity = new Map(job.rules.map((rule) => [rule.id as string, rule.severity]));
        return raw.map((message) =>
          toLintMessage(
            message,
            job.document,
            job.coordinates,
            source,
            path,
            severity.get(message.ruleId) ?? 'warning',
          ),
        );
      }),
    );
    const messages = [...notation, ...found.flat()].sort(
      (a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
    );
    return { messages, characters: source.file.length };
  }

  /** Stop the workers if this linter started them. */
  async close(): Promise<void> {
    if (this.ownPool) await this.pool.close();
  }

  /**
   * The documents of a chapter, each with the rules that read it, and the notation errors the
   * parse found (a ruby left open, …), which stop a build: reported here under their rule names.
   */
  private async documents(
    source: SourceText,
    path: string,
    role?: HeaderRole,
  ): Promise<{
    jobs: Array<{ document: LintDocument; coordinates: Coordinates; rules: ResolvedRule[]; whole: boolean }>;
    notation: LintMessage[];
  }> {
    const file = new VFile({ path, value: source.parsed });
    // A 青空文庫 text is read with its own notation, its header and notes left out, as the build reads it.
    if (role) file.data.aozoraText = aozoraLayout(source.parsed, role);
    const tree = await this.processor.toMdast(file);
    const notation = file.messages
      .filter((message) => message.fatal)
      .map((message) => notationMessage(message, source, path));
    const projection = projectChapter(tree, source.parsed);
    const jobs: Array<{ document: LintDocument; coordinates: Coordinates; rules: ResolvedRule[]; whole: boolean }> = [];
    const add = (documents: LintDocument[], coordinates: Coordinates, rules: ResolvedRule[], whole = false) => {
      if (rules.length === 0) return;
      for (const document of documents) if (document.text !== '') jobs.push({ document, coordinates, rules, whole });
    };
    const pick = (view: ResolvedRule['view'], wholeChapter: boolean) =>
      this.rules.filter((rule) => rule.view === view && rule.wholeChapter === wholeChapter);
    let narration: ReturnType<typeof withoutDialogue> | undefined;
    for (const view of ['prose', 'narration'] as const) {
      const blocks = view === 'prose' ? projection.blocks : (narration ??= withoutDialogue(projection.blocks));
      const chunked = pick(view, false);
      const whole = pick(view, true);
      if (chunked.length > 0) add(proseDocuments(blocks, DOCUMENT_SIZE), 'parsed', chunked);
      if (whole.length > 0) add(proseDocuments(blocks), 'parsed', whole, true);
    }
    const readingRules = this.rules.filter((rule) => rule.view === 'readings');
    if (projection.readings.length > 0) add([readingsDocument(projection.readings)], 'parsed', readingRules);
    add(
      [sourceDocument(source.file)],
      'file',
      this.rules.filter((rule) => rule.view === 'source'),
    );
    return { jobs, notation };
  }
}
