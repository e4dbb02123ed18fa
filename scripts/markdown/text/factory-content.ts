/**
 * A micromark factory for the inside of an inline notation (a ruby base or reading, 傍点
 * text): characters up to a closing mark, on one line, tokenised later as nested Markdown text
 * so that notations can be nested (ruby inside 傍点, 縦中横 inside a ruby base), or as plain text
 * (a ruby reading), where only backslash escapes and character references are read.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Effects, State, TokenType } from 'micromark-util-types';
import { isEscapable } from '../escapes/index.ts';

/** What ends and what breaks the content. */
export interface ContentRules {
  /** The code that ends the content (at nesting depth 0). */
  isEnd: (code: Code) => boolean;
  /** Codes that cannot occur inside: the notation is then not this notation. */
  isForbidden?: (code: Code) => boolean;
  /** A pair of codes that nest (`《` `》` inside 傍点), so that an inner closing mark does not end it. */
  nesting?: readonly [open: number, close: number];
  /** `text` (the default): Markdown inside is read; `string`: plain text, as in a link title. */
  content?: 'text' | 'string';
}

/**
 * Tokenise content of `type` up to the end code, which is left for the caller. The content
 * must not be empty (the caller checks the first code); a line ending or the end of the
 * document before the end code fails.
 */
export function factoryContent(effects: Effects, ok: State, nok: State, type: TokenType, rules: ContentRules): State {
  let depth = 0;
  const chunk = rules.content === 'string' ? types.chunkString : types.chunkText;
  return start;

  function start(code: Code): State | undefined {
    effects.enter(type);
    effects.enter(
      chunk,
      rules.content === 'string'
        ? { contentType: constants.contentTypeString }
        : { contentType: constants.contentTypeText, _contentTypeTextTrailing: true },
    );
    return inside(code);
  }

  function inside(code: Code): State | undefined {
    if (code === codes.eof || markdownLineEnding(code) || rules.isForbidden?.(code)) return nok(code);
    if (depth === 0 && rules.isEnd(code)) {
      effects.exit(chunk);
      effects.exit(type);
      return ok(code);
    }
    if (rules.nesting && code === rules.nesting[0]) depth++;
    else if (rules.nesting && code === rules.nesting[1] && depth > 0) depth--;
    effects.consume(code);
    return code === codes.backslash ? escaped : inside;
  }

  // A backslash escape (`\|`, `\}`, `\》`) keeps the escaped mark from ending the content.
  function escaped(code: Code): State | undefined {
    if (isEscapable(code)) {
      effects.consume(code);
      return inside;
    }
    return inside(code);
  }
}
