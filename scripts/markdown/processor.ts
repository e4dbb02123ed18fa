/**
 * The one unified chain that turns a Markdown chapter into a hast tree. It is built once per
 * book and reused for every chapter; both the EPUB and the PDF are made from its output.
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype, { type Options as RemarkRehypeOptions } from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { MarkdownOptions } from '../config/schema.ts';
import {
  aozoraStyledToHast,
  remarkAozora,
  remarkAozoraTextLayout,
  remarkAozoraTextNotation,
  remarkKunoji,
  remarkPlainText,
} from './aozora/index.ts';
import { layoutBlockToHast } from './block-layout/index.ts';
import { boutenToHast, emphasisToHast, remarkBouten } from './bouten/index.ts';
import { remarkLayoutDirectives } from './directives/index.ts';
import { noteListToHast, noteReferenceToHast, noteToHast, remarkNotes } from './footnotes/index.ts';
import { remarkReportFrontMatter } from './front-matter.ts';
import { rehypeHeadings } from './headings.ts';
import { pageBreakToHast, remarkPageBreaks } from './pagebreak/index.ts';
import { pictureToHast, remarkPictures } from './pictures/index.ts';
import {
  headingToHast,
  paragraphToHast,
  remarkBlankLines,
  remarkLineBreaks,
  remarkParagraphPerLine,
} from './paragraphs/index.ts';
import { rehypeAltText } from './alt-text.ts';
import { remarkAutolinkLiterals } from './autolink/index.ts';
import { splitIntoChapters, type ChapterLevel } from './chapters.ts';
import { remarkNotationEscapes } from './escapes/index.ts';
import { putInReadingOrder } from './message-order.ts';
import type { PieceMemory } from './piece-memory.ts';
import { readInPieces, type PieceHelper, type PieceRead } from './read-in-pieces.ts';
import { cutAtHeadings } from './source-cuts.ts';
import { linkAcrossChapters, rehypeChapterIds } from './ids.ts';
import { rehypeNoBreak } from './no-break.ts';
import { rehypeRawHtml } from './raw-html/index.ts';
import { remarkRuby, rubyToHast } from './ruby/index.ts';
import { sceneBreakToHast } from './scene-break/to-hast.ts';
import { remarkStrayMarkup } from './stray-markup/index.ts';
import { remarkReportSyntaxProblems } from './syntax-problems.ts';
import { remarkTaskMarkers, taskMarkerToHast } from './tasks/index.ts';
import { remarkAutoTcy, remarkTcy, tcyToHast } from './tcy/index.ts';
import type { ChapterTree } from './types.ts';

/** A processor for one book: Markdown source in, hast out. */
export interface MarkdownProcessor {
  /** Parse and transform a chapter file as one tree; warnings are added to `file.messages`. */
  toHast(file: VFile): Promise<HastRoot>;
  /**
   * Parse a file and cut it into chapters at headings of `level` or shallower; `idOf(n)` names
   * the n-th (from 0). Warnings are added to `file.messages`, with places in the whole file.
   */
  toChapters(
    file: VFile,
    level: ChapterLevel,
    idOf: (index: number) => string,
    reading?: ChapterReading,
  ): Promise<ChapterTree[]>;
  /**
   * Parse a file and run the reading stages only (syntax and notations), whole: what a helper
   * thread runs on each piece it is given (`toChapters`'s `helper`).
   */
  readSource(file: VFile): Promise<MdastRoot>;
  /** Parse a chapter and run the Markdown stages only: the text as a reader sees it, before HTML (for proofreading). */
  toMdast(file: VFile): Promise<MdastRoot>;
}

/**
 * How Markdown becomes HTML: one handler per node type of ours, raw HTML kept as `raw` nodes for
 * the next step to decide about, and no silent fallback for a node type without a handler.
 */
export function hastOptions(options: MarkdownOptions): RemarkRehypeOptions {
  return {
    allowDangerousHtml: true,
    handlers: {
      aozoraStyled: aozoraStyledToHast,
      bouten: boutenToHast,
      emphasis: emphasisToHast,
      heading: headingToHast,
      layoutBlock: layoutBlockToHast,
      note: noteToHast,
      noteList: noteListToHast,
      noteReference: noteReferenceToHast,
      pageBreak: pageBreakToHast,
      paragraph: paragraphToHast(options),
      picture: pictureToHast,
      ruby: rubyToHast,
      taskMarker: taskMarkerToHast,
      tcy: tcyToHast,
      thematicBreak: sceneBreakToHast(options),
    },
    // mdast-util-to-hast would make an unknown node a `<div>` and carry on: a node type without
    // a handler is a mistake in this pipeline (a new notation half wired), never the author's.
    unknownHandler: (_state, node) => {
      throw new Error(`internal: no HTML handler for the Markdown node "${node.type}"`);
    },
  };
}

/** Help with reading a file, from another thread (manuscript/read-pool.ts). */
export interface ChapterReading {
  /** Reads pieces of a long file while this thread reads others. */
  helper?: PieceHelper;
  /** The file already read, whole, elsewhere (undefined when that failed: it is then read here). */
  preRead?: Promise<PieceRead | undefined>;
  /** Pieces kept from the last reading of the file (the preview's), recalled where unchanged. */
  memory?: PieceMemory;
}

/** How a processor reads a one-file book; the defaults are what builds use. */
export interface ReadingTuning {
  /** Pieces of a one-file book smaller than this are joined to the next (tests set 0 to cut at every chapter). */
  smallestPiece?: number;
  /** Read every file whole (tests compare it with reading in pieces). */
  whole?: boolean;
}

/** Build the Markdown processor for a book's reading options. */
export function createMarkdownProcessor(options: MarkdownOptions, tuning: ReadingTuning = {}): MarkdownProcessor {
  // The chain is in two halves: reading the whole file (syntax and the notations), then, for
  // each chapter cut from it, numbering notes and making HTML with the chapter's own ids.
  const reader = markdownReader(options);
  // What a piece kept in a memory was read with: another book's options read it otherwise.
  const readerKey = JSON.stringify(options);
  const aozoraReader = aozoraTextReader(options);
  const writer = htmlWriter(options);
  // The Markdown stages of the writer (notes, task boxes) on their own, for proofreading.
  const markdownOnly = unified().use(remarkNotes).use(remarkTaskMarkers).freeze();

  // A one-file book is read in chapter-sized pieces when that gives the same tree
  // (source-cuts.ts); its reading stages' messages are put in reading order either way, so that
  // they come out alike however the file was read.
  const readWhole = async (file: VFile) => {
    const chain = file.data.aozoraText ? aozoraReader : reader;
    return (await chain.run(chain.parse(file), file)) as MdastRoot;
  };
  const read = async (file: VFile, reading: ChapterReading = {}) => {
    const before = file.messages.length;
    const done = await reading.preRead?.catch(() => undefined);
    if (done) file.messages.push(...done.messages);
    const pieces =
      done || tuning.whole || file.data.aozoraText || options.paragraphPerLine
        ? []
        : cutAtHeadings(String(file.value), tuning.smallestPiece);
    const tree =
      done?.tree ??
      (pieces.length > 1
        ? await readInPieces(readWhole, file, pieces, reading.helper, reading.memory?.forReader(readerKey))
        : undefined) ??
      (await readWhole(file));
    putInReadingOrder(file.messages, before);
    return tree;
  };
  return {
    async toHast(file) {
      return (await writer.run(await read(file), file)) as HastRoot;
    },
    readSource: readWhole,
    async toChapters(file, level, idOf, reading) {
      const pieces = splitIntoChapters(await read(file, reading), level);
      const chapters: ChapterTree[] = [];
      for (const [index, piece] of pieces.entries()) {
        const id = idOf(index);
        file.data.chapterId = id;
        const tree = (await writer.run(piece, file)) as HastRoot;
        chapters.push({ id, tree, headings: file.data.headings ?? [] });
      }
      if (chapters.length > 1) linkAcrossChapters(chapters, file);
      return chapters;
    },
    async toMdast(file) {
      return (await markdownOnly.run(await read(file), file)) as MdastRoot;
    },
  };
}

/** The first half for a Markdown chapter: syntax and the notations. */
function markdownReader(options: MarkdownOptions) {
  return (
    unified()
      // Syntax: CommonMark, GFM (tables, footnotes, strikethrough, autolinks), and a front
      // matter block, which is metadata and never printed.
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkReportFrontMatter)
      .use(remarkGfm)
      // GFM's URL autolinks run to the next space, which Japanese does not have: ours end where
      // the address ends (autolink/), at every notation and in every place GFM links one.
      .use(remarkAutolinkLiterals)
      // CommonMark does not close `**` between punctuation and a letter, which Japanese does all
      // the time (`これは**「重要」**です`); this lets emphasis open and close next to Japanese.
      .use(remarkCjkFriendly)
      // The Japanese inline notations, read by the tokenizer so that escapes, code and URLs keep
      // them out. 傍点 is registered before ruby: both start at `《`, and `《《` is 傍点. A
      // backslash before one of their marks prints the mark (`\｜`, `\《`, `\［`).
      .use(remarkNotationEscapes)
      .use(remarkBouten)
      .use(remarkRuby)
      .use(remarkTcy)
      .use(remarkReportSyntaxProblems)
      // Markup that stayed text (`**` alone, `[^1]` undefined, `<span` without `>`) and blocks
      // never closed: errors, as they would print markup or swallow the chapter.
      .use(remarkStrayMarkup)
      // Lines before blocks: with one paragraph per line, the 青空文庫 annotations below already
      // see each line as a paragraph.
      .use(options.paragraphPerLine ? [remarkParagraphPerLine] : [])
      // 青空文庫 annotations (syntax and meaning), then the `:::` layout directives; both place
      // blocks and may make page breaks, which must be at the top level.
      .use(remarkAozora)
      // Pictures: image paragraphs, and the `:::full-page` / `:::bleed` directives, which the
      // layout directives after them would report as unknown.
      .use(remarkPictures)
      .use(remarkLayoutDirectives)
      .use(remarkPageBreaks)
      .use(options.paragraphPerLine ? [remarkBlankLines] : [])
      // Text: soft line breaks joined (or `<br/>`) before 縦中横 looks at the characters around
      // a number, so that a number split over two lines is seen whole.
      .use(remarkLineBreaks, options.lineBreaks)
      .use(remarkAutoTcy, { digits: options.autoTcy, punctuation: options.tcyPunctuation })
      .freeze()
  );
}

/**
 * The first half for a 青空文庫 text (`.txt`): the same stages, reading its notation only. No
 * CommonMark construct is read, so `*`, `#`, `<`, `&`, backslashes and indented lines are the
 * author's characters; only ruby (`｜漢字《かんじ》`), annotations (`［＃…］`) and 外字 (`※［＃…］`)
 * are notation. Every line is a paragraph, and the header, the notes on the notation and the
 * credits are set apart.
 */
function aozoraTextReader(options: MarkdownOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkPlainText)
    .use(remarkRuby, 'aozora')
    .use(remarkAozoraTextNotation)
    .use(remarkParagraphPerLine)
    .use(remarkAozoraTextLayout)
    .use(remarkReportSyntaxProblems)
    .use(remarkAozora)
    .use(remarkPictures)
    .use(remarkKunoji)
    .use(remarkPageBreaks, { rules: false })
    .use(remarkBlankLines)
    .use(remarkLineBreaks, options.lineBreaks)
    .use(remarkAutoTcy, { digits: options.autoTcy, punctuation: options.tcyPunctuation })
    .freeze();
}

/** The second half, for each chapter cut from a file: notes, task boxes, HTML and the checks on it. */
function htmlWriter(options: MarkdownOptions) {
  return (
    unified()
      // Footnotes numbered per chapter with book-unique ids; task boxes as characters.
      .use(remarkNotes)
      .use(remarkTaskMarkers)
      // Markdown → HTML.
      .use(remarkRehype, hastOptions(options))
      // Raw HTML: parsed, checked (each removal is a warning with its place) and sanitised.
      .use(rehypeRawHtml)
      // 分離禁止: doubled dashes and leaders are kept on one line.
      .use(rehypeNoBreak)
      .use(rehypeChapterIds)
      .use(rehypeAltText)
      .use(rehypeHeadings)
      .freeze()
  );
}
