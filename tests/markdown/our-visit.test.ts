/**
 * mdast-util-to-hast walks each chapter with our tree walk (scripts/visit-alias.mjs), as the
 * bundles resolve it: the package's own `unist-util-visit` renames a closure for every node it
 * visits (`Object.defineProperty(…, 'name', …)`), which a novel's chapters pay for in every build.
 */
import { toHast } from 'mdast-util-to-hast';
import type { Root } from 'mdast';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

describe('the walk mdast-util-to-hast makes', () => {
  it('is ours: no node renames a closure, and definitions are still found', () => {
    const tree: Root = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            {
              type: 'linkReference',
              identifier: 'a',
              referenceType: 'shortcut',
              children: [{ type: 'text', value: '本' }],
            },
          ],
        },
        { type: 'definition', identifier: 'a', url: 'https://example.org/', title: null },
      ],
    };
    const define = vi.spyOn(Object, 'defineProperty');
    const hast = toHast(tree);
    const renamed = define.mock.calls.filter(([, key]) => key === 'name');
    expect(renamed).toEqual([]);
    // The link reference found its definition: the walk collected it.
    expect(JSON.stringify(hast)).toContain('"href":"https://example.org/"');
  });
});
