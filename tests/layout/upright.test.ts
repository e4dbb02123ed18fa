/**
 * Text outside the chapters set the way the chapters set theirs: the 扉 and 奥付 (from the
 * metadata), the 目次 (from the headings) and the running heads.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BookSchema } from '../../scripts/config/schema.ts';
import { colophonPage } from '../../scripts/layout/colophon.ts';
import { titlePage } from '../../scripts/layout/title-page.ts';
import { tocPage } from '../../scripts/layout/toc-page.ts';
import { tocEntries } from '../../scripts/layout/toc.ts';
import { fullWidthPunctuation, uprightPhrasing } from '../../scripts/layout/upright.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';
import { parseChapters } from '../../scripts/book.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import { VFile } from 'vfile';

const config = (yaml: Record<string, unknown> = {}) =>
  v.parse(BookSchema, { title: '【人脈作りは必要?】フリーランス', ...yaml });
const xhtml = (content: Parameters<typeof toXhtml>[0]) => toXhtml(content).trim();

describe('metadata text in a vertical book', () => {
  it('sets a single ! or ? and short numbers upright, by the rules of automatic 縦中横', () => {
    const { markdown } = config();
    expect(xhtml(uprightPhrasing('人脈は必要?', markdown, true))).toBe('人脈は必要<span class="tcy">?</span>');
    expect(xhtml(uprightPhrasing('第12章!?', markdown, true))).toBe(
      '第<span class="tcy">12</span>章<span class="tcy">!?</span>',
    );
    // Latin text keeps its own: Yahoo!, a year, a decimal.
    expect(xhtml(uprightPhrasing('Yahoo!と2026年と3.14', markdown, true))).toBe('Yahoo!と2026年と3.14');
  });

  it('leaves the text alone in a horizontal book, and when the author turned the rule off', () => {
    expect(xhtml(uprightPhrasing('必要?', config().markdown, false))).toBe('必要?');
    const off = config({ markdown: { tcyPunctuation: false, autoTcy: 0 } }).markdown;
    expect(xhtml(uprightPhrasing('第12章、必要?', off, true))).toBe('第12章、必要?');
  });

  it('sets the 扉 and the 奥付 title that way', () => {
    const book = config({ subtitle: '副題は何?', author: '著者A', publisher: '版元' });
    expect(xhtml([titlePage(book)])).toContain(
      '<h1 class="book-title">【人脈作りは必要<span class="tcy">?</span>】フリーランス</h1>',
    );
    expect(xhtml([titlePage(book)])).toContain('<p class="book-subtitle">副題は何<span class="tcy">?</span></p>');
    expect(xhtml([colophonPage(book, 'print')])).toContain('必要<span class="tcy">?</span>】');
  });

  it('gives a running head the full-width forms of the marks it sets upright', () => {
    const { markdown } = config();
    expect(fullWidthPunctuation('人脈って大事?', markdown)).toBe('人脈って大事？');
    expect(fullWidthPunctuation('本当!?まさか!!', markdown)).toBe('本当！？まさか！！');
    expect(fullWidthPunctuation('Yahoo!の12月', markdown)).toBe('Yahoo!の12月');
    expect(fullWidthPunctuation('大事?', config({ markdown: { tcyPunctuation: false } }).markdown)).toBe('大事?');
  });
});

describe('the 目次 page', () => {
  it('shows each heading as the chapter sets it: its 縦中横 kept, readings, notes and links left out', async () => {
    const book = config();
    const processor = createMarkdownProcessor(book.markdown);
    const source =
      '# 第12章　{銀河|ぎんが}は大事?[^1]\n\n## [リンク](https://example.com)の^AB^\n\n本文。\n\n[^1]: 注。\n';
    const [chapter] = await parseChapters(processor, new VFile({ value: source, path: 'a.md' }), 0, 1);
    const entries = tocEntries([chapter!], 2);
    expect(entries[0]!.text).toBe('第12章　銀河は大事?');
    const page = xhtml([tocPage(book, entries, { href: (entry) => `#${entry.id}` })]);
    expect(page).toContain(
      '<a href="#ch-1-h1">第<span class="tcy">12</span>章　銀河は大事<span class="tcy">?</span></a>',
    );
    expect(page).toContain('<a href="#ch-1-h2">リンクの<span class="tcy">AB</span></a>');
    expect(page).not.toMatch(/ぎんが|<sup|id="/);
  });
});
