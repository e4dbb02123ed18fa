/**
 * Proofreading a manuscript: every chapter is read and parsed here, with the book's own Markdown
 * processor, projected into the documents each rule reads, and the documents are linted by the
 * worker threads; findings come back as `file:line:column` of the manuscript.
 */
import { VFile } from 'vfile';
import { aozoraLayout, type HeaderRole } from '../manuscript/aozora-text.ts';
import { decodeText } from '../manuscript/decode.ts';
import { loadManuscript, type Manuscript } from '../manuscript/load.ts';
import { cleanText, readBytes } from '../manuscript/read-text.ts';
import { createMarkdownProcessor, type MarkdownProcessor } from '../markdown/processor.ts';
import { silent, type Progress } from '../progress.ts';
import { toLintMessage, type Coordinates, type LintMessage } from './messages.ts';
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

/** Proofread every chapter of a manuscript (a folder or a one-file book). */
export async function lintManuscript(path: string, options: LintRunOptions = {}): Promise<LintReport> {
  const progress = options.progress ?? silent;
  const manuscript = await loadManuscript(path);
  const linter = await BookLinter.create(manuscript, options.pool);
  const stop = () => void linter.close();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const paths = manuscript.chapters.map((file) => file.path);
    let done = 0;
    const results = await Promise.all(
      paths.map(async (chapterPath) => {
        const result = await linter.lintFile(chapterPath);
        progress('linting chapters', { done: ++done, total: paths.length });
        return result;
      }),
    );
    options.signal?.throwIfAborted();
    return {
      messages: results.flatMap((result) => result.messages),
      chapters: paths.length,
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
    /** How each 青空文庫 text's header is used (the book's metadata, or its chapter's title). */
    private readonly headerRoles: ReadonlyMap<string, HeaderRole>,
  ) {}

  /** Set up for a manuscript; `pool` is shared (the preview keeps one), else one is started and owned. */
  static async create(manuscript: Manuscript, pool?: LintPool): Promise<BookLinter> {
    const rules = await resolveRules(manuscript);
    // A short book is done before a second dictionary would have loaded.
    const characters = manuscript.chapters.reduce((sum, file) => sum + String(file.value).length, 0);
    const workers = pool ?? new LintPool(characters < SMALL_BOOK ? 1 : undefined);
    // The dictionary loads in the workers while the main thread parses.
    if (!pool) workers.warm().catch(() => undefined);
    const roles = new Map(
      manuscript.chapters
        .filter((file) => file.data.aozoraText)
        .map((file) => [file.path, file.data.aozoraText?.titleLines ? 'title' : 'metadata'] as const),
    );
    return new BookLinter(rules, createMarkdownProcessor(manuscript.config.markdown), workers, !pool, roles);
  }

  /** Proofread one chapter file as it is on disk now. */
  async lintFile(path: string): Promise<{ messages: LintMessage[]; characters: number }> {
    const role = this.headerRoles.get(path);
    const source = await readChapter(path, role !== undefined);
    const jobs = await this.documents(source, path, role);
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
    const messages = found
      .flat()
      .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
    return { messages, characters: source.file.length };
  }

  /** Stop the workers if this linter started them. */
  async close(): Promise<void> {
    if (this.ownPool) await this.pool.close();
  }

  /** The documents of a chapter, each with the rules that read it. */
  private async documents(
    source: SourceText,
    path: string,
    role?: HeaderRole,
  ): Promise<Array<{ document: LintDocument; coordinates: Coordinates; rules: ResolvedRule[]; whole: boolean }>> {
    const file = new VFile({ path, value: source.parsed });
    // A 青空文庫 text is read with its own notation, its header and notes left out, as the build reads it.
    if (role) file.data.aozoraText = aozoraLayout(source.parsed, role);
    const tree = await this.processor.toMdast(file);
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
    return jobs;
  }
}

/** A chapter file's text as it is, and as the build reads it. */
async function readChapter(path: string, aozoraText: boolean): Promise<SourceText> {
  const bytes = await readBytes(path);
  // The manuscript was checked to be UTF-8 (or, for a 青空文庫 text, UTF-8 or Shift_JIS) when it was
  // loaded; the decoder drops a BOM as the build does.
  const file = aozoraText ? decodeText(bytes, path) : new TextDecoder('utf-8').decode(bytes);
  return new SourceText(file, cleanText(file, new VFile({ path })));
}
