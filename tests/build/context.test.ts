/**
 * The build context: the book is read and parsed once however many outputs ask for it, and an
 * output that rewrites its trees in place (the EPUB) works on its own copy, so that the next
 * output of the same load (the PDF, another profile's PDF) reads the book as it was parsed.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookWarnings } from '../../scripts/book.ts';
import { createContext } from '../../scripts/build/context.ts';
import { epubOutput } from '../../scripts/build/epub.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';
import type { ProgressEvent } from '../../scripts/progress.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('a build context', () => {
  it('reads and parses the book once, and the EPUB leaves it as parsed', async () => {
    const root = await makeManuscript({
      'book.yaml': 'title: 文脈\nfilename: book\n',
      // An image (the EPUB points it at its file), an attribute its packager would drop, a link
      // into nothing (the EPUB reports it on the chapter file and removes it).
      '01.md': '# 一\n\n![図](fig.png)\n\n<ol start="3"><li>三</li></ol>\n\n[どこへ](#nowhere)\n',
      'fig.png': PNG,
    });
    const events: ProgressEvent[] = [];
    const context = createContext({
      manuscript: root,
      signal: new AbortController().signal,
      progress: (event) => events.push(event),
    });
    const book = await context.book();
    expect(await context.book()).toBe(book);
    expect((await context.source()).manuscript).toBe(book.manuscript);
    expect(events.filter((event) => event.kind === 'reading')).toHaveLength(1);

    const trees = book.chapters.map((chapter) => toXhtml(chapter.tree));
    const warnings = bookWarnings(book);
    const out = await mkdtemp(join(tmpdir(), 'context-'));
    const epub = await epubOutput(context, { outDir: out, force: true, strict: false });
    // The EPUB made its changes, on its own copy.
    expect(epub.warnings).toContainEqual(
      expect.objectContaining({
        message: 'link to "#nowhere" points at nothing in the book; kept as plain text',
        hint: expect.stringMatching(/^link to an id that is in the book/),
      }),
    );
    expect(book.chapters.map((chapter) => toXhtml(chapter.tree))).toEqual(trees);
    expect(trees[0]).toContain('src="fig.png"');
    expect(trees[0]).toContain('<ol start="3">');
    expect(bookWarnings(book)).toEqual(warnings);
    expect(await context.book()).toBe(book);
  });
});
