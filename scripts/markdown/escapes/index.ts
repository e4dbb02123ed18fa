/**
 * Backslash escapes for the Japanese notations' marks: `\｜`, `\《`, `\》` and `\［` print the mark
 * and open nothing, as CommonMark's `\{`, `\*` and `\[` do for ASCII marks. CommonMark escapes
 * ASCII punctuation only, so without this a `｜` or `《` the author means as a character could
 * not be told from a ruby left open (an error: scripts/markdown/notation-rules.ts).
 *
 * The escape is read as CommonMark's own (`characterEscape` tokens), so every later stage (the
 * tree's positions, proofreading's projection) treats it as one. Markdown only: in a 青空文庫
 * text a backslash is a character.
 */
import { asciiPunctuation } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

/** The marks a backslash escapes besides CommonMark's: ｜ 《 》 ［. */
const ESCAPABLE = new Set([0xff5c, 0x300a, 0x300b, 0xff3b]);

/** Whether a backslash before `code` escapes it: ASCII punctuation (CommonMark's), or a notation mark of ours. */
export function isEscapable(code: Code): boolean {
  return asciiPunctuation(code) || (code !== null && ESCAPABLE.has(code));
}

const notationEscape: Construct = { name: 'notationEscape', tokenize: tokenizeNotationEscape };

function tokenizeNotationEscape(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('characterEscape');
    effects.enter('escapeMarker');
    effects.consume(code);
    effects.exit('escapeMarker');
    return mark;
  }

  function mark(code: Code): State | undefined {
    if (code === null || !ESCAPABLE.has(code)) return nok(code);
    effects.enter('characterEscapeValue');
    effects.consume(code);
    effects.exit('characterEscapeValue');
    effects.exit('characterEscape');
    return ok;
  }
}

/** Micromark extension: the notation marks' backslash escapes, tried before CommonMark's. */
function notationEscapes(): Extension {
  // In text and in strings (a ruby reading), as CommonMark's own escapes are.
  return { text: { [codes.backslash]: notationEscape }, string: { [codes.backslash]: notationEscape } };
}

/** Remark plugin: read `\｜`, `\《`, `\》` and `\［` as the marks themselves. */
export function remarkNotationEscapes(this: Processor) {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(notationEscapes());
}
