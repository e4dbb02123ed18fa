/**
 * The missing-glyph check, run as a PDF build runs it before layout: each character no font of
 * the book has is found once, at its first file:line:column, with the count of the others; the
 * print document gets 〓 in its place; characters some bundled font has are left alone.
 */
import { join } from 'node:path';
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../../scripts/book.ts';
import { findMissingGlyphs, missingGlyphMessage, replaceMissingGlyphs } from '../../scripts/layout/missing-glyphs.ts';
import { printParts } from '../../scripts/layout/print-document.ts';
import { resolveGeometry } from '../../scripts/layout/geometry.ts';
import { resolveFonts } from '../../scripts/pdf/render/fonts.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const NONE = '\u{10FFFD}'; // private use: no font has it
const NONE_2 = '\u{F8FF}';

async function book() {
  const root = await makeManuscript({
    'book.yaml': `title: 試験${NONE_2}の本\nauthor: 著者\n`,
    '01.md': [
      '# 第一章 αβγ',
      '',
      `ギリシア文字 α、café と Ångström、Жизнь、≒ と Ⅻ。ここに${NONE}があり、`,
      `また${NONE}がある。`,
      '',
      `## 見出しの${NONE}`,
      '',
      '**太字のα**',
    ].join('\n'),
    '02.md': `# 第二章\n\n{漢字|かん${NONE_2}じ}と${NONE}。\n`,
  });
  return { root, book: await loadBook(root) };
}

describe('findMissingGlyphs', () => {
  it('reports each character no font has once, at its first place, with how many more there are', async () => {
    const { root, book: loaded } = await book();
    const { stacks } = await resolveFonts(loaded);
    const missing = findMissingGlyphs(loaded, stacks);
    expect(missing).toEqual([
      { char: NONE_2, place: { file: join(root, 'book.yaml'), line: 1, column: 8 }, more: 1 },
      { char: NONE, place: { file: join(root, '01.md'), line: 3, column: 41 }, more: 3 },
    ]);
    expect(missingGlyphMessage(missing[1]!)).toBe(
      `no font of the book has “${NONE}” (U+10FFFD): the PDF prints 〓 in its place (and 3 more)`,
    );
    expect(missingGlyphMessage(missing[0]!)).toBe(
      `no font of the book has “${NONE_2}” (U+F8FF): the PDF prints 〓 in its place (and 1 more)`,
    );
  });

  it('puts 〓 in the print document for every such character, and leaves Greek, Latin and Cyrillic alone', async () => {
    const { book: loaded } = await book();
    const { fonts, stacks } = await resolveFonts(loaded);
    const geometry = resolveGeometry(loaded.config, 'screen', loaded.manuscript.locate);
    const [part] = printParts(loaded, geometry, fonts, 1);
    const marks: Element[] = [];
    visit(part!.root, 'element', (node: Element) => {
      if (Array.isArray(node.properties.className) && node.properties.className.includes('missing-glyph'))
        marks.push(node);
    });
    // The title on the 扉 and the 奥付; chapter 1's text (two), its heading and that heading's
    // line in the 目次; chapter 2's ruby and text.
    expect(marks.map((mark) => toString(mark))).toEqual(Array(8).fill('〓'));
    let body: Element | undefined;
    visit(part!.root as Root, 'element', (node: Element) => {
      if (node.tagName === 'body') body = node;
    });
    const text = toString(body!);
    expect(text).not.toContain(NONE);
    expect(text).not.toContain(NONE_2);
    expect(text).toContain('ギリシア文字 α、café と Ångström、Жизнь、≒ と Ⅻ。ここに〓があり、');
    // Nothing more to do once replaced.
    expect(replaceMissingGlyphs(part!.root, stacks)).toBe(0);
  });
});
