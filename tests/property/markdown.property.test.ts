/**
 * Property tests: thousands of random chapters always give well-formed XHTML with unique ids,
 * and every plain word of the input reaches the output unless a warning says why it did not.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { VFile } from 'vfile';
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
        const text = doc.documentElement!.textContent ?? '';
        const missing = piece.sentinels.filter((sentinel) => !text.includes(sentinel));
        if (missing.length > 0) {
          expect(
            file.messages.length,
            `lost ${missing.join(', ')} without a warning from:\n${piece.md}\n→ ${xhtml}`,
          ).toBeGreaterThan(0);
        }
      }),
      { seed, numRuns },
    );
  });
});
