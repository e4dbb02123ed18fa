/**
 * A micromark factory for the inside of an inline notation (a ruby base or reading, 傍点
 * text): characters up to a closing mark, on one line, tokenised later as nested Markdown text
 * so that notations can be nested (ruby inside 傍点, 縦中横 inside a ruby base), or as plain text
 * (a ruby reading), where only backslash escapes and character references are read.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes, constants, types } from 'micromark-util-symbol';
import type { Code, Effects, State, Token, TokenizeContext, TokenType } from 'micromark-util-types';
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
 * document before the end code fails. `constructs` are the tokenizer's (`this.parser.constructs`).
 */
export function factoryContent(
  constructs: TokenizeContext['parser']['constructs'],
  effects: Effects,
  ok: State,
  nok: State,
  type: TokenType,
  rules: ContentRules,
): State {
  let depth = 0;
  const chunk = rules.content === 'string' ? types.chunkString : types.chunkText;
  const inner = rules.content === 'string' ? constructs.string : constructs.text;
  // Content in which nothing could start a construct is one run of characters, as its nested
  // tokenizer would find: it is given as that `data` token at once. A nested tokenizer (and one
  // more pass over the document's events to run it) per ruby was most of a novel's parsing:
  // 明暗's 8,766 rubies cost 0.7 s of its 1.0 s (measured).
  let plain = !('null' in inner);
  let content: Token | undefined;
  return start;

  function start(code: Code): State | undefined {
    effects.enter(type);
    content = effects.enter(
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
      if (plain) asData(content!);
      effects.exit(type);
      return ok(code);
    }
    if (rules.nesting && code === rules.nesting[0]) depth++;
    else if (rules.nesting && code === rules.nesting[1] && depth > 0) depth--;
    // Only characters outside ASCII (no space, no ASCII mark or letter) that no construct starts with.
    if (plain && (code < 0x80 || code in inner)) plain = false;
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

/**
 * Make a content chunk the one `data` token its nested tokenizer would have made of it. The fields
 * are emptied, not deleted (micromark reads them as flags): a deleted field would leave the token
 * a slow object for every stage after.
 */
function asData(token: Token): void {
  token.type = types.data;
  token.contentType = undefined;
  token._contentTypeTextTrailing = undefined;
}
