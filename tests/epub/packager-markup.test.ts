/**
 * The packager's markup made without its parser (scripts/epub/packager-markup.ts) must be exactly
 * what the packager's own path makes (htmlparser2, its attribute allow-list, dom-serializer, then
 * package.ts turning numeric references back into characters), or not be made at all. Random trees
 * full of what that path changes (quotes, `&`, `>`, `$`, C1 controls, lone surrogates, images,
 * attributes it drops, elements its parser closes early, raw-text and foreign elements, empty and
 * void elements) are serialised as the build serialises pages, and both paths compared.
 */
import fc from 'fast-check';
import type { ElementContent, Properties } from 'hast';
import { normalizeHTML } from 'epub-gen-memory/dist/lib/util/html.js';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../scripts/book.ts';
import { adaptForPackager } from '../../scripts/epub/adapt.ts';
import { unescapeText } from '../../scripts/epub/package.ts';
import { packagerMarkup } from '../../scripts/epub/packager-markup.ts';
import { layoutEpub } from '../../scripts/epub/pages.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';

const numRuns = Number(process.env.FC_RUNS ?? 300);

/** The packager's own path for one page, and whether it reported dropping anything. */
function packagerPath(xhtml: string): { markup: string; warned: boolean } {
  let warned = false;
  const packager = { images: [], options: { version: 3 }, warn: () => (warned = true) };
  const markup = unescapeText(normalizeHTML.call(packager as never, 0, xhtml));
  return { markup, warned };
}

const tags = [
  ...['p', 'span', 'ruby', 'rt', 'rp', 'a', 'div', 'section', 'h1', 'h2', 'em', 'strong', 'li', 'ul', 'ol'],
  ...['br', 'hr', 'img', 'wbr', 'table', 'tr', 'td', 'th', 'tbody', 'dl', 'dt', 'dd', 'blockquote', 'figure'],
  ...['script', 'style', 'title', 'textarea', 'svg', 'math', 'option', 'select', 'bgsound', 'isindex', 'B', 'x-y'],
];
const voids = new Set(['br', 'hr', 'img', 'wbr']);
// Mostly text the shortcut takes, so that the structure, not only the characters, is tried.
const text = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('明暗', 'かな', 'abc', ' ', '😀', '\u00a0', '\n', '=', '/', '$') },
      { weight: 1, arbitrary: fc.constantFrom('"', "'", '&', '<', '>', '\u0085', '\ud800', '\uffff') },
    ),
    { maxLength: 6 },
  )
  .map((pieces) => pieces.join(''));
const someProperties: fc.Arbitrary<Properties> = fc.record(
  {
    id: fc.constantFrom('a', 'x-1', 'ä'),
    className: fc.constantFrom(['tcy'], ['a', 'b'], []),
    href: fc.constantFrom('#a', 'x.xhtml#b', 'a&b'),
    title: text,
    hidden: fc.boolean(),
    dataX: fc.constant('1'),
    'epub:type': fc.constant('noteref'),
    ariaLabel: text,
    src: fc.constant('file:///a.png'),
  },
  { requiredKeys: [] },
);
const properties = fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: someProperties });
const { node } = fc.letrec<{ node: ElementContent }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    { weight: 1, arbitrary: text.map((value): ElementContent => ({ type: 'text', value })) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          tagName: fc.constantFrom(...tags),
          properties: properties.map((value) => ({ ...value })),
          children: fc.array(tie('node'), { maxLength: 4 }),
        })
        .map(({ tagName, properties, children }): ElementContent => ({
          type: 'element',
          tagName,
          properties,
          children: voids.has(tagName) ? [] : children,
        })),
    },
  ),
}));

// Only what the shortcut takes in text and attributes, in structures its parser may change: a
// paragraph opened inside a paragraph, ruby text inside ruby text, a row inside a row…
const structure = fc.letrec<{ node: ElementContent }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'medium' },
    {
      weight: 1,
      arbitrary: fc.constantFrom('明暗', 'abc', ' ').map((value): ElementContent => ({ type: 'text', value })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          tagName: fc.constantFrom(
            'p',
            'div',
            'span',
            'li',
            'ul',
            'ruby',
            'rt',
            'rp',
            'h1',
            'tr',
            'td',
            'dd',
            'dt',
            'br',
            'a',
          ),
          id: fc.constantFrom(undefined, 'a'),
          children: fc.array(tie('node'), { maxLength: 3 }),
        })
        .map(({ tagName, id, children }): ElementContent => ({
          type: 'element',
          tagName,
          properties: id ? { id } : {},
          children: tagName === 'br' ? [] : children,
        })),
    },
  ),
})).node;

/** Whether the shortcut, when it is taken, makes what the packager's path makes. */
function samePath(nodes: ElementContent[]): boolean {
  adaptForPackager(nodes);
  const xhtml = toXhtml(nodes);
  const fast = packagerMarkup(xhtml);
  if (fast === undefined) return false;
  const { markup, warned } = packagerPath(xhtml);
  expect(warned).toBe(false);
  expect(fast).toBe(markup);
  return true;
}

describe('the packager markup without its parser', () => {
  it(`is the packager's own in any structure, or is left to the packager (${numRuns} random pages)`, () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(fc.array(structure, { maxLength: 4 }), (nodes) => {
        if (samePath(nodes)) shortcuts++;
      }),
      { seed: 20261206, numRuns },
    );
    expect(shortcuts).toBeGreaterThan(numRuns / 10);
  });

  it(`is the packager's own whatever the characters and attributes, or is left to the packager (${numRuns} random pages)`, () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(fc.array(node, { maxLength: 5 }), (nodes) => {
        if (samePath(nodes)) shortcuts++;
      }),
      { seed: 20261206, numRuns },
    );
    // The shortcut is taken often enough for the comparison to mean something.
    expect(shortcuts).toBeGreaterThan(numRuns / 10);
  });

  it('is taken for every page of the sample book but its cover', async () => {
    const book = await loadBook('manuscript');
    const pages = layoutEpub(book, 'file:///cover.png').pages;
    const left: string[] = [];
    for (const page of pages) {
      adaptForPackager(page.nodes);
      const xhtml = toXhtml(page.nodes);
      const fast = packagerMarkup(xhtml);
      if (fast === undefined) left.push(page.id);
      else expect(fast).toBe(packagerPath(xhtml).markup);
    }
    expect(left).toEqual(['p-cover']);
  });
});
