/**
 * 青空文庫 annotations (注記), `［＃…］`: the common subset real 青空文庫 texts and web-novel
 * exports use. An annotation that is not supported is left out of the book and reported.
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { applyLineAnnotations } from './blocks.ts';
import { aozoraFromMarkdown } from './from-markdown.ts';
import { aozoraSyntax } from './syntax.ts';
import { applyTargetAnnotations } from './targets.ts';

export { count, parseCommand, type Command } from './commands.ts';
export type { AozoraAnnotation } from './types.ts';

/** Remark plugin: read `［＃…］` and apply it (lines first, then annotations on preceding text). */
export function remarkAozora(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(aozoraSyntax());
  (data.fromMarkdownExtensions ??= []).push(aozoraFromMarkdown());
  return (tree: Root, file: VFile) => {
    applyLineAnnotations(tree, file);
    applyTargetAnnotations(tree, file);
  };
}
