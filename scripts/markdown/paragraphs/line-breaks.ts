/**
 * Line breaks inside a paragraph. CommonMark makes a soft line break a space, which is wrong
 * between Japanese characters: with `lineBreaks: join` (the default) a line ending between two
 * Japanese (full-width) characters is removed, as CSS Text 3 does for segment breaks, and so is
 * one between Japanese and a half-width digit (`第` / `12章`: Japanese puts no space around
 * numbers). Next to a Latin letter it stays a space. With `lineBreaks: br` (でんでん) every line
 * ending is a `<br/>`.
 */
import type { Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { isJapanese } from '../text/characters.ts';
import { pointsOf, replaceRanges } from '../text/positions.ts';
import { charsAfter, charsBefore } from '../text/visible.ts';

/** Remark plugin: join or break soft line breaks. */
export function remarkLineBreaks(mode: 'join' | 'br') {
  return (tree: Root, file: VFile) => {
    walk(tree, mode, file);
  };
}

function walk(parent: Parent, mode: 'join' | 'br', file: VFile): void {
  const children: PhrasingContent[] = [];
  for (const [index, child] of parent.children.entries()) {
    if (child.type !== 'text' || !child.value.includes('\n')) {
      if ('children' in child) walk(child, mode, file);
      children.push(child as PhrasingContent);
      continue;
    }
    if (mode === 'br') {
      const ranges = [...child.value.matchAll(/\n/g)].map(({ index: at }) => ({ start: at, end: at + 1 }));
      children.push(
        ...replaceRanges(child, ranges, pointsOf(child, file), (piece): PhrasingContent => ({
          type: 'break',
          position: piece.position,
        })),
      );
      continue;
    }
    const before = charsBefore(parent, index, 1)[0];
    const after = charsAfter(parent, index, 1)[0];
    child.value = joinJapaneseLines(child.value, before, after);
    if (child.value !== '') children.push(child);
  }
  parent.children = children as Parent['children'];
}

/** Remove line endings between two Japanese characters; `before`/`after` are the characters around the text. */
function joinJapaneseLines(value: string, before?: string, after?: string): string {
  const chars = [...value];
  return chars
    .filter((char, index) => {
      if (char !== '\n') return true;
      const previous = index > 0 ? chars[index - 1] : before;
      const next = index < chars.length - 1 ? chars[index + 1] : after;
      return !joins(previous, next);
    })
    .join('');
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';

function joins(previous: string | undefined, next: string | undefined): boolean {
  return (isJapanese(previous) && (isJapanese(next) || isDigit(next))) || (isDigit(previous) && isJapanese(next));
}
