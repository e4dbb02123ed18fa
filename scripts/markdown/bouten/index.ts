/** 傍点 (emphasis dots): `《《傍点》》`, and Markdown `*強調*` set the same way. */
import type { Processor } from 'unified';
import { boutenFromMarkdown } from './from-markdown.ts';
import { boutenSyntax } from './syntax.ts';

export { boutenToHast, emphasisToHast } from './to-hast.ts';
export type { BoutenStyle } from './types.ts';

/** Remark plugin: read `《《傍点》》`. Register it before `remarkRuby`, which also starts at `《`. */
export function remarkBouten(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(boutenSyntax());
  (data.fromMarkdownExtensions ??= []).push(boutenFromMarkdown());
}
