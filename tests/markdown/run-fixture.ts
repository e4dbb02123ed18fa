/**
 * Running one Markdown fixture: the chapter through the real processor, serialised with the
 * serialiser the EPUB uses, and its messages as `line:column-line:column severity ruleId: reason`.
 */
import * as v from 'valibot';
import { VFile } from 'vfile';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';

/** What a fixture produced. */
export interface FixtureResult {
  xhtml: string;
  messages: string[];
  headings: string[];
}

/**
 * Process Markdown as chapter `ch-2` of a book with the given `markdown:` settings; a `.txt` path
 * is read as the body of a 青空文庫 text (no header, no credits).
 */
export async function runFixture(markdown: string, options: unknown = {}, path = 'chapter.md'): Promise<FixtureResult> {
  const processor = createMarkdownProcessor(v.parse(MarkdownSchema, options));
  const file = new VFile({ value: markdown, path, data: { chapterId: 'ch-2' } });
  if (path.endsWith('.txt')) file.data.aozoraText = { skip: [] };
  const tree = await processor.toHast(file);
  const messages = file.messages.map((message) => {
    const { start, end } =
      message.place && 'start' in message.place ? message.place : { start: message.place, end: undefined };
    const place = `${start?.line}:${start?.column}${end ? `-${end.line}:${end.column}` : ''}`;
    return `${place} ${message.fatal ? 'error' : 'warning'} ${message.ruleId}: ${message.reason}`;
  });
  return {
    xhtml: `${toXhtml(tree).trim()}\n`,
    messages,
    headings: (file.data.headings ?? []).map((heading) => heading.text),
  };
}
