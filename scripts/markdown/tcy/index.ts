/** 縦中横 (tate-chu-yoko): explicit `^12^`, and automatic for short digit and `!?` runs. */
import type { Processor } from 'unified';
import { tcyFromMarkdown } from './from-markdown.ts';
import { tcySyntax } from './syntax.ts';

export { remarkAutoTcy, uprightRanges } from './auto.ts';
export { tcyToHast } from './to-hast.ts';

/** Remark plugin: read `^12^`. */
export function remarkTcy(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(tcySyntax());
  (data.fromMarkdownExtensions ??= []).push(tcyFromMarkdown());
}
