/**
 * The lines of a paragraph. A paragraph's line endings are inside its text nodes (or are hard
 * `break`s); notations that work on lines (one paragraph per line, 青空文庫 字下げ) cut there.
 */
import type { Paragraph, PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { pointsOf, positionOf, sliceText } from '../text/positions.ts';

/** One line: its content, and the line ending after it (none after the last line). */
export interface Line {
  nodes: PhrasingContent[];
  ending?: PhrasingContent;
}

/** Cut phrasing content into lines at the line endings of its top-level text and its breaks. */
export function splitLines(children: readonly PhrasingContent[], file: VFile): Line[] {
  const lines: Line[] = [{ nodes: [] }];
  const end = (ending: PhrasingContent) => {
    lines.at(-1)!.ending = ending;
    lines.push({ nodes: [] });
  };
  for (const child of children) {
    if (child.type === 'break') {
      end(child);
    } else if (child.type !== 'text' || !child.value.includes('\n')) {
      lines.at(-1)!.nodes.push(child);
    } else {
      const points = pointsOf(child, file);
      let at = 0;
      for (const { index } of child.value.matchAll(/\n/g)) {
        if (index > at) lines.at(-1)!.nodes.push(sliceText(child, at, index, points));
        end(sliceText(child, index, index + 1, points));
        at = index + 1;
      }
      if (at < child.value.length) lines.at(-1)!.nodes.push(sliceText(child, at, child.value.length, points));
    }
  }
  return lines;
}

/** Put lines back together with the line endings between them. */
export function joinLines(lines: readonly Line[]): PhrasingContent[] {
  return lines.flatMap((line, index) =>
    index < lines.length - 1 && line.ending ? [...line.nodes, line.ending] : line.nodes,
  );
}

/** A paragraph of some phrasing content, positioned from its first node to its last. */
export function paragraphOf(children: PhrasingContent[], data?: Paragraph['data']): Paragraph {
  const paragraph: Paragraph = { type: 'paragraph', children };
  const position = positionOf(children[0]?.position?.start, children.at(-1)?.position?.end);
  if (position) paragraph.position = position;
  if (data) paragraph.data = data;
  return paragraph;
}
