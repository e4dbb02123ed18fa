/**
 * A long file read again with the pieces kept from its last reading (scripts/markdown/piece-memory.ts,
 * the preview's): the unchanged pieces are recalled, moved to where they are now, and the file
 * must come out as reading it afresh gives it — trees, positions and messages — after any edit.
 */
import fc from 'fast-check';
import type { Root } from 'mdast';
import * as v from 'valibot';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { MarkdownSchema } from '../../scripts/config/schema.ts';
import { createMarkdownProcessor } from '../../scripts/markdown/processor.ts';
import { PieceMemory } from '../../scripts/markdown/piece-memory.ts';
import { readInPieces } from '../../scripts/markdown/read-in-pieces.ts';
import { cutAtHeadings } from '../../scripts/markdown/source-cuts.ts';
import { plainMessages } from '../helpers/messages.ts';
import { cuttableBook } from '../property/generate.ts';

const seed = Number(process.env.FC_SEED ?? 20261206);
const numRuns = Math.ceil(Number(process.env.FC_RUNS ?? 2000) / 16);

const options = v.parse(MarkdownSchema, {});
const { readSource } = createMarkdownProcessor(options, { whole: true });
const inPieces = createMarkdownProcessor(options, { smallestPiece: 0 });

/** The chapters of `text` as a build makes them (the stages after reading change the trees), with the memory if given. */
async function chapters(text: string, memory?: PieceMemory) {
  const file = new VFile({ value: text, path: 'book.md', data: { frontMatterIsMetadata: true } });
  const made = await inPieces.toChapters(file, 1, (index) => `ch-${index + 1}`, { memory });
  return { chapters: made, messages: plainMessages(file) };
}

/** Read `text` in pieces (cut at every heading), with the memory if given; how many pieces were parsed. */
async function read(text: string, memory?: PieceMemory) {
  let parsed = 0;
  const counting = (file: VFile): Promise<Root> => {
    parsed++;
    return readSource(file);
  };
  const file = new VFile({ value: text, path: 'book.md', data: { frontMatterIsMetadata: true } });
  const tree = await readInPieces(counting, file, cutAtHeadings(text, 0), undefined, memory?.forReader('options'));
  return { tree, messages: plainMessages(file), parsed };
}

/** An edit of one line of a book: text put in (a line, two, a stray mark) or a line taken out. */
const edit = fc.record({
  at: fc.nat(),
  text: fc.constantFrom(
    '追加した文。',
    '\n\n新しい段落。\n\n',
    '**閉じない',
    '',
    '｜ルビ《るび》',
    '\n',
    // A note or a link referred to or defined: the other pieces are given other labels.
    '参照[^跨0]',
    '\n\n[^跨0]: 加えた注\n\n',
    '\n\n[先0]: https://example.com/new\n\n',
    // A link referred to before it is defined, then defined: the pieces that refer to it read it otherwise.
    '[まだ][未定義]と[未定義]',
    '\n\n[未定義]: https://example.com/later\n\n',
    '\n\n# 新しい章\n\n',
  ),
  remove: fc.boolean(),
});

function edited(book: string, { at, text, remove }: { at: number; text: string; remove: boolean }): string {
  const lines = book.split('\n');
  const index = at % lines.length;
  if (remove) lines.splice(index, 1);
  else lines[index] = `${lines[index]}${text}`;
  return lines.join('\n');
}

describe('a file read again with the pieces of its last reading', () => {
  it(`gives what reading it afresh gives, after any edit (${numRuns} books)`, async () => {
    let recalled = 0;
    await fc.assert(
      fc.asyncProperty(cuttableBook, fc.array(edit, { minLength: 1, maxLength: 3 }), async (book, edits) => {
        const memory = new PieceMemory();
        let text = book;
        await chapters(text, memory);
        for (const change of edits) {
          text = edited(text, change);
          expect(await chapters(text, memory)).toEqual(await chapters(text));
        }
        recalled += memory.recalled;
      }),
      { seed, numRuns },
    );
    // The property says nothing unless pieces were in fact recalled.
    expect(recalled).toBeGreaterThan(numRuns / 2);
  });

  it('parses only the piece that changed, and moves the pieces after it', async () => {
    const chapters = Array.from({ length: 6 }, (_, index) => `# 第${index + 1}章\n\n本文${index}。**閉じない\n`);
    const book = chapters.join('\n');
    const memory = new PieceMemory();
    expect((await read(book, memory)).parsed).toBe(6);
    const changed = book.replace('本文2。', '本文2。\n\n加えた段落。\n\n');
    const again = await read(changed, memory);
    expect(again.parsed).toBe(1);
    const fresh = await read(changed);
    expect(again.tree).toEqual(fresh.tree);
    // The stray marks of the chapter edited and those after it are reported four lines further down.
    expect(again.messages).toEqual(fresh.messages);
    expect(again.messages.map((message) => message.line)).toEqual([3, 7, 15, 19, 23, 27]);
  });

  it("reads every piece again when the reading options or the file's data differ", async () => {
    const book = '# 一\n\n本文。\n\n# 二\n\n本文。\n';
    const memory = new PieceMemory();
    const file = (data = {}) => new VFile({ value: book, path: 'book.md', data });
    let parsed = 0;
    const counting = (source: VFile) => {
      parsed++;
      return readSource(source);
    };
    await readInPieces(counting, file(), cutAtHeadings(book, 0), undefined, memory.forReader('a'));
    await readInPieces(counting, file(), cutAtHeadings(book, 0), undefined, memory.forReader('a'));
    expect(parsed).toBe(2);
    await readInPieces(counting, file(), cutAtHeadings(book, 0), undefined, memory.forReader('b'));
    expect(parsed).toBe(4);
    await readInPieces(
      counting,
      file({ frontMatterIsMetadata: true }),
      cutAtHeadings(book, 0),
      undefined,
      memory.forReader('b'),
    );
    expect(parsed).toBe(6);
  });
});
