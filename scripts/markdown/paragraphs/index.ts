/** Japanese paragraphs: line breaks, one paragraph per line, indents. */
export { joinLines, paragraphOf, splitLines, type Line } from './lines.ts';
export { remarkLineBreaks } from './line-breaks.ts';
export { remarkBlankLines, remarkParagraphPerLine } from './per-line.ts';
export { headingToHast, paragraphToHast } from './to-hast.ts';
