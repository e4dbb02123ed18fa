/**
 * kuromoji's word lattice built in linear time. Its own builder (kuromoji 0.1.2, unmaintained since
 * 2018, which every Japanese textlint rule tokenizes with through kuromojin) copies the rest of the
 * text at every character twice over — once to look words up in the dictionary, encoded to UTF-8
 * whole, once to look at the next character — so a paragraph of n characters costs n² and most of
 * a lint run went there. The builder here makes the same lattice, node for node in the same order:
 * the dictionary lookup is given only the text up to the character where the dictionary's trie
 * has no branch left (the original stops reading there too), and the next characters are read in
 * place. Text with a broken surrogate pair, on which the original throws, goes to the original.
 */
import { createRequire } from 'node:module';

/** A word the trie found at a position: `k` the word, `v` its id. */
interface TrieMatch {
  k: string;
  v: number;
}

/** The parts of the dictionary's double-array trie the builder reads. */
interface Trie {
  traverse(parent: number, code: number): number;
  commonPrefixSearch(key: string): TrieMatch[] | null;
}

/** The parts of a token dictionary the builder reads. */
interface TokenDictionary {
  target_map: Record<number, ArrayLike<number | string>>;
  dictionary: { getShort(offset: number): number };
}

/** The parts of the unknown-word dictionary the builder reads. */
interface UnknownDictionary extends TokenDictionary {
  lookup(character: string): { class_id: number; class_name: string; is_always_invoke: number; is_grouping: number };
}

/** kuromoji's SurrogateAwareString: a string indexed by code point. */
interface SurrogateAwareString {
  readonly length: number;
  readonly index_mapping: number[];
  charAt(index: number): string;
  toString(): string;
}

interface ViterbiBuilder {
  trie: Trie;
  token_info_dictionary: TokenDictionary;
  unknown_dictionary: UnknownDictionary;
}

type Build = (this: ViterbiBuilder, sentence: string) => unknown;

interface Lattice {
  append(node: unknown): void;
  appendEos(): void;
}

/** The trie's root, and what `traverse` answers when there is no branch (doublearray's constants). */
const ROOT_ID = 0;
const NOT_FOUND = -1;
/** A high surrogate without its low half: kuromoji's UTF-8 encoder gives up on the whole text. */
const BROKEN_PAIR = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/;

// The copy of kuromoji that kuromojin, and so every rule, loads.
const kuromojinRequire = createRequire(createRequire(import.meta.url).resolve('kuromojin'));
const load = <T>(path: string): T => kuromojinRequire(`kuromoji/src/${path}`) as T;

/** The builder's prototype, where kuromoji's `build` lives. */
const builderPrototype = load<{ prototype: { build: Build } }>('viterbi/ViterbiBuilder.js').prototype;
const original: Build = builderPrototype.build;

/** Make every kuromoji tokenizer in this thread build its lattices in linear time (idempotent). */
export function installLinearLattice(): void {
  builderPrototype.build = linearBuild;
}

/** Put kuromoji's own builder back (for the tests that compare the two). */
export function uninstallLinearLattice(): void {
  builderPrototype.build = original;
}

/**
 * The number of UTF-16 units of `text` from `start` that the trie reads before it has no branch
 * (through the character where it stops), or the rest of the text.
 */
function prefixWindow(trie: Trie, text: string, start: number): number {
  let parent = ROOT_ID;
  let at = start;
  while (at < text.length) {
    let code = text.charCodeAt(at);
    let units = 1;
    if (code >= 0xd800 && code <= 0xdbff) {
      // BROKEN_PAIR sent any text where this is not a pair to the original.
      code = (code - 0xd800) * 0x400 + 0x10000 + (text.charCodeAt(at + 1) - 0xdc00);
      units = 2;
    }
    for (const byte of utf8(code)) {
      parent = trie.traverse(parent, byte);
      if (parent === NOT_FOUND) return at + units - start;
    }
    at += units;
  }
  return text.length - start;
}

/** A code point's UTF-8 bytes, as doublearray's encoder writes them. */
function utf8(code: number): number[] {
  if (code < 0x80) return [code];
  if (code < 0x800) return [(code >>> 6) | 0xc0, (code & 0x3f) | 0x80];
  if (code < 0x10000) return [(code >>> 12) | 0xe0, ((code >> 6) & 0x3f) | 0x80, (code & 0x3f) | 0x80];
  return [(code >>> 18) | 0xf0, ((code >> 12) & 0x3f) | 0x80, ((code >> 6) & 0x3f) | 0x80, (code & 0x3f) | 0x80];
}

const ViterbiLattice = load<new () => Lattice>('viterbi/ViterbiLattice.js');
const ViterbiNode =
  load<
    new (
      id: number,
      cost: number,
      start: number,
      length: number,
      type: 'KNOWN' | 'UNKNOWN',
      left: number,
      right: number,
      surface: string,
    ) => unknown
  >('viterbi/ViterbiNode.js');
const SurrogateAware = load<new (text: string) => SurrogateAwareString>('util/SurrogateAwareString.js');

/**
 * One lattice node for each dictionary entry under `mapKey` (a trie id for known words, a character
 * class for unknown ones), at code point `pos`, as kuromoji's builder makes them: the entry's cost,
 * left and right ids are shorts at offsets 4, 0 and 2.
 */
function appendNodes(
  lattice: Lattice,
  { target_map, dictionary }: TokenDictionary,
  mapKey: number,
  pos: number,
  length: number,
  surface: string,
  type: 'KNOWN' | 'UNKNOWN',
): void {
  const ids = target_map[mapKey]!;
  for (let index = 0; index < ids.length; index++) {
    const id = parseInt(String(ids[index]));
    lattice.append(
      new ViterbiNode(
        id,
        dictionary.getShort(id + 4),
        pos + 1,
        length,
        type,
        dictionary.getShort(id),
        dictionary.getShort(id + 2),
        surface,
      ),
    );
  }
}

/** kuromoji's ViterbiBuilder.prototype.build, step for step, without the copies of the rest of the text. */
function linearBuild(this: ViterbiBuilder, sentenceText: string): unknown {
  if (BROKEN_PAIR.test(sentenceText)) return original.call(this, sentenceText);
  const lattice = new ViterbiLattice();
  const sentence = new SurrogateAware(sentenceText);
  for (let pos = 0; pos < sentence.length; pos++) {
    const start = sentence.index_mapping[pos]!;
    const window = sentenceText.slice(start, start + prefixWindow(this.trie, sentenceText, start));
    const vocabulary = this.trie.commonPrefixSearch(window)!;
    for (const { k: key, v: trieId } of vocabulary)
      appendNodes(lattice, this.token_info_dictionary, trieId, pos, key.length, key, 'KNOWN');

    // Unknown words. The rest of the text, code point by code point, is the sentence's from `pos`.
    const restLength = sentence.length - pos;
    const headChar = new SurrogateAware(sentence.charAt(pos));
    const headClass = this.unknown_dictionary.lookup(headChar.toString());
    if (vocabulary.length === 0 || headClass.is_always_invoke === 1) {
      // As in the original: one character keeps its code-point length, a run becomes a string.
      let key: SurrogateAwareString | string = headChar;
      if (headClass.is_grouping === 1 && 1 < restLength) {
        for (let k = 1; k < restLength; k++) {
          const nextChar = sentence.charAt(pos + k);
          if (headClass.class_name !== this.unknown_dictionary.lookup(nextChar).class_name) break;
          key = `${key.toString()}${nextChar}`;
        }
      }
      appendNodes(lattice, this.unknown_dictionary, headClass.class_id, pos, key.length, key.toString(), 'UNKNOWN');
    }
  }
  lattice.appendEos();
  return lattice;
}
