/** URL autolinks (`https://…`, `www.…`) that end where the address ends, not at the next space. */
import type { Processor } from 'unified';
import { autolinkLiteralFromMarkdown } from './from-markdown.ts';
import { autolinkLiteralSyntax } from './syntax.ts';

/**
 * Remark plugin: read URL autolinks by our rule. Use it after remark-gfm: it disables GFM's two
 * URL constructs, and its repair of GFM's text transform must run after that transform.
 */
export function remarkAutolinkLiterals(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(autolinkLiteralSyntax());
  (data.fromMarkdownExtensions ??= []).push(autolinkLiteralFromMarkdown());
}
