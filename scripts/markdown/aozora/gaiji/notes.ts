/**
 * A 外字 with no code is printed as `※` (which the ruby after it can sit on, as 青空文庫 counts
 * `※` among the kanji) followed by its description in a small note, `※（てへん＋劣）`: the reader
 * sees that a character is missing and what it looks like, and no `［＃` is printed.
 */
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import type { AozoraStyled } from '../styled.ts';

/** Put the description of every 外字 with no code after its `※`. */
export function revealGaijiNotes(tree: Root): void {
  walk(tree);
}

function walk(parent: Parent): void {
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]!;
    if (child.type === 'text') {
      const pieces = split(child);
      if (pieces.length > 1) {
        parent.children.splice(index, 1, ...(pieces as Parent['children']));
        index += pieces.length - 1;
      }
    } else if ('children' in child) walk(child);
  }
}

/** A text node cut after each `※` that carries a note, with the note put in between. */
function split(node: Text): PhrasingContent[] {
  const notes = (node.data?.substitutions ?? []).filter((substitution) => substitution.note !== undefined);
  if (notes.length === 0) return [node];
  const pieces: PhrasingContent[] = [];
  let at = 0;
  for (const { at: start, length, note } of notes) {
    const end = start + length;
    pieces.push({ type: 'text', value: node.value.slice(at, end) });
    const styled: AozoraStyled = {
      type: 'aozoraStyled',
      tagName: 'span',
      className: ['gaiji-note'],
      children: [{ type: 'text', value: `（${note}）` }],
    };
    pieces.push(styled);
    at = end;
  }
  if (at < node.value.length) pieces.push({ type: 'text', value: node.value.slice(at) });
  // The pieces share the node's place in the source: a message about any of them points there.
  for (const piece of pieces) if (node.position) piece.position = node.position;
  return pieces;
}
