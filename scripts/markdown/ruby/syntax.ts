/**
 * Micromark extension for ruby (ルビ), in the three forms authors bring:
 *
 * - `{漢字|かんじ}`, `{漢字|かん|じ}` (でんでんマークダウン, VFM); the separator may also be a
 *   full-width `｜`, which is how ruby is written in a GFM table cell, where `|` separates cells;
 * - `｜漢字《かんじ》`, `|漢字《かんじ》` (青空文庫, なろう, カクヨム), where `｜《` is a literal 《;
 * - `漢字《かんじ》` with no bar, whose base is the run of kanji before `《`. The tokenizer only
 *   reads `《かんじ》`; the base is taken from the text before it when the tree is built.
 *
 * A reading is plain text, as in VFM: `{a|*b*}` reads `*b*` (backslash escapes and character
 * references still work). The base is Markdown text and may hold other notations.
 *
 * A `{…|…`, `｜…《…` or `…《…` that never closes on its line gets a one-character `rubyUnclosed`
 * token, so the rest of the line is read as usual and the error can name the place (whether a
 * bare `《` opened a ruby, which depends on the text before it, is decided when the tree is built).
 */
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { markdownLineEnding } from 'micromark-util-character';
import { isEscapable } from '../escapes/index.ts';
import { factoryContent } from '../text/factory-content.ts';
import { looksOf, type LineLook } from '../text/line-looks.ts';

/** `｜` FULLWIDTH VERTICAL LINE. */
const FULLWIDTH_BAR = 0xff5c;
/** `《` LEFT DOUBLE ANGLE BRACKET. */
export const OPEN_ANGLE = 0x300a;
/** `》` RIGHT DOUBLE ANGLE BRACKET. */
export const CLOSE_ANGLE = 0x300b;

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    ruby: 'ruby';
    rubyPlain: 'rubyPlain';
    rubyImplicit: 'rubyImplicit';
    rubyImplicitPlain: 'rubyImplicitPlain';
    rubyMarker: 'rubyMarker';
    rubyBase: 'rubyBase';
    rubyText: 'rubyText';
    rubyUnclosed: 'rubyUnclosed';
    rubyEscapeMarker: 'rubyEscapeMarker';
    rubyLookahead: 'rubyLookahead';
  }
  interface Token {
    /** Set on a `ruby` token whose base or one of whose readings is empty. */
    _rubyEmpty?: 'base' | 'reading';
  }
}

const isBar = (code: Code) => code === codes.verticalBar || code === FULLWIDTH_BAR;

const curly: Construct = { name: 'rubyCurly', tokenize: tokenizeCurly };
const plainBar: Construct = { name: 'rubyPlainBar', tokenize: tokenizePlainBar };
const bar: Construct = { name: 'rubyBar', tokenize: tokenizeBar };
const plainImplicit: Construct = { name: 'rubyPlainImplicit', tokenize: tokenizePlainImplicit };
const barEscape: Construct = { name: 'rubyBarEscape', tokenize: tokenizeBarEscape };
const implicit: Construct = { name: 'rubyImplicit', tokenize: tokenizeImplicit };
const unclosed: Construct = { name: 'rubyUnclosed', tokenize: tokenizeUnclosed };
const unclosedShape: Construct = { tokenize: tokenizeUnclosedShape, partial: true };

/**
 * Micromark extension: the ruby notations; in a 青空文庫 text (`aozora`) only its own, `｜漢字《かんじ》`
 * and `漢字《かんじ》`, so that a `{` or a `|` in the text is a character.
 */
export function rubySyntax(notation: 'all' | 'aozora' = 'all'): Extension {
  if (notation === 'aozora')
    return {
      text: {
        [FULLWIDTH_BAR]: [barEscape, plainBar, bar, unclosed],
        [OPEN_ANGLE]: [plainImplicit, implicit, unclosed],
      },
    };
  return {
    text: {
      [codes.leftCurlyBrace]: [curly, unclosed],
      [codes.verticalBar]: [barEscape, plainBar, bar, unclosed],
      [FULLWIDTH_BAR]: [barEscape, plainBar, bar, unclosed],
      // 傍点 (`《《`) is tried first: its extension is registered before this one.
      [OPEN_ANGLE]: [plainImplicit, implicit, unclosed],
    },
  };
}

/** `{base|reading|reading…}`. Empty parts are tokenised and flagged, so they can be reported. */
function tokenizeCurly(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const { constructs } = this.parser;
  let bars = 0;
  let empty: 'base' | 'reading' | undefined;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('ruby');
    effects.enter('rubyMarker');
    effects.consume(code);
    effects.exit('rubyMarker');
    return segment;
  }

  function segment(code: Code): State | undefined {
    if (isBar(code) || code === codes.rightCurlyBrace) {
      empty ??= bars === 0 ? 'base' : 'reading';
      return delimiter(code);
    }
    return factoryContent(constructs, effects, delimiter, nok, bars === 0 ? 'rubyBase' : 'rubyText', {
      isEnd: (c) => isBar(c) || c === codes.rightCurlyBrace,
      isForbidden: (c) => c === codes.leftCurlyBrace,
      content: bars === 0 ? 'text' : 'string',
    })(code);
  }

  function delimiter(code: Code): State | undefined {
    if (code === codes.rightCurlyBrace && bars === 0) return nok(code);
    effects.enter('rubyMarker');
    effects.consume(code);
    effects.exit('rubyMarker');
    if (isBar(code)) {
      bars++;
      return segment;
    }
    const token = effects.exit('ruby');
    if (empty) token._rubyEmpty = empty;
    return ok;
  }
}

/** `｜base《reading》` and `|base《reading》`. */
function tokenizeBar(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const { constructs } = this.parser;
  let empty = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('ruby');
    effects.enter('rubyMarker');
    effects.consume(code);
    effects.exit('rubyMarker');
    return factoryContent(constructs, effects, open, nok, 'rubyBase', {
      isEnd: (c) => c === OPEN_ANGLE,
      isForbidden: (c) => isBar(c) || c === CLOSE_ANGLE,
    });
  }

  function open(code: Code): State | undefined {
    effects.enter('rubyMarker');
    effects.consume(code);
    effects.exit('rubyMarker');
    return reading;
  }

  function reading(code: Code): State | undefined {
    if (code === CLOSE_ANGLE) {
      empty = true;
      return close(code);
    }
    return factoryContent(constructs, effects, close, nok, 'rubyText', {
      isEnd: (c) => c === CLOSE_ANGLE,
      isForbidden: (c) => c === OPEN_ANGLE,
      content: 'string',
    })(code);
  }

  function close(code: Code): State | undefined {
    effects.enter('rubyMarker');
    effects.consume(code);
    effects.exit('rubyMarker');
    const token = effects.exit('ruby');
    if (empty) token._rubyEmpty = 'reading';
    return ok;
  }
}

/**
 * Whether a code of a ruby's base (`text`) or reading (`string`) is plain: a character outside
 * ASCII that starts no construct of that content, so that the nested tokenizer would read a run
 * of such characters as one `data` token (text/factory-content.ts takes the same shortcut).
 */
function plainIn(constructs: TokenizeContext['parser']['constructs']['text'], code: Code): boolean {
  return code !== codes.eof && code >= 0x80 && !(code in constructs) && !('null' in constructs);
}

/**
 * `｜base《reading》` whose base and reading are plain (`plainIn`), the usual ruby: one `rubyPlain`
 * token, from which the tree is built with the parts the full form gives (from-markdown.ts). The
 * full form makes tokens of the marks, the base, the reading and their text: ten events for every
 * ruby, which were most of what reading 明暗 (8,766 rubies) cost beyond CommonMark. Anything else
 * fails here, and the full form (`tokenizeBar`) reads it.
 */
function tokenizePlainBar(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const { text, string } = this.parser.constructs;
  let base = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('rubyPlain');
    effects.consume(code);
    return inBase;
  }

  function inBase(code: Code): State | undefined {
    if (code === OPEN_ANGLE && base > 0) {
      effects.consume(code);
      return plainReading(string, effects, 'rubyPlain', ok, nok);
    }
    if (!plainIn(text, code) || isBar(code) || code === CLOSE_ANGLE) return nok(code);
    base++;
    effects.consume(code);
    return inBase;
  }
}

/** `《reading》` with a plain reading (`plainIn`), as one `rubyImplicitPlain` token; else `tokenizeImplicit` reads it. */
function tokenizePlainImplicit(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const { string } = this.parser.constructs;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('rubyImplicitPlain');
    effects.consume(code);
    return plainReading(string, effects, 'rubyImplicitPlain', ok, nok);
  }
}

/** A plain ruby's reading after its `《`, then its `》`, which ends the token `type` the ruby is. */
function plainReading(
  constructs: TokenizeContext['parser']['constructs']['string'],
  effects: Effects,
  type: 'rubyPlain' | 'rubyImplicitPlain',
  ok: State,
  nok: State,
): State {
  let reading = 0;
  return inReading;

  function inReading(code: Code): State | undefined {
    if (code === CLOSE_ANGLE && reading > 0) {
      effects.consume(code);
      effects.exit(type);
      return ok;
    }
    if (!plainIn(constructs, code) || code === OPEN_ANGLE || code === CLOSE_ANGLE) return nok(code);
    reading++;
    effects.consume(code);
    return inReading;
  }
}

/** `｜《`: the bar is dropped and the `《` is a literal character that opens nothing. */
function tokenizeBarEscape(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('rubyEscapeMarker');
    effects.consume(code);
    effects.exit('rubyEscapeMarker');
    return bracket;
  }

  function bracket(code: Code): State | undefined {
    if (code !== OPEN_ANGLE) return nok(code);
    effects.enter('data');
    effects.consume(code);
    effects.exit('data');
    return ok;
  }
}

/** `《reading》` after some text; whether the text ends in kanji is decided when the tree is built. */
function tokenizeImplicit(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const { constructs } = this.parser;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('rubyImplicit');
    effects.enter('rubyMarker');
    effects.consume(code);
    effects.exit('rubyMarker');
    return reading;
  }

  function reading(code: Code): State | undefined {
    // `《《` is 傍点 (or, unclosed, plain text); `《》` is two brackets.
    if (code === OPEN_ANGLE || code === CLOSE_ANGLE) return nok(code);
    return factoryContent(constructs, effects, close, nok, 'rubyText', {
      isEnd: (c) => c === CLOSE_ANGLE,
      isForbidden: (c) => c === OPEN_ANGLE,
      content: 'string',
    })(code);
  }

  function close(code: Code): State | undefined {
    effects.enter('rubyMarker');
    effects.consume(code);
    effects.exit('rubyMarker');
    effects.exit('rubyImplicit');
    return ok;
  }
}

/** The opening mark of a ruby that never closes on its line, as one token. */
function tokenizeUnclosed(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return (code) => effects.check(unclosedShape, mark, nok)(code);

  function mark(code: Code): State | undefined {
    effects.enter('rubyUnclosed');
    effects.consume(code);
    effects.exit('rubyUnclosed');
    return ok;
  }
}

/**
 * Look ahead for the shape of an unclosed ruby: `{` base `|` …, `｜` base `《` … or `《` …, then
 * the end of the line with no closing `}` or `》`. A `｜《` on the way is a literal `《`, which
 * opens nothing.
 */
function tokenizeUnclosedShape(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const looks = looksOf(this);
  let separator: number | undefined;
  let closing: number;
  let seenSeparator = false;
  let previous: Code = codes.eof;
  let kind: string;
  let look: Omit<LineLook, 'to' | 'closed'>;
  return start;

  function start(code: Code): State | undefined {
    if (code === codes.leftCurlyBrace) [separator, closing] = [codes.verticalBar, codes.rightCurlyBrace];
    else if (code === OPEN_ANGLE) [separator, closing, seenSeparator] = [undefined, CLOSE_ANGLE, true];
    else [separator, closing] = [OPEN_ANGLE, CLOSE_ANGLE];
    kind = `ruby${String.fromCharCode(code === codes.verticalBar ? FULLWIDTH_BAR : code!)}`;
    effects.enter('rubyLookahead');
    effects.consume(code);
    return code === OPEN_ANGLE ? notBouten : begin;
  }

  /** `《《` is 傍点's to read, closed or not. */
  function notBouten(code: Code): State | undefined {
    return code === OPEN_ANGLE ? nok(code) : begin(code);
  }

  /** A look an earlier mark of the line made from before here answers for this one (text/line-looks.ts). */
  function begin(code: Code): State | undefined {
    const { line, offset } = looks.here();
    const kept = looks.recall(kind, line, offset);
    if (kept) {
      if (kept.closed || (separator !== undefined && kept.lastSeparator < offset)) return nok(code);
      effects.exit('rubyLookahead');
      return ok(code);
    }
    look = { line, from: offset, lastSeparator: -1 };
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code)) {
      looks.keep(kind, { ...look, to: looks.here().offset, closed: false });
      effects.exit('rubyLookahead');
      return seenSeparator ? ok(code) : nok(code);
    }
    if (code === codes.backslash) {
      effects.consume(code);
      return afterBackslash;
    }
    if (code === closing) {
      looks.keep(kind, { ...look, to: looks.here().offset, closed: true });
      return nok(code);
    }
    const literal = code === OPEN_ANGLE && isBar(previous);
    if ((code === separator && !literal) || (separator === codes.verticalBar && code === FULLWIDTH_BAR)) {
      seenSeparator = true;
      look.lastSeparator = looks.here().offset;
    }
    previous = code;
    effects.consume(code);
    return inside;
  }

  /** An escaped mark (`\}`, `\《`) neither separates nor closes. */
  function afterBackslash(code: Code): State | undefined {
    previous = codes.eof;
    if (!isEscapable(code)) return inside(code);
    effects.consume(code);
    return inside;
  }
}
