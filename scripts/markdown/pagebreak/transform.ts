/**
 * Page breaks: a paragraph that is only `===` (three or more `=`, with blank lines around it, so
 * that setext headings keep working) becomes a `pageBreak`. Page breaks cut the chapter into
 * documents, so they must be at the top level: one inside a list, a quote or a layout block
 * (also one made from `［＃改ページ］`) is dropped with a warning.
 */
import type { Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { PageBreak } from './types.ts';
import { reportNotation } from '../notation-rules.ts';

const RULE = /^={3,}$/;

/**
 * Remark plugin: `===` paragraphs to page breaks; page breaks not at the top level removed with a
 * warning. `{ rules: false }` leaves `===` as text (a 青空文庫 text has no such notation).
 */
export function remarkPageBreaks(options: { rules?: boolean } = {}) {
  const rules = options.rules ?? true;
  return (tree: Root, file: VFile) => {
    walk(tree, true, file, rules);
  };
}

function walk(parent: Parent, top: boolean, file: VFile, rules: boolean): void {
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]!;
    const isRule =
      rules &&
      child.type === 'paragraph' &&
      child.children.length === 1 &&
      child.children[0]!.type === 'text' &&
      RULE.test(child.children[0].value);
    if (!isRule && child.type !== 'pageBreak') {
      if ('children' in child && child.type !== 'paragraph' && child.type !== 'heading')
        walk(child, false, file, rules);
      continue;
    }
    if (top) {
      if (isRule) parent.children[index] = { type: 'pageBreak', position: child.position } satisfies PageBreak;
      continue;
    }
    reportNotation(
      file,
      'pagebreak-nested',
      'a page break inside a list, a quote or a block is ignored; put it at the top level (改ページは本文の最上位に置いてください)',
      child.position,
    );
    if (child.type === 'pageBreak') parent.children.splice(index--, 1);
  }
}
