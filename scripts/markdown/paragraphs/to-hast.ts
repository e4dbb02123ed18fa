/**
 * mdast → hast for paragraphs and headings, with the classes that place them.
 *
 * The stylesheet indents a paragraph by one character. A paragraph that already starts with a
 * full-width space 「　」 keeps its space and gets `no-indent`, so it is not indented twice and
 * its text stays exactly as written. A paragraph opening with a bracket (「『（ …) is 天付き
 * (`no-indent`) unless `bracketIndent: indent`. With one paragraph per line the indent is in the
 * text (as in 青空文庫 and web novels), so no other paragraph is indented either.
 */
import type { Element } from 'hast';
import type { Heading, Paragraph } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import { isPlaced, layoutClasses } from '../block-layout/index.ts';
import { isOpeningBracket } from '../text/characters.ts';
import { firstVisibleChar } from '../text/visible.ts';

/** What decides a paragraph's indent. */
export interface ParagraphOptions {
  bracketIndent: 'flush' | 'indent';
  paragraphPerLine: boolean;
}

/** Make the handler for `paragraph` nodes. */
export function paragraphToHast(options: ParagraphOptions) {
  return (state: State, node: Paragraph): Element => {
    const className = paragraphClasses(node, options);
    // An empty line is written `<p><br/></p>`, as the 電書協 guide does.
    const children = node.data?.blankLine
      ? [{ type: 'element', tagName: 'br', properties: {}, children: [] } as Element]
      : state.all(node);
    const result: Element = {
      type: 'element',
      tagName: 'p',
      properties: className.length > 0 ? { className } : {},
      children,
    };
    state.patch(node, result);
    return state.applyData(node, result);
  };
}

/** The classes of a paragraph. */
function paragraphClasses(node: Paragraph, options: ParagraphOptions): string[] {
  const layout = node.data?.layout;
  // A placed line starts exactly where its layout says, unless the layout has its own indents.
  if (isPlaced(layout))
    return layout.wrap === undefined ? ['no-indent', ...layoutClasses(layout)] : layoutClasses(layout);
  if (node.data?.blankLine) return [];
  const first = firstVisibleChar(node);
  if (first === '\u3000') return ['no-indent'];
  if (isOpeningBracket(first)) return options.bracketIndent === 'flush' ? ['no-indent'] : [];
  return options.paragraphPerLine || node.data?.perLine ? ['no-indent'] : [];
}

/** Handler for `heading` nodes: the default `<hN>`, with the classes of its layout. */
export function headingToHast(state: State, node: Heading): Element {
  const result = defaultHandlers.heading(state, node);
  const layout = node.data?.layout;
  if (isPlaced(layout)) result.properties.className = layoutClasses(layout);
  return result;
}
