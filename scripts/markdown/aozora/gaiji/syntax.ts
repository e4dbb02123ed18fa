/**
 * Micromark extension for 外字 annotations, `※［＃「にんべん＋參」、第4水準2-1-79］`: the mark and
 * the annotation after it are one token, read as the character it names when the tree is built.
 * It is read in text and in plain-text content (a ruby reading), where a 外字 may also stand.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { bracketLook } from '../../text/line-looks.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    aozoraGaiji: 'aozoraGaiji';
  }
}

/** `※` REFERENCE MARK. */
const MARK = 0x203b;
/** `［` FULLWIDTH LEFT SQUARE BRACKET. */
const OPEN = 0xff3b;
/** `］` FULLWIDTH RIGHT SQUARE BRACKET. */
const CLOSE = 0xff3d;
/** `＃` FULLWIDTH NUMBER SIGN. */
const HASH = 0xff03;

const gaiji: Construct = { name: 'aozoraGaiji', tokenize: tokenizeGaiji };

/** Micromark extension: `※［＃…］`. */
export function gaijiSyntax(): Extension {
  return { text: { [MARK]: gaiji }, string: { [MARK]: gaiji } };
}

function tokenizeGaiji(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const bracket = bracketLook(this);
  let depth = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('aozoraGaiji');
    effects.consume(code);
    return open;
  }

  function open(code: Code): State | undefined {
    if (code !== OPEN) return nok(code);
    effects.consume(code);
    return hash;
  }

  function hash(code: Code): State | undefined {
    if (code !== HASH) return nok(code);
    effects.consume(code);
    return begin;
  }

  /** A look from an earlier bracket of the line passed no `］` after here: this one cannot close (text/line-looks.ts). */
  function begin(code: Code): State | undefined {
    return bracket.cannotClose() ? nok(code) : value(code);
  }

  function value(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      bracket.ended();
      return nok(code);
    }
    if (code === CLOSE && depth === 0) {
      effects.consume(code);
      effects.exit('aozoraGaiji');
      return ok;
    }
    if (code === OPEN) depth++;
    if (code === CLOSE) {
      depth--;
      bracket.passedClose();
    }
    effects.consume(code);
    return value;
  }
}
