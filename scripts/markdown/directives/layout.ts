/**
 * Block placement written as generic directives: `:::indent-2` … `:::` (字下げ), `:::align-end`
 * (地付き), `:::end-2` (地から２字上げ), `:::center` (centred), and the one-paragraph forms
 * `::indent-2[…]`, `::align-end[…]`, `::end-2[…]`, `::center[…]`. The names are the classes the
 * output carries. An unknown directive keeps its content and is reported.
 */
import type { BlockContent, DefinitionContent, Paragraph, Parent, Root } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { reportNotation, type NotationRuleId } from '../notation-rules.ts';
import { MAX_LAYOUT_COUNT, type BlockLayout, type LayoutBlock } from '../block-layout/index.ts';

/** The layout a directive name asks for, or `undefined` for a name we do not know. */
function layoutOfName(name: string): BlockLayout | undefined {
  if (name === 'align-end') return { end: 0 };
  if (name === 'center') return { center: true };
  const match = /^(indent|end)-([0-9]+)$/.exec(name);
  if (!match) return undefined;
  const count = Number(match[2]);
  return match[1] === 'indent' ? { start: count } : { end: count };
}

/** Turn layout directives into layout blocks and placed paragraphs. */
export function applyLayoutDirectives(tree: Root, file: VFile): void {
  walk(tree, file);
}

function walk(parent: Parent, file: VFile): void {
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]!;
    if ('children' in child) walk(child, file);
    if (child.type !== 'containerDirective' && child.type !== 'leafDirective') continue;
    const replacement = convert(child, file);
    parent.children.splice(index, 1, ...replacement);
    index += replacement.length - 1;
  }
}

function convert(node: ContainerDirective | LeafDirective, file: VFile): Array<BlockContent | DefinitionContent> {
  const marks = node.type === 'containerDirective' ? ':::' : '::';
  const report = (reason: string, ruleId: NotationRuleId) => reportNotation(file, ruleId, reason, node.position);
  let layout = layoutOfName(node.name);
  if (!layout)
    report(
      `unknown directive ${marks}${node.name}; its content is kept without it (未対応のディレクティブ)`,
      'directive-unknown',
    );
  if (Object.keys(node.attributes ?? {}).length > 0)
    report(`attributes of ${marks}${node.name} are ignored (属性は使えません)`, 'directive-attributes');
  const count = layout?.start ?? layout?.end ?? 0;
  if (layout && count > MAX_LAYOUT_COUNT) {
    report(
      `${marks}${node.name} is more than ${MAX_LAYOUT_COUNT} characters; ${MAX_LAYOUT_COUNT} is used`,
      'directive-count',
    );
    layout = layout.start === undefined ? { end: MAX_LAYOUT_COUNT } : { start: MAX_LAYOUT_COUNT };
  }
  if (node.type === 'leafDirective') {
    const paragraph: Paragraph = { type: 'paragraph', children: node.children, position: node.position };
    if (layout) paragraph.data = { layout };
    return [paragraph];
  }
  if (!layout) return node.children;
  return [{ type: 'layoutBlock', layout, children: node.children, position: node.position } satisfies LayoutBlock];
}
