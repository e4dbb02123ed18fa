/**
 * Micromark extension for explicit 縦中横, `^12^` (でんでんマークダウン). The content is 1 to 4
 * half-width characters with at least one letter, digit, `!` or `?`, so that face marks such as
 * `(^_^)` and `(^^)` stay text.
 */
import { asciiAlphanumeric } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    tcy: 'tcy';
    tcyMarker: 'tcyMarker';
    tcyValue: 'tcyValue';
  }
}

/** The most characters 縦中横 can hold and stay readable. */
const MAX_TCY_LENGTH = 4;

const tcy: Construct = { name: 'tcy', tokenize: tokenizeTcy };

/** Micromark extension: `^12^`. */
export function tcySyntax(): Extension {
  return { text: { [codes.caret]: tcy } };
}

function tokenizeTcy(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  let meaningful = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('tcy');
    effects.enter('tcyMarker');
    effects.consume(code);
    effects.exit('tcyMarker');
    return first;
  }

  function first(code: Code): State | undefined {
    if (!isContent(code)) return nok(code);
    effects.enter('tcyValue');
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.caret && size > 0 && meaningful) {
      effects.exit('tcyValue');
      effects.enter('tcyMarker');
      effects.consume(code);
      effects.exit('tcyMarker');
      effects.exit('tcy');
      return ok;
    }
    if (!isContent(code) || ++size > MAX_TCY_LENGTH) return nok(code);
    if (asciiAlphanumeric(code) || code === codes.exclamationMark || code === codes.questionMark) meaningful = true;
    effects.consume(code);
    return inside;
  }
}

/** Printable half-width characters other than the marker and spaces. */
function isContent(code: Code): boolean {
  return code !== null && code > codes.space && code < codes.del && code !== codes.caret;
}
