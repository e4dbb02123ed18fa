/**
 * The one unified chain that turns a Markdown chapter into a hast tree. It is built once per
 * book and reused for every chapter; both the EPUB and the PDF are made from its output.
 */
import type { Root as HastRoot } from 'hast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import type { MarkdownOptions } from '../config/schema.ts';
import { rehypeHeadings } from './headings.ts';
import { rehypeDropRawHtml } from './raw-html.ts';
import './types.ts';

/** A processor for one book: Markdown source in, hast out. */
export interface MarkdownProcessor {
  /** Parse and transform a chapter; warnings are added to `file.messages`. */
  toHast(file: VFile): Promise<HastRoot>;
}

/** Build the Markdown processor for a book's reading options. */
export function createMarkdownProcessor(_options: MarkdownOptions): MarkdownProcessor {
  const processor = unified()
    // Syntax: CommonMark, GFM (tables, footnotes, strikethrough, autolinks), and a front
    // matter block, which is metadata and never printed.
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    // Markdown → HTML. Raw HTML is kept as `raw` nodes so the next step can decide about it.
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: '注',
      footnoteBackLabel: (index: number) => `注${index + 1}の参照へ戻る`,
    })
    .use(rehypeDropRawHtml)
    .use(rehypeHeadings)
    .freeze();

  return {
    async toHast(file) {
      const mdast = processor.parse(file);
      return (await processor.run(mdast, file)) as HastRoot;
    },
  };
}
