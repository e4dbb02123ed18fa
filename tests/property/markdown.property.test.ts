/**
 * Property tests: thousands of random chapters always give well-formed XHTML with unique ids,
 * and every plain word of the input reaches the output unless a warning about that very place
 * says why it did not (a warning elsewhere in the chapter excuses nothing).
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { location } from 'vfile-location';
import { describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { toXhtml } from '../../scripts/layout/xhtml.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import { parseXml } from '../helpers/xml.ts';
import { chapter } from './generate.ts';

/** Runs in CI; FC_SEED and FC_RUNS override for exploring. */
const seed = Number(process.env.FC_SEED ?? 20261123);
const numRuns = Number(process.env.FC_RUNS ?? 2000);

const settings = [
  {},
  { lineBreaks: 'br' },
  { paragraphPerLine: true },
  { autoTcy: 0, tcyPunctuation: false, sceneBreak: 'blank', bracketIndent: 'indent' },
].map((options) => createMarkdownProcessor(v.parse(MarkdownSchema, options)));

describe('any Markdown', () => {
  it(`gives well-formed XHTML and loses no text silently (${numRuns} documents)`, async () => {
    await fc.assert(
      fc.asyncProperty(chapter, fc.integer({ min: 0, max: settings.length - 1 }), async (piece, which) => {
        const file = new VFile({ value: piece.md, path: 'random.md', data: { chapterId: 'ch-1' } });
        const tree = await settings[which]!.toHast(file);
        const xhtml = toXhtml(tree);
        const doc = parseXml(
          `<body xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${xhtml}</body>`,
          'random',
        );
        const ids = Array.from(doc.getElementsByTagName('*'))
          .map((element) => element.getAttribute('id'))
          .filter(Boolean);
        expect(new Set(ids).size).toBe(ids.length);
        // Text a reader gets: the document's text and images' descriptions.
        const alts = Array.from(doc.getElementsByTagName('img')).map((image) => image.getAttribute('alt') ?? '');
        const text = [doc.documentElement!.textContent ?? '', ...alts].join('\n');
        const missing = piece.sentinels.filter((sentinel) => !text.includes(sentinel));
        const unexplained = missing.filter((sentinel) => !explained(sentinel, piece.md, file));
        expect(
          unexplained,
          `lost without a warning at its place, from:\n${piece.md}\n→ ${xhtml}\nwarnings: ${file.messages.map(String).join('; ')}`,
        ).toEqual([]);
      }),
      { seed, numRuns },
    );
  });
});

/**
 * Whether a warning covers a place where `sentinel` stands in the source: its range holds one of
 * the sentinel's occurrences (or, for a warning with only a start, it is on the same line).
 */
function explained(sentinel: string, source: string, file: VFile): boolean {
  const place = location(source);
  const offsets: number[] = [];
  for (let at = source.indexOf(sentinel); at !== -1; at = source.indexOf(sentinel, at + 1)) offsets.push(at);
  return file.messages.some((message) => {
    const start = message.place && 'start' in message.place ? message.place.start : message.place;
    const end = message.place && 'end' in message.place ? message.place.end : undefined;
    if (!start) return false;
    const from = place.toOffset(start);
    const to = end ? place.toOffset(end) : undefined;
    return offsets.some((offset) => {
      if (from === undefined) return false;
      if (to !== undefined) return offset + sentinel.length > from && offset < to;
      return place.toPoint(offset)?.line === start.line;
    });
  });
}
