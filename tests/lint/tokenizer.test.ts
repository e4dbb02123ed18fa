/**
 * The two things that make proofreading fast without changing a finding: kuromoji's lattice built
 * in linear time (the same lattice, node for node, as kuromoji's own builder, on real and hostile
 * text), and the dictionary inflated once into shared memory (the same bytes kuromoji reads from
 * its files, and a tokenizer built on them that tokenizes as one built from disk).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { installLinearLattice, uninstallLinearLattice } from '../../scripts/lint/linear-lattice.ts';
import { sharedDictionary, useSharedDictionary } from '../../scripts/lint/shared-dictionary.ts';
import { projectRoot } from '../helpers/cli.ts';

const require = createRequire(import.meta.url);
const kuromojinRequire = createRequire(require.resolve('kuromojin'));

/** The parts of a kuromoji tokenizer the tests look at. */
interface Tokenizer {
  tokenizeForSentence(text: string): unknown[];
  getLattice(text: string): unknown;
  viterbi_builder: { trie: { commonPrefixSearch(key: string): unknown } };
  token_info_dictionary: { dictionary: { buffer: Uint8Array } };
}

interface Kuromoji {
  builder(options: { dicPath: string }): { build(done: (error: unknown, tokenizer: Tokenizer) => void): void };
}

const kuromoji = kuromojinRequire('kuromoji') as Kuromoji;
const build = (dicPath: string) =>
  new Promise<Tokenizer>((resolve, reject) =>
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer))),
  );

let dicPath: string;
let fromDisk: Tokenizer;
beforeAll(async () => {
  dicPath = (await sharedDictionary())!.dir;
  fromDisk = await build(dicPath);
});
afterEach(() => uninstallLinearLattice());

/** Both builders on one text: the lattice, the tokens, or the error. */
function bothWays(tokenizer: Tokenizer, text: string) {
  const run = () => {
    try {
      return { lattice: tokenizer.getLattice(text), tokens: tokenizer.tokenizeForSentence(text) };
    } catch (error) {
      return { error: String(error) };
    }
  };
  uninstallLinearLattice();
  const original = run();
  installLinearLattice();
  return { original, linear: run() };
}

const HOSTILE = [
  '',
  'あ',
  '。',
  '𠮷野家で𠮷田さんが🍣を食べた。𩸽も𠮷',
  '\uDC00ひとりぼっちの下位サロゲート',
  '末尾の上位サロゲート\uD842',
  '\uD842途中の上位サロゲート',
  'ーーーーーーーーーー長音だけ',
  '１２３４５６７８９０一二三四五六七八九〇12345',
  'ｶﾀｶﾅﾊﾝｶｸとＡＢＣと ABC def 123 と αβγ と Ωμ',
  '漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字',
  'か\u3099き\u3099く\u3099と濁点の結合文字',
  '改行を\nまたぐ\n文\tとタブ',
  '「見れる」と彼は言った。それは、が、が、のである。',
  '……――　全角空白と記号‼︎⁉︎',
];

describe('the linear lattice builder', () => {
  it('builds the lattice kuromoji builds, node for node, on hostile text', () => {
    for (const text of HOSTILE) {
      const { original, linear } = bothWays(fromDisk, text);
      expect(linear, JSON.stringify(text)).toEqual(original);
    }
    // A broken surrogate pair makes kuromoji throw; so it does still.
    expect(bothWays(fromDisk, '末尾の上位サロゲート\uD842').linear).toHaveProperty('error');
  });

  it('builds the lattice kuromoji builds on every paragraph of the sample essay and the 青空文庫 text', async () => {
    const files = [
      ...['01-lead.md', '02-reasons.md', '03-bni.md', '04-network.md', '05-closing.md'].map((name) =>
        join(projectRoot, 'manuscript', name),
      ),
      join(projectRoot, 'tests/fixtures/aozora/yoru-no-teishaba.txt'),
    ];
    let paragraphs = 0;
    for (const file of files) {
      for (const line of (await readFile(file, 'utf8')).split('\n')) {
        if (line.trim() === '') continue;
        const { original, linear } = bothWays(fromDisk, line);
        expect(linear, line).toEqual(original);
        paragraphs++;
      }
    }
    expect(paragraphs).toBeGreaterThan(90);
    // And one long paragraph, where the two builders' ways part most (a lattice of thousands of characters).
    const long = (await readFile(files[1]!, 'utf8')).replace(/\s+/g, '').slice(0, 4000);
    const { original, linear } = bothWays(fromDisk, long);
    expect(linear).toEqual(original);
  });

  it('looks words up in a bounded prefix at each character, not in the whole rest of the paragraph', () => {
    const trie = fromDisk.viterbi_builder.trie;
    const search = trie.commonPrefixSearch;
    let read = 0;
    trie.commonPrefixSearch = (key: string) => {
      read += key.length;
      return search.call(trie, key);
    };
    try {
      const paragraph = 'ジョバンニはまっすぐに丘の上の方へ歩いていきました。'.repeat(80);
      installLinearLattice();
      fromDisk.tokenizeForSentence(paragraph);
      // kuromoji's own builder hands the lookup the rest of the text: n²/2 characters, about 1.1 million here.
      expect(read).toBeLessThan(paragraph.length * 20);
      expect(read).toBeGreaterThanOrEqual(paragraph.length);
    } finally {
      trie.commonPrefixSearch = search;
    }
  });
});

describe('the shared dictionary', () => {
  it('holds each file kuromoji loads, inflated byte for byte, in shared memory', async () => {
    const shared = (await sharedDictionary())!;
    expect(Object.keys(shared.files)).toHaveLength(12);
    for (const [name, memory] of Object.entries(shared.files)) {
      expect(memory, name).toBeInstanceOf(SharedArrayBuffer);
      const inflated = gunzipSync(readFileSync(join(shared.dir, name)));
      expect(Buffer.from(memory).equals(inflated), name).toBe(true);
    }
  });

  it('gives kuromoji a tokenizer on shared memory that tokenizes as one loaded from disk', async () => {
    const restore = useSharedDictionary(sharedDictionary());
    let onShared: Tokenizer;
    try {
      onShared = await build(dicPath);
    } finally {
      restore();
    }
    expect(onShared.token_info_dictionary.dictionary.buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(fromDisk.token_info_dictionary.dictionary.buffer.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    const text = readFileSync(join(projectRoot, 'manuscript/02-reasons.md'), 'utf8').slice(0, 3000);
    for (const line of text.split('\n').filter((line) => line.trim() !== ''))
      expect(onShared.tokenizeForSentence(line)).toEqual(fromDisk.tokenizeForSentence(line));
  });
});
