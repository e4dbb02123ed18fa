/** Japanese paragraphs: line breaks, one paragraph per line, indents. */
export { joinLines, paragraphOf, splitLines, type Line } from './lines.ts';
export { joinJapaneseLines, remarkLineBreaks } from './line-breaks.ts';
export { remarkBlankLines, remarkParagraphPerLine } from './per-line.ts';
export { headingToHast, paragraphClasses, paragraphToHast, type ParagraphOptions } from './to-hast.ts';
