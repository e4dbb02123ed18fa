/**
 * The 青空文庫 annotations that refer back to the text before them — `［＃「X」に傍点］`,
 * `［＃「12」は縦中横］`, `［＃「X」に「Y」のルビ］`, … — those that open and close a range in the same
 * paragraph (`［＃傍点］X［＃傍点終わり］`), and those that stand for something in the line (返り点,
 * 訓点送り仮名, a picture, 改行); after them, every annotation still in the tree, which is reported
 * and left out: nothing of `［＃…］` is printed.
 *
 * The target X is matched against the text a reader sees just before the annotation (ruby
 * readings are not part of it, as in 青空文庫's own rules), across node boundaries; a text node
 * is cut where X begins.
 */
import type { Image, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { pointsOf, positionOf, sliceText } from '../text/positions.ts';
import { charsAfter, charsBefore, visibleText } from '../text/visible.ts';
import { parseCommand, type Command, type RangeStyle } from './commands.ts';
import { makeStyled } from './make.ts';
import { reportAnnotation } from './messages.ts';
import type { AozoraAnnotation } from './types.ts';

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
    const next = apply(parent, index, parseCommand(child.value), file);
    if (next === undefined) parent.children.splice(index--, 1);
    else index = next;
  }
}

/**
 * Apply one annotation at `parent.children[index]`. Returns the index the walk goes on from (the
 * node made, which is walked next for the annotations inside it), or `undefined` when the
 * annotation is simply removed.
 */
function apply(parent: Parent, index: number, command: Command, file: VFile): number | undefined {
  const node = parent.children[index] as AozoraAnnotation;
  switch (command.kind) {
    case 'rangeStart':
      return applyRange(parent, index, command.name, command.style, file);
    case 'target':
      if (command.style.kind === 'heading') break;
      {
        const first = wrapTarget(parent, index, command.text, command.style, file);
        if (first !== undefined) return first;
      }
      reportAnnotation(file, node, 'not-found');
      return undefined;
    case 'inline':
      parent.children[index] = withPosition(makeStyled(command.style, [{ type: 'text', value: command.text }])!, node);
      return index;
    case 'lineBreak':
      parent.children[index] = { type: 'break', position: node.position };
      return index;
    case 'image':
      parent.children[index] = {
        type: 'image',
        url: command.src,
        alt: command.alt,
        position: node.position,
        ...(command.page ? { data: { placement: 'page' } } : {}),
      } satisfies Image;
      return index;
    case 'editorial':
    case 'bodyEnd':
      // Notes about the 底本 are not the book's text; the end of the body is where the text's
      // layout put the credits (scripts/manuscript/aozora-text.ts).
      return undefined;
    case 'ignored':
      reportAnnotation(file, node, 'ignored', command.reason);
      return undefined;
    case 'rangeEnd':
      reportAnnotation(file, node, 'range-unopened');
      return undefined;
    case 'unsupported':
      reportAnnotation(file, node, 'unsupported');
      return undefined;
  }
  reportAnnotation(file, node, 'misplaced');
  return undefined;
}

/** `［＃傍点］…［＃傍点終わり］`: the text between the two annotations, styled. */
function applyRange(parent: Parent, index: number, name: string, style: RangeStyle, file: VFile): number | undefined {
  const node = parent.children[index] as AozoraAnnotation;
  const end = parent.children.findIndex((other, at) => {
    if (at <= index || other.type !== 'aozoraAnnotation') return false;
    const command = parseCommand(other.value);
    return command.kind === 'rangeEnd' && command.name === name;
  });
  if (end === -1) {
    reportAnnotation(file, node, 'range-unclosed');
    return undefined;
  }
  const closer = parseCommand((parent.children[end] as AozoraAnnotation).value);
  const reading = closer.kind === 'rangeEnd' ? closer.reading : undefined;
  const inside = parent.children.slice(index + 1, end) as PhrasingContent[];
  let styled = reading === undefined ? style : { ...style, reading };
  // 割り注 inside parentheses the text already has gets no others.
  if (styled.kind === 'warichu')
    styled = {
      ...styled,
      outside: { open: charsBefore(parent, index, 1)[0] === '（', close: charsAfter(parent, end, 1)[0] === '）' },
    };
  const made = inside.length > 0 ? makeStyled(styled, inside) : undefined;
  if (made) {
    const position = positionOf(node.position?.start, parent.children[end]!.position?.end);
    if (position) made.position = position;
    parent.children.splice(index, end - index + 1, made);
  } else {
    // An empty range, or 縦中横 over more than plain characters: the text stays as it is.
    reportAnnotation(file, node, 'range-content');
    parent.children.splice(end, 1);
    parent.children.splice(index, 1);
  }
  // The new node (or the text of the range) is walked next, for annotations inside it.
  return index - 1;
}

function withPosition(made: PhrasingContent, node: AozoraAnnotation): PhrasingContent {
  if (node.position) made.position = node.position;
  return made;
}

/**
 * Put the text just before `parent.children[index]` that reads `text` into the node the style
 * makes, replacing the annotation. Returns the index of the new node, or `undefined` when the
 * text before is not `text`.
 */
function wrapTarget(parent: Parent, index: number, text: string, style: RangeStyle, file: VFile): number | undefined {
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
  const made = makeStyled(style, nodes, text);
  if (!made) return undefined;
  const position = positionOf(nodes[0]?.position?.start, nodes.at(-1)?.position?.end);
  if (position) made.position = position;
  parent.children.splice(first, index - first + 1, made);
  return first;
}
