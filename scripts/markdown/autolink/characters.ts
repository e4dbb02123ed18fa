/**
 * Where a URL written in running text ends. A URL (RFC 3986 §2) is made of ASCII letters, digits
 * and `-._~:/?#[]@!$&'()*+,;=%`; GFM's autolink literal goes on to the next space, which in
 * Japanese, written without spaces, swallows the sentence after the address
 * (`青空文庫（http://www.aozora.gr.jp/）で作られました。` linked `…/）で作られました。`).
 */
import { markdownLineEndingOrSpace, unicodeWhitespace } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code } from 'micromark-util-types';

// ASCII that a URI cannot hold (RFC 3986 §2: `"<>\^`{|}`), among them the openers of our
// notations (ruby `{…|…}` and `|…《…》`, 縦中横 `^…^`), so a notation right after an address
// is read as the notation.
const NOT_IN_URI = new Set([...'"<>\\^`{|}'].map((char) => char.charCodeAt(0)));

// Outside ASCII, an address goes on through letters of alphabetic scripts (an IRI such as
// `https://de.wikipedia.org/wiki/Straße`), and ends at Japanese, Chinese and Korean text,
// full-width and half-width forms, and any punctuation, symbol, space or format character. The
// halves of a surrogate pair end it too: no address is written with characters outside the BMP.
const ENDS_OUTSIDE_ASCII =
  /[\p{P}\p{S}\p{Z}\p{C}\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}\u2e80-\u33ff\ufe30-\ufe4f\uff00-\uffef]/u;

// Kanji and katakana (and hangul) letters: an address followed directly by one of these may have
// meant to go on (`https://ja.wikipedia.org/wiki/夏目漱石`), which is worth a word to the author.
// Hiragana is left out: it is the particle after an address (`https://example.com/を参照`).
const CJK_LETTER = /^(?=\p{L})[\p{scx=Han}\p{scx=Katakana}\p{scx=Hangul}]$/u;

/** Whether a character ends a URL written in running text (the end of the text does too). */
export function endsUrl(code: Code): boolean {
  if (code === codes.eof || markdownLineEndingOrSpace(code) || unicodeWhitespace(code)) return true;
  if (code < 0x80) return NOT_IN_URI.has(code) || code < codes.space || code === codes.del;
  return ENDS_OUTSIDE_ASCII.test(String.fromCharCode(code));
}

/** Whether a character is a kanji, katakana or hangul letter (not punctuation, not hiragana). */
export function isCjkLetter(char: string): boolean {
  return CJK_LETTER.test(char);
}
