/**
 * Micromark extension for 青空文庫 annotations, `［＃…］`. What an annotation means is worked
 * out on the tree, because most refer to the text before them (`［＃「X」に傍点］`) or to whole
 * lines (`［＃ここから２字下げ］`). Brackets inside nest: `［＃「［」に傍点］`.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { bracketLook } from '../text/line-looks.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    aozoraAnnotation: 'aozoraAnnotation';
    aozoraAnnotationMarker: 'aozoraAnnotationMarker';
    aozoraAnnotationValue: 'aozoraAnnotationValue';
    aozoraAnnotationUnclosed: 'aozoraAnnotationUnclosed';
  }
}

/** `［` FULLWIDTH LEFT SQUARE BRACKET. */
const OPEN = 0xff3b;
/** `］` FULLWIDTH RIGHT SQUARE BRACKET. */
const CLOSE = 0xff3d;
/** `＃` FULLWIDTH NUMBER SIGN. */
const HASH = 0xff03;

const annotation: Construct = { name: 'aozoraAnnotation', tokenize: tokenizeAnnotation };
const unclosed: Construct = { name: 'aozoraAnnotationUnclosed', tokenize: tokenizeUnclosed };

/** Micromark extension: `［＃…］`. */
export function aozoraSyntax(): Extension {
  return { text: { [OPEN]: [annotation, unclosed] } };
}

function tokenizeAnnotation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const bracket = bracketLook(this);
  let depth = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('aozoraAnnotation');
    effects.enter('aozoraAnnotationMarker');
    effects.consume(code);
    return hash;
  }

  function hash(code: Code): State | undefined {
    if (code !== HASH) return nok(code);
    effects.consume(code);
    effects.exit('aozoraAnnotationMarker');
    return valueStart;
  }

  function valueStart(code: Code): State | undefined {
    // A look from an earlier bracket of the line passed no `］` after here: this one cannot close
    // (text/line-looks.ts; a line of many open brackets was quadratic).
    if (bracket.cannotClose()) return nok(code);
    if (code === CLOSE) return close(code);
    effects.enter('aozoraAnnotationValue');
    return value(code);
  }

  function value(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      bracket.ended();
      return nok(code);
    }
    if (code === CLOSE && depth === 0) {
      effects.exit('aozoraAnnotationValue');
      return close(code);
    }
    if (code === OPEN) depth++;
    if (code === CLOSE) {
      depth--;
      bracket.passedClose();
    }
    effects.consume(code);
    return value;
  }

  function close(code: Code): State | undefined {
    effects.enter('aozoraAnnotationMarker');
    effects.consume(code);
    effects.exit('aozoraAnnotationMarker');
    effects.exit('aozoraAnnotation');
    return ok;
  }
}

/** `［＃` with no closing `］` on its line: the two characters as one token, to warn about. */
function tokenizeUnclosed(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('aozoraAnnotationUnclosed');
    effects.consume(code);
    return hash;
  }

  function hash(code: Code): State | undefined {
    if (code !== HASH) return nok(code);
    effects.consume(code);
    effects.exit('aozoraAnnotationUnclosed');
    return ok;
  }
}
