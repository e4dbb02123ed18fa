/**
 * Micromark extension for カクヨム's 傍点 `《《傍点》》`. The text inside may hold ruby
 * (`《《｜漢字《かんじ》》》`): single `《` `》` pairs nest, so the first `》》` at the outer level
 * closes it.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { CLOSE_ANGLE, OPEN_ANGLE } from '../ruby/syntax.ts';
import { isEscapable } from '../escapes/index.ts';
import { factoryContent } from '../text/factory-content.ts';
import { looksOf, type LineLook } from '../text/line-looks.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    bouten: 'bouten';
    boutenMarker: 'boutenMarker';
    boutenText: 'boutenText';
    boutenUnclosed: 'boutenUnclosed';
    boutenLookahead: 'boutenLookahead';
  }
  interface Token {
    /** Set on a `bouten` token with nothing between `《《` and `》》`. */
    _boutenEmpty?: boolean;
  }
}

const bouten: Construct = { name: 'bouten', tokenize: tokenizeBouten };
/** The looks for a `》》` kept per line (text/line-looks.ts). */
const LOOK = 'bouten';
const unclosed: Construct = { name: 'boutenUnclosed', tokenize: tokenizeUnclosed };
const unclosedShape: Construct = { tokenize: tokenizeUnclosedShape, partial: true };

/** Micromark extension: `《《傍点》》`. Register it before the ruby extension, which also starts at `《`. */
export function boutenSyntax(): Extension {
  return { text: { [OPEN_ANGLE]: [bouten, unclosed] } };
}

function tokenizeBouten(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const looks = looksOf(this);
  const { constructs } = this.parser;
  let empty = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('bouten');
    effects.enter('boutenMarker');
    effects.consume(code);
    return second;
  }

  function second(code: Code): State | undefined {
    if (code !== OPEN_ANGLE) return nok(code);
    effects.consume(code);
    effects.exit('boutenMarker');
    return content;
  }

  function content(code: Code): State | undefined {
    // A look from an earlier `《《` of the line found no `》》` from here to its end: this one cannot
    // close, and reading on to the end to find so again made a line of many marks quadratic.
    const { line, offset } = looks.here();
    if (looks.recall(LOOK, line, offset)?.closed === false) return nok(code);
    if (code === CLOSE_ANGLE) {
      empty = true;
      return close(code);
    }
    return factoryContent(constructs, effects, close, nok, 'boutenText', {
      isEnd: (c) => c === CLOSE_ANGLE,
      nesting: [OPEN_ANGLE, CLOSE_ANGLE],
    })(code);
  }

  function close(code: Code): State | undefined {
    effects.enter('boutenMarker');
    effects.consume(code);
    return closeSecond;
  }

  function closeSecond(code: Code): State | undefined {
    if (code !== CLOSE_ANGLE) return nok(code);
    effects.consume(code);
    effects.exit('boutenMarker');
    const token = effects.exit('bouten');
    if (empty) token._boutenEmpty = true;
    return ok;
  }
}

/** `《《` with no `》》` after it on the line: its first `《` as one token, to warn about. */
function tokenizeUnclosed(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return (code) => effects.check(unclosedShape, mark, nok)(code);

  function mark(code: Code): State | undefined {
    effects.enter('boutenUnclosed');
    effects.consume(code);
    effects.exit('boutenUnclosed');
    return ok;
  }
}

function tokenizeUnclosedShape(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const looks = looksOf(this);
  let previous: Code = codes.eof;
  let look: Pick<LineLook, 'line' | 'from'>;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('boutenLookahead');
    effects.consume(code);
    return second;
  }

  function second(code: Code): State | undefined {
    if (code !== OPEN_ANGLE) return nok(code);
    effects.consume(code);
    return begin;
  }

  /** A look an earlier `《《` of the line made from before here answers for this one (text/line-looks.ts). */
  function begin(code: Code): State | undefined {
    const { line, offset } = looks.here();
    const kept = looks.recall(LOOK, line, offset);
    if (kept?.closed) return nok(code);
    if (kept) {
      effects.exit('boutenLookahead');
      return ok(code);
    }
    look = { line, from: offset };
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      looks.keep(LOOK, { ...look, to: looks.here().offset, closed: false, lastSeparator: -1 });
      effects.exit('boutenLookahead');
      return ok(code);
    }
    if (code === CLOSE_ANGLE && previous === CLOSE_ANGLE) {
      // Kept at the pair's first `》`: a look from after it would not see the pair.
      looks.keep(LOOK, { ...look, to: looks.here().offset - 1, closed: true, lastSeparator: -1 });
      return nok(code);
    }
    previous = code;
    effects.consume(code);
    return code === codes.backslash ? escaped : inside;
  }

  /** An escaped `》` closes nothing. */
  function escaped(code: Code): State | undefined {
    previous = codes.eof;
    if (!isEscapable(code)) return inside(code);
    effects.consume(code);
    return inside;
  }
}
