/**
 * 見出し on a line: `［＃中見出し］X［＃中見出し終わり］`, `X［＃「X」は中見出し］`, and their 同行 and 窓
 * forms, which run the heading into the line's text. A heading is a block of its own in the book
 * (a table of contents and a reading system's navigation need one), so a line is cut into the
 * text before the heading, the heading, and the text after it.
 */
import type { PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import type { BlockLayout } from '../block-layout/index.ts';
import { pointsOf, sliceText } from '../text/positions.ts';
import { visibleText } from '../text/visible.ts';
import { commandOf, hasContent, type LinePiece } from './pieces.ts';
import type { HeadingVariant } from './commands.ts';
import { reportAnnotation } from './messages.ts';
import type { AozoraAnnotation } from './types.ts';

/** The heading a line's start opened, if any. */
interface OpenHeading {
  depth: 1 | 2 | 3;
  variant: HeadingVariant;
  node: AozoraAnnotation;
}

/** Cut the rest of a line into pieces at its 見出し annotations. */
export function splitHeadings(
  body: PhrasingContent[],
  start: { layout: BlockLayout; heading?: OpenHeading },
  file: VFile,
): LinePiece[] {
  let pieces: LinePiece[];
  if (start.heading) pieces = closeHeading(body, start.heading, start.layout, file);
  else {
    const opener = body.findIndex((node) => commandOf(node)?.kind === 'headingStart');
    const target = body.findIndex((node) => {
      const command = commandOf(node);
      return command?.kind === 'target' && command.style.kind === 'heading';
    });
    if (opener !== -1) {
      const command = commandOf(body[opener]!) as { depth: 1 | 2 | 3; variant: HeadingVariant };
      const heading = { depth: command.depth, variant: command.variant, node: body[opener] as AozoraAnnotation };
      pieces = [
        { children: body.slice(0, opener), layout: {} },
        ...closeHeading(body.slice(opener + 1), heading, start.layout, file),
      ];
    } else if (target !== -1) pieces = targetHeading(body, target, start.layout, file);
    else pieces = [{ children: body, layout: start.layout }];
  }
  return pieces.filter((piece) => hasContent(piece.children));
}

function closeHeading(body: PhrasingContent[], heading: OpenHeading, layout: BlockLayout, file: VFile): LinePiece[] {
  const end = body.findIndex((node) => {
    const command = commandOf(node);
    return command?.kind === 'headingEnd' && command.depth === heading.depth && command.variant === heading.variant;
  });
  const { depth, variant } = heading;
  if (end === -1) {
    reportAnnotation(file, heading.node, 'unclosed');
    return [{ children: body, layout, heading: { depth, variant } }];
  }
  return [
    { children: body.slice(0, end), layout, heading: { depth, variant } },
    ...splitHeadings(body.slice(end + 1), { layout: {} }, file),
  ];
}

/** `X［＃「X」は中見出し］`: X, just before the annotation, is the heading. */
function targetHeading(body: PhrasingContent[], index: number, layout: BlockLayout, file: VFile): LinePiece[] {
  const node = body[index] as AozoraAnnotation;
  const command = commandOf(node);
  if (command?.kind !== 'target' || command.style.kind !== 'heading') return [{ children: body, layout }];
  const { depth, variant } = command.style;
  const cut = cutEnd(body.slice(0, index), command.text, file);
  const after = body.slice(index + 1);
  if (!cut) {
    reportAnnotation(file, node, 'not-found');
    return [{ children: [...body.slice(0, index), ...after], layout }];
  }
  return [
    { children: cut[0], layout: {} },
    { children: cut[1], layout, heading: { depth, variant } },
    // The rest of the line may hold another heading (two 窓見出し on one line).
    ...splitHeadings(after, { layout: {} }, file),
  ];
}

/** Cut phrasing content where its visible text's last `text.length` characters begin. */
function cutEnd(
  nodes: PhrasingContent[],
  text: string,
  file: VFile,
): [PhrasingContent[], PhrasingContent[]] | undefined {
  let first = nodes.length;
  let seen = '';
  while (first > 0 && seen.length < text.length) seen = visibleText(nodes[--first]!) + seen;
  if (!seen.endsWith(text)) return undefined;
  const extra = seen.length - text.length;
  if (extra === 0) return [nodes.slice(0, first), nodes.slice(first)];
  const head = nodes[first]!;
  if (head.type !== 'text') return undefined;
  const points = pointsOf(head, file);
  return [
    [...nodes.slice(0, first), sliceText(head, 0, extra, points)],
    [sliceText(head, extra, head.value.length, points), ...nodes.slice(first + 1)],
  ];
}
