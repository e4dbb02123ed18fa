/**
 * The size bound that spares a chapter its measuring (scripts/layout/size-bound.ts) must never be
 * under the real size: on random fragments with every kind of node and attribute, and with the
 * characters serialising grows most (marks escaped as references, pairs, lone surrogates).
 */
import fc from 'fast-check';
import type { ElementContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { xhtmlBytesAtMost, xhtmlFits } from '../../scripts/layout/size-bound.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';

const seed = Number(process.env.FC_SEED ?? 20261206);
const numRuns = Number(process.env.FC_RUNS ?? 2000);

const text = fc
  .array(
    fc.constantFrom('&', '<', '>', '"', "'", 'a', ' ', '漢', 'か', '\u{20B9F}', '\uD800', '\u0001', '\u00A0', '\uFFFE'),
    {
      maxLength: 12,
    },
  )
  .map((chars) => chars.join(''));
const properties = fc.dictionary(
  fc.constantFrom(
    'id',
    'className',
    'href',
    'ariaLabelledBy',
    'dataFooBar',
    'epub:type',
    'hidden',
    'start',
    'title',
    'xmlLang',
  ),
  fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.boolean(), fc.integer()),
);
const fragment: fc.Arbitrary<ElementContent[]> = fc.letrec<{ nodes: ElementContent[]; node: ElementContent }>(
  (tie) => ({
    nodes: fc.array(tie('node'), { maxLength: 4 }),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text.map((value): ElementContent => ({ type: 'text', value })),
      text.map((value): ElementContent => ({ type: 'comment', value })),
      fc
        .record({
          tagName: fc.constantFrom('p', 'span', 'ruby', 'rt', 'a', 'br', 'img', 'section'),
          properties,
          children: tie('nodes'),
        })
        .map(({ tagName, properties, children }): ElementContent => ({
          type: 'element',
          tagName,
          properties,
          children: ['br', 'img'].includes(tagName) ? [] : children,
        })),
    ),
  }),
).nodes;

describe('the bound on serialised size', () => {
  it(`is never under the size of the XHTML (${numRuns} fragments)`, () => {
    fc.assert(
      fc.property(fragment, (nodes) => {
        expect(xhtmlBytesAtMost(nodes)).toBeGreaterThanOrEqual(Buffer.byteLength(toXhtml(nodes), 'utf8'));
      }),
      { seed, numRuns },
    );
  });

  it(`says a fragment fits only if its XHTML does, and fits in its bound (${numRuns} fragments)`, () => {
    fc.assert(
      fc.property(fragment, fc.nat(3000), (nodes, limit) => {
        const real = Buffer.byteLength(toXhtml(nodes), 'utf8');
        if (xhtmlFits(nodes, limit)) expect(real).toBeLessThanOrEqual(limit);
        expect(xhtmlFits(nodes, xhtmlBytesAtMost(nodes))).toBe(true);
      }),
      { seed, numRuns },
    );
  });

  it('is Infinity for a node it does not know, so that such a chapter is measured', () => {
    expect(xhtmlBytesAtMost([{ type: 'unknown' } as unknown as ElementContent])).toBe(Infinity);
  });
});
