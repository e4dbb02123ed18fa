/**
 * Random manuscripts for property tests: Markdown mixing Japanese text, our notations, raw HTML
 * (safe and hostile) and CommonMark constructs. Each generated piece knows the "sentinel" words
 * it contains: plain Japanese text that must reach the output unless a warning says why not.
 */
import fc from 'fast-check';

/** Markdown source and the words that must survive. */
export interface Piece {
  md: string;
  sentinels: string[];
}

const KANJI = [...'猫犬空海山川森林春夏秋冬雪花月星鳥風雨雲'];
const KANA = [...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん'];
const PUNCT = [...'、。！？!?「」『』（）…ー・：;:*_[]<>&\\`~#|{}^=《》｜/'];

const kanji = fc.array(fc.constantFrom(...KANJI), { minLength: 1, maxLength: 4 }).map((chars) => chars.join(''));
const kana = fc.array(fc.constantFrom(...KANA), { minLength: 1, maxLength: 5 }).map((chars) => chars.join(''));
/** A sentinel: kanji and kana, at least three characters, so that it is unlikely to be cut. */
const word = fc
  .tuple(kanji, kana)
  .map(([a, b]) => `${a}${b}`)
  .filter((text) => [...text].length >= 3);
const latin = fc.stringMatching(/^[A-Za-z0-9]{1,6}$/);
const digits = fc.integer({ min: 0, max: 99 }).map(String);

const plain = (md: string, ...sentinels: string[]): Piece => ({ md, sentinels });

const inline: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 8, arbitrary: word.map((w) => plain(w, w)) },
  { weight: 2, arbitrary: latin.map((text) => plain(` ${text} `)) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCT).map((mark) => plain(mark)) },
  { weight: 2, arbitrary: digits.map((number) => plain(number)) },
  {
    weight: 2,
    arbitrary: fc.tuple(kanji, kana).map(([base, reading]) => plain(`{${base}|${reading}}`, base, reading)),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(kanji, kana).map(([base, reading]) => plain(`｜${base}《${reading}》`, base, reading)),
  },
  { weight: 1, arbitrary: fc.tuple(kanji, kana).map(([base, reading]) => plain(`${base}《${reading}》`, reading)) },
  { weight: 2, arbitrary: word.map((w) => plain(`《《${w}》》`, w)) },
  { weight: 1, arbitrary: digits.map((number) => plain(`^${number}^`)) },
  { weight: 2, arbitrary: word.map((w) => plain(`*${w}*`, w)) },
  { weight: 2, arbitrary: word.map((w) => plain(`**${w}**`, w)) },
  { weight: 1, arbitrary: word.map((w) => plain(`\`${w}\``, w)) },
  { weight: 1, arbitrary: fc.tuple(word, latin).map(([w, path]) => plain(`[${w}](https://example.com/${path})`, w)) },
  { weight: 1, arbitrary: word.map((w) => plain(`<span class="note">${w}</span>`, w)) },
  { weight: 1, arbitrary: word.map((w) => plain(`<font color="red">${w}</font>`, w)) },
  { weight: 1, arbitrary: word.map((w) => plain(`<script>${w}</script>`)) },
  { weight: 1, arbitrary: word.map((w) => plain(`<a href="javascript:void(0)" onclick="x()">${w}</a>`, w)) },
  { weight: 1, arbitrary: word.map((w) => plain(`${w}［＃「${w}」に傍点］`, w)) },
  { weight: 1, arbitrary: fc.constant(plain('［＃改行］')) },
  { weight: 1, arbitrary: fc.constant(plain('  \n')) },
  { weight: 1, arbitrary: fc.constant(plain('\n')) },
);

const line = fc.array(inline, { minLength: 1, maxLength: 12 }).map(join(''));

function join(separator: string) {
  return (pieces: Piece[]): Piece => ({
    md: pieces.map((piece) => piece.md).join(separator),
    sentinels: pieces.flatMap((piece) => piece.sentinels),
  });
}
const prefix =
  (before: string, after = '') =>
  (piece: Piece): Piece => ({ md: `${before}${piece.md}${after}`, sentinels: piece.sentinels });
const singleLine = line.map((piece) => ({ ...piece, md: piece.md.replace(/\n/g, ' ') }));

const block: fc.Arbitrary<Piece> = fc.oneof(
  { weight: 8, arbitrary: line },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 3 }), singleLine)
      .map(([level, piece]) => prefix(`${'#'.repeat(level)} `)(piece)),
  },
  { weight: 2, arbitrary: fc.array(singleLine.map(prefix('- ')), { minLength: 1, maxLength: 4 }).map(join('\n')) },
  { weight: 1, arbitrary: fc.array(singleLine.map(prefix('1. ')), { minLength: 1, maxLength: 4 }).map(join('\n')) },
  { weight: 2, arbitrary: singleLine.map(prefix('> ')) },
  { weight: 1, arbitrary: word.map((w) => plain(`\`\`\`\n${w}\n<script>\n\`\`\``, w)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('***', '---', '===', '［＃改ページ］', '［＃改丁］').map((mark) => plain(mark)),
  },
  { weight: 1, arbitrary: line.map(prefix('［＃ここから2字下げ］\n', '\n［＃ここで字下げ終わり］')) },
  { weight: 1, arbitrary: line.map(prefix(':::indent-2\n', '\n:::')) },
  { weight: 1, arbitrary: word.map((w) => plain(`<div class="box">\n\n${w}\n\n</div>`, w)) },
  {
    weight: 1,
    arbitrary: fc.tuple(word, word).map(([a, b]) => plain(`| ${a} | 表 |\n| --- | --- |\n| ${b} | ２ |`, a, b)),
  },
  { weight: 1, arbitrary: word.map((w) => plain(`本文${w}[^1]\n\n[^1]: 注の${w}`, w)) },
  { weight: 1, arbitrary: fc.constant(plain('<iframe src="https://example.com/"></iframe>')) },
);

/** A whole chapter: blocks separated by blank lines. */
export const chapter: fc.Arbitrary<Piece> = fc.array(block, { minLength: 1, maxLength: 10 }).map(join('\n\n'));

/** What makes a file be read whole (scripts/markdown/source-cuts.ts): left out of `cuttableBook`'s blocks. */
const READ_WHOLE = /<[!?]|<(?:script|pre|style|textarea)\b/i;

/** Blocks that put lines looking like chapter headings where a cut must not be made. */
const trap: fc.Arbitrary<Piece> = fc.oneof(
  word.map((w) => plain(`\`\`\`\n${w}\n\n# ${w}\n\`\`\``, w)),
  word.map((w) => plain(`~~~~\n\n# ${w}\n~~~\n\n## ${w}\n~~~~`, w)),
  word.map((w) => plain(`> ${w}\n# ${w}\n${w}`, w)),
  word.map((w) => plain(`- ${w}\n\n  # ${w}\n\n    # ${w}`, w)),
  word.map((w) => plain(`${w}\n===\n\n${w}\n---`, w)),
  word.map((w) => plain(`    # ${w}\n\n    ${w}`, w)),
  word.map((w) => plain(`#${w}\n\n#\t${w}\n\n#`, w)),
  // Blocks that hold a chapter heading, close later, or never close: the cut before the heading
  // leaves them open, and the file must then be read whole.
  word.map((w) => plain(`［＃ここから2字下げ］\n\n# ${w}\n\n${w}\n\n［＃ここで字下げ終わり］`, w)),
  word.map((w) => plain(`:::indent-2\n\n# ${w}\n\n${w}\n\n:::`, w)),
  word.map((w) => plain(`［＃ここから地付き］\n\n${w}`, w)),
  word.map((w) => plain(`［＃ここから2字下げ］\n\n${w}\n\n［＃ここで地付き終わり］`, w)),
  word.map((w) => plain(`:::indent-2\n\n${w}`, w)),
  fc.constant(plain('［＃改ページ］')),
  // A note referred to in one chapter and defined in another (or in none).
  word.map((w) => plain(`遠くの注を見る${w}[^遠]`, w)),
  word.map((w) => plain(`[^遠]: 遠くの注${w}`, w)),
);

/**
 * A one-file book that may be cut at its chapters: a front matter block (sometimes with a line
 * that looks like a heading), then chapters, each under a `#`, `##` or `###` heading, of blocks
 * that reach across no heading, mixed with lines that look like headings where none may be cut,
 * and notes and links referred to in one chapter and defined in another (or the same, or in a
 * quotation, where a cut cannot see them).
 */
export const cuttableBook: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '---\ntitle: 本\n\n# 注釈\n---\n\n'),
    fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 3 }),
        singleLine.filter((piece) => !READ_WHOLE.test(piece.md)),
        fc.array(
          fc.oneof(
            { weight: 4, arbitrary: block.filter((piece) => !READ_WHOLE.test(piece.md)) },
            { weight: 1, arbitrary: trap },
          ),
          { maxLength: 6 },
        ),
      ),
      { minLength: 1, maxLength: 6 },
    ),
    fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('', '', '', '> ', '本文。\n')), { maxLength: 3 }),
  )
  .map(([front, chapters, notes, links]) => {
    const blocks = chapters.map(([, , chapterBlocks]) => chapterBlocks.map((piece) => piece.md));
    notes.forEach(([from, to], index) => {
      blocks[from % blocks.length]!.push(`章を跨ぐ注[^跨${index}]を見る。`);
      blocks[to % blocks.length]!.push(`[^跨${index}]: 別の章の注`);
    });
    // A link defined in another chapter, by a full and a short reference; the definition
    // sometimes in a quotation or after a paragraph's line (where it is no definition).
    links.forEach(([from, to, before], index) => {
      blocks[from % blocks.length]!.push(`[別の章へ][先${index}]と[先${index}]。`);
      blocks[to % blocks.length]!.push(`${before}[先${index}]: https://example.com/${index}`);
    });
    return chapters
      .map(([depth, title], index) => [`${'#'.repeat(depth)} ${title.md}`, ...blocks[index]!].join('\n\n'))
      .join('\n\n')
      .replace(/^/, front);
  })
  .filter((md) => !READ_WHOLE.test(md));
