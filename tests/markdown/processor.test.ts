/** Markdown to HTML refuses a node it has no handler for, instead of making a `<div>` of it. */
import type { Root } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { hastOptions } from '../../scripts/markdown/processor.ts';

const options = hastOptions(v.parse(MarkdownSchema, {}));
const tree = (node: unknown): Root => ({ type: 'root', children: [node as Root['children'][number]] });

describe('Markdown to HTML', () => {
  it('converts the node types it knows', () => {
    const hast = toHast(
      tree({ type: 'ruby', children: [{ type: 'text', value: '漢字' }], reading: 'かんじ' }),
      options,
    );
    expect(JSON.stringify(hast)).toContain('"tagName":"ruby"');
  });

  it('stops on a node type nothing handles, as a half-wired notation would leave behind', () => {
    expect(() => toHast(tree({ type: 'mystery', children: [] }), options)).toThrow(
      'internal: no HTML handler for the Markdown node "mystery"',
    );
  });
});
