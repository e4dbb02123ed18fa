/**
 * mdast → hast for notes, marked up so that reading systems show pop-up notes: the reference is
 * `<a epub:type="noteref" role="doc-noteref">`, each note an `<aside epub:type="footnote"
 * role="doc-footnote">` whose number links back to the text.
 */
import type { Element, ElementContent } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { Note, NoteList, NoteReference } from './types.ts';

/** Handler for `noteReference` nodes: `<sup class="noteref"><a …>1</a></sup>`. */
export function noteReferenceToHast(state: State, node: NoteReference): Element {
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: {
      id: node.id,
      href: `#${node.noteId}`,
      className: ['noteref'],
      'epub:type': 'noteref',
      role: 'doc-noteref',
    },
    children: [number(node.number)],
  };
  state.patch(node, link);
  const result: Element = { type: 'element', tagName: 'sup', properties: { className: ['noteref'] }, children: [link] };
  state.patch(node, result);
  return state.applyData(node, result);
}

/** Handler for `noteList` nodes: `<section class="footnotes" epub:type="footnotes">`. */
export function noteListToHast(state: State, node: NoteList): Element {
  const result: Element = {
    type: 'element',
    tagName: 'section',
    properties: { className: ['footnotes'], 'epub:type': 'footnotes', ariaLabel: '注' },
    children: state.wrap(state.all(node), true),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}

/** Handler for `note` nodes: `<aside epub:type="footnote">`, its number linking back to the reference. */
export function noteToHast(state: State, node: Note): Element {
  const [first, ...more] = node.referenceIds;
  const back = (id: string, label: ElementContent): Element => ({
    type: 'element',
    tagName: 'a',
    properties: { href: `#${id}`, className: ['note-backref'], role: 'doc-backlink' },
    children: [label],
  });
  const children = state.all(node);
  const lead: ElementContent[] = first === undefined ? [] : [back(first, number(node.number))];
  const extra: ElementContent[] = more.flatMap((id, index) => [
    { type: 'text', value: ' ' },
    back(id, { type: 'text', value: `参照${index + 2}` }),
  ]);
  const head = children[0];
  const paragraph = head?.type === 'element' && head.tagName === 'p' ? head : undefined;
  if (paragraph) {
    paragraph.children.unshift(...lead, { type: 'text', value: '\u3000' });
    paragraph.children.push(...extra);
  } else {
    children.unshift({ type: 'element', tagName: 'p', properties: {}, children: [...lead, ...extra] });
  }
  const result: Element = {
    type: 'element',
    tagName: 'aside',
    properties: { id: node.id, className: ['footnote'], 'epub:type': 'footnote', role: 'doc-footnote' },
    children: state.wrap(children, true),
  };
  state.patch(node, result);
  return state.applyData(node, result);
}

/** A note number, set upright when it is short enough for 縦中横. */
function number(value: number): ElementContent {
  const text = String(value);
  return text.length <= 2
    ? {
        type: 'element',
        tagName: 'span',
        properties: { className: ['tcy'] },
        children: [{ type: 'text', value: text }],
      }
    : { type: 'text', value: text };
}
