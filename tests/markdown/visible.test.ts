/**
 * The first character a reader sees in a node (scripts/markdown/text/visible.ts), found without
 * making the node's whole visible text: the same as the first code point of that text, for every
 * node of random chapters read by the book's reader (notations, ruby, breaks, code, astral
 * characters).
 */
import fc from 'fast-check';
import type { Nodes, Root } from 'mdast';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import { firstVisibleChar, visibleText } from '../../scripts/markdown/text/visible.ts';
import { chapter } from '../property/generate.ts';

const processor = createMarkdownProcessor(v.parse(MarkdownSchema, {}));
const numRuns = Number(process.env.FC_RUNS ?? 300);

function nodes(tree: Root): Nodes[] {
  const all: Nodes[] = [];
  const walk = (node: Nodes) => {
    all.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return all;
}

describe('the first character a reader sees', () => {
  it('is the first code point of the visible text, in every node', async () => {
    const chapters = fc.sample(chapter, { seed: 20261207, numRuns });
    let compared = 0;
    for (const { md } of chapters) {
      const tree = await processor.readSource(
        new VFile({ path: 'a.md', value: `𠮷${md}\n\n　字下げ\n\n｜漢字《かんじ》から` }),
      );
      for (const node of nodes(tree)) {
        expect(firstVisibleChar(node)).toBe([...visibleText(node)][0]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(numRuns * 10);
  });
});
