/**
 * 青空文庫 annotations (注記), `［＃…］`, and 外字 (`※［＃「…」、第3水準1-85-54］`): every annotation of
 * the 注記一覧 is read; one that is not supported is left out of the book and reported.
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { applyLineAnnotations } from './blocks.ts';
import { aozoraFromMarkdown } from './from-markdown.ts';
import { gaijiFromMarkdown } from './gaiji/from-markdown.ts';
import { revealGaijiNotes } from './gaiji/notes.ts';
import { gaijiSyntax } from './gaiji/syntax.ts';
import { aozoraSyntax } from './syntax.ts';
import { applyTargetAnnotations } from './targets.ts';

export { aozoraStyledToHast } from './styled.ts';
export { CREDITS_CLASS, remarkAozoraTextLayout, type AozoraTextLayout } from './text-layout.ts';
export { remarkAozoraTextNotation, remarkKunoji } from './text-notation.ts';

/**
 * Remark plugin: no CommonMark construct is read (emphasis, headings, lists, code, HTML, links,
 * escapes, references, breaks): text is only text, with the notations other plugins add.
 */
export function remarkPlainText(this: Processor) {
  const disabled = [
    'attention',
    'autolink',
    'blockQuote',
    'characterEscape',
    'characterReference',
    'codeFenced',
    'codeIndented',
    'codeText',
    'definition',
    'hardBreakEscape',
    'hardBreakTrailing',
    'headingAtx',
    'htmlFlow',
    'htmlText',
    'labelStartImage',
    'labelStartLink',
    'labelEnd',
    'list',
    'setextUnderline',
    'thematicBreak',
  ];
  (this.data().micromarkExtensions ??= []).push({ disable: { null: disabled } });
}

/** Remark plugin: read `［＃…］` and `※［＃…］` and apply them (lines first, then annotations on preceding text). */
export function remarkAozora(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gaijiSyntax(), aozoraSyntax());
  (data.fromMarkdownExtensions ??= []).push(gaijiFromMarkdown(), aozoraFromMarkdown());
  return (tree: Root, file: VFile) => {
    applyLineAnnotations(tree, file);
    applyTargetAnnotations(tree, file);
    revealGaijiNotes(tree);
  };
}
