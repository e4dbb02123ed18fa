/**
 * The one unified chain that turns a Markdown chapter into a hast tree. It is built once per
 * book and reused for every chapter; both the EPUB and the PDF are made from its output.
 */
import type { Root as HastRoot } from 'hast';
import remarkCjkFriendly from 'remark-cjk-friendly';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { MarkdownOptions } from '../config/schema.ts';
import { remarkAozora } from './aozora/index.ts';
import { layoutBlockToHast } from './block-layout/index.ts';
import { boutenToHast, emphasisToHast, remarkBouten } from './bouten/index.ts';
import { remarkLayoutDirectives } from './directives/index.ts';
import { noteListToHast, noteReferenceToHast, noteToHast, remarkNotes } from './footnotes/index.ts';
import { remarkReportFrontMatter } from './front-matter.ts';
import { rehypeHeadings } from './headings.ts';
import { pageBreakToHast, remarkPageBreaks } from './pagebreak/index.ts';
import {
  headingToHast,
  paragraphToHast,
  remarkBlankLines,
  remarkLineBreaks,
  remarkParagraphPerLine,
} from './paragraphs/index.ts';
import { rehypeAltText } from './alt-text.ts';
import { rehypeChapterIds } from './ids.ts';
import { rehypeNoBreak } from './no-break.ts';
import { rehypeRawHtml } from './raw-html/index.ts';
import { remarkRuby, rubyToHast } from './ruby/index.ts';
import { sceneBreakToHast } from './scene-break/to-hast.ts';
import { remarkReportSyntaxProblems } from './syntax-problems.ts';
import { remarkTaskMarkers, taskMarkerToHast } from './tasks/index.ts';
import { remarkAutoTcy, remarkTcy, tcyToHast } from './tcy/index.ts';
import './types.ts';

/** A processor for one book: Markdown source in, hast out. */
export interface MarkdownProcessor {
  /** Parse and transform a chapter; warnings are added to `file.messages`. */
  toHast(file: VFile): Promise<HastRoot>;
}

/** Build the Markdown processor for a book's reading options. */
export function createMarkdownProcessor(options: MarkdownOptions): MarkdownProcessor {
  const processor = unified()
    // Syntax: CommonMark, GFM (tables, footnotes, strikethrough, autolinks), and a front
    // matter block, which is metadata and never printed.
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkReportFrontMatter)
    .use(remarkGfm)
    // CommonMark does not close `**` between punctuation and a letter, which Japanese does all
    // the time (`これは**「重要」**です`); this lets emphasis open and close next to Japanese.
    .use(remarkCjkFriendly)
    // The Japanese inline notations, read by the tokenizer so that escapes, code and URLs keep
    // them out. 傍点 is registered before ruby: both start at `《`, and `《《` is 傍点.
    .use(remarkBouten)
    .use(remarkRuby)
    .use(remarkTcy)
    .use(remarkReportSyntaxProblems)
    // Lines before blocks: with one paragraph per line, the 青空文庫 annotations below already
    // see each line as a paragraph.
    .use(options.paragraphPerLine ? [remarkParagraphPerLine] : [])
    // 青空文庫 annotations (syntax and meaning), then the `:::` layout directives; both place
    // blocks and may make page breaks, which must be at the top level.
    .use(remarkAozora)
    .use(remarkLayoutDirectives)
    .use(remarkPageBreaks)
    .use(options.paragraphPerLine ? [remarkBlankLines] : [])
    // Text: soft line breaks joined (or `<br/>`) before 縦中横 looks at the characters around
    // a number, so that a number split over two lines is seen whole.
    .use(remarkLineBreaks, options.lineBreaks)
    .use(remarkAutoTcy, { digits: options.autoTcy, punctuation: options.tcyPunctuation })
    // Footnotes numbered per chapter with book-unique ids; task boxes as characters.
    .use(remarkNotes)
    .use(remarkTaskMarkers)
    // Markdown → HTML, one handler per node type. Raw HTML is kept as `raw` nodes so the next
    // step can decide about it.
    .use(remarkRehype, {
      allowDangerousHtml: true,
      handlers: {
        bouten: boutenToHast,
        emphasis: emphasisToHast,
        heading: headingToHast,
        layoutBlock: layoutBlockToHast,
        note: noteToHast,
        noteList: noteListToHast,
        noteReference: noteReferenceToHast,
        pageBreak: pageBreakToHast,
        paragraph: paragraphToHast(options),
        ruby: rubyToHast,
        taskMarker: taskMarkerToHast,
        tcy: tcyToHast,
        thematicBreak: sceneBreakToHast(options),
      },
    })
    // Raw HTML: parsed, checked (each removal is a warning with its place) and sanitised.
    .use(rehypeRawHtml)
    // 分離禁止: doubled dashes and leaders are kept on one line.
    .use(rehypeNoBreak)
    .use(rehypeChapterIds)
    .use(rehypeAltText)
    .use(rehypeHeadings)
    .freeze();

  return {
    async toHast(file) {
      const mdast = processor.parse(file);
      return (await processor.run(mdast, file)) as HastRoot;
    },
  };
}
