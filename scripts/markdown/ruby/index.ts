/**
 * Ruby (ルビ): `{漢字|かんじ}`, `{漢字|かん|じ}`, `｜漢字《かんじ》`, `|漢字《かんじ》` and
 * `漢字《かんじ》`.
 */
import type { Processor } from 'unified';
import { rubyFromMarkdown } from './from-markdown.ts';
import { rubySyntax } from './syntax.ts';

export { rubyToHast } from './to-hast.ts';

/** Remark plugin: read ruby. Register `rubyToHast` as the `ruby` handler of remark-rehype. */
export function remarkRuby(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(rubySyntax());
  (data.fromMarkdownExtensions ??= []).push(rubyFromMarkdown());
}
