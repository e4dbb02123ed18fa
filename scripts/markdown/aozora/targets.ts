/**
 * The 青空文庫 annotations that refer back to the text before them — `［＃「X」に傍点］`,
 * `［＃「12」は縦中横］`, `［＃「X」は太字］`, `［＃「X」に「Y」のルビ］` — and those that open and
 * close a range in the same paragraph (`［＃傍点］X［＃傍点終わり］`, 太字, 傍線, 縦中横); after
 * them, every annotation still in the tree, which is reported and left out: nothing of `［＃…］` is
 * printed.
 *
 * The target X is matched against the text a reader sees just before the annotation (ruby
 * readings are not part of it, as in 青空文庫's own rules), across node boundaries; a text node
 * is cut where X begins.
 */
import type { Nodes, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { pointsOf, positionOf, sliceText } from '../text/positions.ts';
import { visibleText } from '../text/visible.ts';
import { parseCommand, type TargetStyle } from './commands.ts';
import { reportAnnotation } from './messages.ts';

/** Apply the annotations that refer back to text, and report the rest. */
export function applyTargetAnnotations(tree: Root, file: VFile): void {
  walk(tree, file);
}

function walk(parent: Parent, file: VFile): void {
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]!;
    if (child.type !== 'aozoraAnnotation') {
      if (!('children' in child)) continue;
      const before = child.children.length;
      walk(child, file);
      // A paragraph that held nothing but annotations is gone with them.
      if (
        child.type === 'paragraph' &&
        before > 0 &&
        child.children.every((node) => node.type === 'text' && node.value.trim() === '')
      ) {
        parent.children.splice(index--, 1);
      }
      continue;
    }
    const command = parseCommand(child.value);
    if (command.kind === 'rangeStart') {
      const end = parent.children.findIndex(
        (node, at) => at > index && node.type === 'aozoraAnnotation' && isRangeEnd(node.value, command.name),
      );
      if (end === -1) reportAnnotation(file, child, 'range-unclosed');
      else {
        const inside = parent.children.slice(index + 1, end) as PhrasingContent[];
        const made = inside.length > 0 ? make(command.style, inside, '') : undefined;
        if (made) {
          const position = positionOf(child.position?.start, parent.children[end]!.position?.end);
          if (position) made.position = position;
          parent.children.splice(index, end - index + 1, made);
        } else {
          // An empty range, or 縦中横 over more than plain characters: the text stays as it is.
          reportAnnotation(file, child, 'range-content');
          parent.children.splice(end, 1);
          parent.children.splice(index, 1);
        }
        // The new node (or the text of the range) is walked next, for annotations inside it.
        index--;
        continue;
      }
    } else if (command.kind === 'rangeEnd') {
      reportAnnotation(file, child, 'range-unopened');
    } else if (command.kind === 'target' && command.style.kind !== 'heading') {
      const first = wrapTarget(parent, index, command.text, command.style, file);
      if (first !== undefined) {
        index = first;
        continue;
      }
      reportAnnotation(file, child, 'not-found');
    } else {
      reportAnnotation(file, child, command.kind === 'unsupported' ? 'unsupported' : 'misplaced');
    }
    parent.children.splice(index--, 1);
  }
}

/**
 * Put the text just before `parent.children[index]` that reads `text` into the node the style
 * makes, replacing the annotation. Returns the index of the new node, or `undefined` when the
 * text before is not `text`.
 */
function wrapTarget(
  parent: Parent,
  index: number,
  text: string,
  style: Exclude<TargetStyle, { kind: 'heading' }>,
  file: VFile,
): number | undefined {
  let first = index;
  let seen = '';
  while (first > 0 && seen.length < text.length) seen = visibleText(parent.children[--first]!) + seen;
  if (!seen.endsWith(text)) return undefined;
  const extra = seen.length - text.length;
  if (extra > 0) {
    const head = parent.children[first]!;
    if (head.type !== 'text') return undefined;
    const points = pointsOf(head, file);
    parent.children.splice(
      first,
      1,
      sliceText(head, 0, extra, points),
      sliceText(head, extra, head.value.length, points),
    );
    first++;
    index++;
  }
  const nodes = parent.children.slice(first, index) as PhrasingContent[];
  const made = make(style, nodes, text);
  if (!made) return undefined;
  const position = positionOf(nodes[0]?.position?.start, nodes.at(-1)?.position?.end);
  if (position) made.position = position;
  parent.children.splice(first, index - first + 1, made);
  return first;
}

const isRangeEnd = (value: string, name: string) => {
  const command = parseCommand(value);
  return command.kind === 'rangeEnd' && command.name === name;
};

/** The node a style makes of some text; `text` is what a reader sees of it. */
function make(
  style: Exclude<TargetStyle, { kind: 'heading' }>,
  nodes: PhrasingContent[],
  text: string,
): PhrasingContent | undefined {
  switch (style.kind) {
    case 'bouten':
      return { type: 'bouten', style: style.style === 'sesame' ? undefined : style.style, children: nodes };
    case 'strong':
      return { type: 'strong', children: nodes };
    case 'ruby':
      return {
        type: 'ruby',
        children: [
          { type: 'rubyBase', children: nodes },
          { type: 'rubyText', children: [{ type: 'text', value: style.reading }] },
        ],
      };
    case 'tcy':
      // 縦中横 holds plain characters only.
      return nodes.length > 0 && nodes.every((node: Nodes) => node.type === 'text')
        ? { type: 'tcy', value: text || nodes.map((node) => (node.type === 'text' ? node.value : '')).join('') }
        : undefined;
  }
}
