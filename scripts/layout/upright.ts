/**
 * Text from the metadata (title, author, publisher) set the way the chapters set theirs: in a
 * vertical book, short runs of digits and `!` `?` beside Japanese text upright (縦中横), by the
 * same rules and settings as automatic 縦中横 in Markdown (`markdown.autoTcy`,
 * `markdown.tcyPunctuation`).
 */
import type { ElementContent } from 'hast';
import type { MarkdownOptions } from '../config/schema.ts';
import { uprightRanges } from '../markdown/tcy/index.ts';

/** Metadata text as phrasing: text, with `<span class="tcy">` where a vertical book sets it upright. */
export function uprightPhrasing(text: string, options: MarkdownOptions, vertical: boolean): ElementContent[] {
  if (!vertical) return [{ type: 'text', value: text }];
  const content: ElementContent[] = [];
  let at = 0;
  for (const { start, end } of uprightRanges(text, [], [], {
    digits: options.autoTcy,
    punctuation: options.tcyPunctuation,
  })) {
    if (start > at) content.push({ type: 'text', value: text.slice(at, start) });
    content.push({
      type: 'element',
      tagName: 'span',
      properties: { className: ['tcy'] },
      children: [{ type: 'text', value: text.slice(start, end) }],
    });
    at = end;
  }
  if (at < text.length) content.push({ type: 'text', value: text.slice(at) });
  return content;
}

const FULL_WIDTH: Record<string, string> = { '!': '！', '?': '？' };

/**
 * A running head of a vertical book, drawn across the head of the page: the `!` and `?` the text
 * sets upright are given their full-width forms, so that the head reads as the title page does.
 */
export function fullWidthPunctuation(text: string, options: MarkdownOptions): string {
  if (!options.tcyPunctuation) return text;
  let result = '';
  let at = 0;
  for (const { start, end } of uprightRanges(text, [], [], { digits: 0, punctuation: true })) {
    result += text.slice(at, start) + [...text.slice(start, end)].map((char) => FULL_WIDTH[char] ?? char).join('');
    at = end;
  }
  return result + text.slice(at);
}
