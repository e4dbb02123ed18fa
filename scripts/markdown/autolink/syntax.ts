/**
 * Micromark extension for URL autolinks in running text (`https://…`, `www.…`), replacing GFM's
 * autolink literals for those two (its constructs are disabled by name; e-mail addresses stay
 * GFM's, as they already end at the first character outside `[-.\w]`). The rules are GFM's —
 * the domain, the trailing punctuation left out (`https://example.com.`), balanced parentheses
 * kept — with one difference: the address ends at the first character no URL holds
 * (characters.ts), instead of at the next space. A `www.` address may also start right after
 * Japanese text, as Japanese puts no space before it.
 */
import { asciiAlpha, asciiControl, markdownLineEndingOrSpace, unicodePunctuation } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type { Code, Construct, Effects, Event, Extension, State, TokenizeContext } from 'micromark-util-types';
import { endsUrl } from './characters.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    urlLiteral: 'urlLiteral';
    urlLiteralValue: 'urlLiteralValue';
  }
  interface Token {
    /** Set on a `urlLiteralValue` written `www.…`, whose URL gets `http://` in front. */
    _urlWww?: boolean;
    /** The character right after a `urlLiteral`, when it is a letter (see from-markdown.ts). */
    _urlFollowedBy?: string;
    /** GFM's mark on a token its bracket check has looked behind (see `previousUnbalanced`). */
    _gfmAutolinkLiteralWalkedInto?: boolean;
  }
}

const domain: Construct = { tokenize: tokenizeDomain, partial: true };
const path: Construct = { tokenize: tokenizePath, partial: true };
const trail: Construct = { tokenize: tokenizeTrail, partial: true };
const wwwPrefix: Construct = { tokenize: tokenizeWwwPrefix, partial: true };
const protocolLiteral: Construct = {
  name: 'urlLiteralProtocol',
  tokenize: tokenizeProtocol,
  previous: previousProtocol,
};
const wwwLiteral: Construct = { name: 'urlLiteralWww', tokenize: tokenizeWww, previous: previousWww };

/** Micromark extension: URL autolinks that end where the URL ends. */
export function autolinkLiteralSyntax(): Extension {
  return {
    text: {
      [codes.uppercaseH]: protocolLiteral,
      [codes.lowercaseH]: protocolLiteral,
      [codes.uppercaseW]: wwwLiteral,
      [codes.lowercaseW]: wwwLiteral,
    },
    // GFM's constructs for the same two forms (micromark-extension-gfm-autolink-literal).
    disable: { null: ['protocolAutolink', 'wwwAutolink'] },
  };
}

/** `http://` or `https://`, then a domain and a path. */
function tokenizeProtocol(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let scheme = '';
  let slashes = 0;
  const done = exitLiteral(effects, ok);
  return (code) => {
    if (previousUnbalanced(this.events)) return nok(code);
    effects.enter('urlLiteral');
    effects.enter('urlLiteralValue');
    return inScheme(code);
  };

  function inScheme(code: Code): State | undefined {
    if (code !== codes.eof && asciiAlpha(code) && scheme.length < 5) {
      scheme += String.fromCharCode(code).toLowerCase();
      effects.consume(code);
      return inScheme;
    }
    if (code === codes.colon && (scheme === 'http' || scheme === 'https')) {
      effects.consume(code);
      return inSlashes;
    }
    return nok(code);
  }

  function inSlashes(code: Code): State | undefined {
    if (code !== codes.slash) return nok(code);
    effects.consume(code);
    return ++slashes === 2 ? afterScheme : inSlashes;
  }

  function afterScheme(code: Code): State | undefined {
    if (endsUrl(code) || asciiControl(code) || unicodePunctuation(code)) return nok(code);
    return effects.attempt(domain, effects.attempt(path, done), nok)(code);
  }
}

/** `www.`, then the rest of a domain and a path; the URL gets `http://` in front. */
function tokenizeWww(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const done = exitLiteral(effects, ok);
  return (code) => {
    if (previousUnbalanced(this.events)) return nok(code);
    effects.enter('urlLiteral');
    effects.enter('urlLiteralValue')._urlWww = true;
    // Only checked: the `www.` is read again as the first labels of the domain.
    return effects.check(wwwPrefix, effects.attempt(domain, effects.attempt(path, done), nok), nok)(code);
  };
}

/** Close the literal and note a letter right after it. */
function exitLiteral(effects: Effects, ok: State): State {
  return (code) => {
    effects.exit('urlLiteralValue');
    const token = effects.exit('urlLiteral');
    if (code !== codes.eof && code > 0x7f) token._urlFollowedBy = String.fromCharCode(code);
    return ok(code);
  };
}

function tokenizeWwwPrefix(effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return function inPrefix(code: Code): State | undefined {
    if ((code === codes.uppercaseW || code === codes.lowercaseW) && size < 3) {
      size++;
      effects.consume(code);
      return inPrefix;
    }
    if (code === codes.dot && size === 3) {
      effects.consume(code);
      return (after: Code) => (endsUrl(after) ? nok(after) : ok(after));
    }
    return nok(code);
  };
}

/** Labels separated by dots; no `_` in the last two labels (GFM's rule). */
function tokenizeDomain(effects: Effects, ok: State, nok: State): State {
  let underscoreInLast = false;
  let underscoreInPenultimate = false;
  let seen = false;
  return inDomain;

  function inDomain(code: Code): State | undefined {
    if (code === codes.dot || code === codes.underscore) {
      return effects.check(trail, after, atPunctuation)(code);
    }
    if (endsUrl(code) || (code !== codes.dash && unicodePunctuation(code))) return after(code);
    seen = true;
    effects.consume(code);
    return inDomain;
  }

  function atPunctuation(code: Code): State | undefined {
    if (code === codes.underscore) {
      underscoreInLast = true;
    } else {
      underscoreInPenultimate = underscoreInLast;
      underscoreInLast = false;
    }
    effects.consume(code);
    return inDomain;
  }

  function after(code: Code): State | undefined {
    return underscoreInPenultimate || underscoreInLast || !seen ? nok(code) : ok(code);
  }
}

/** ASCII punctuation that ends an address only when nothing of the address follows it. */
const TRAILING = new Set([...`!"'),.:;?*_~`].map((char) => char.charCodeAt(0)));

/** Path, query and fragment: to the end of the URL, less trailing punctuation. */
function tokenizePath(effects: Effects, ok: State): State {
  let open = 0;
  let closed = 0;
  return inPath;

  function inPath(code: Code): State | undefined {
    if (code === codes.leftParenthesis) {
      open++;
      effects.consume(code);
      return inPath;
    }
    // A `)` that closes a `(` of the address belongs to it.
    if (code === codes.rightParenthesis && closed < open) return atPunctuation(code);
    if (code !== codes.eof && (TRAILING.has(code) || code === codes.ampersand || code === codes.rightSquareBracket)) {
      return effects.check(trail, ok, atPunctuation)(code);
    }
    if (endsUrl(code)) return ok(code);
    effects.consume(code);
    return inPath;
  }

  function atPunctuation(code: Code): State | undefined {
    if (code === codes.rightParenthesis) closed++;
    effects.consume(code);
    return inPath;
  }
}

/** Succeeds when the punctuation here runs to the end of the address: it is a trail, not part of it. */
function tokenizeTrail(effects: Effects, ok: State, nok: State): State {
  return inTrail;

  function inTrail(code: Code): State | undefined {
    if (code !== codes.eof && TRAILING.has(code)) {
      effects.consume(code);
      return inTrail;
    }
    // `&amp;`-like runs trail as a whole.
    if (code === codes.ampersand) {
      effects.consume(code);
      return referenceStart;
    }
    // `]` trails when a link's `(` or `[` or the end follows (GFM's fix of cmark-gfm #278).
    if (code === codes.rightSquareBracket) {
      effects.consume(code);
      return afterBracket;
    }
    return endsUrl(code) ? ok(code) : nok(code);
  }

  function afterBracket(code: Code): State | undefined {
    if (code === codes.leftParenthesis || code === codes.leftSquareBracket || endsUrl(code)) return ok(code);
    return inTrail(code);
  }

  function referenceStart(code: Code): State | undefined {
    return asciiAlpha(code) ? referenceInside(code) : nok(code);
  }

  function referenceInside(code: Code): State | undefined {
    if (code === codes.semicolon) {
      effects.consume(code);
      return inTrail;
    }
    if (!asciiAlpha(code)) return nok(code);
    effects.consume(code);
    return referenceInside;
  }
}

/** `http` starts an address anywhere but inside a word. */
function previousProtocol(code: Code): boolean {
  return !asciiAlpha(code);
}

/** `www.` starts an address after a space, GFM's marks, or Japanese text (which has no spaces). */
function previousWww(code: Code): boolean {
  return (
    code === codes.eof ||
    code === codes.leftParenthesis ||
    code === codes.asterisk ||
    code === codes.underscore ||
    code === codes.leftSquareBracket ||
    code === codes.rightSquareBracket ||
    code === codes.tilde ||
    markdownLineEndingOrSpace(code) ||
    (code > 0x7f && endsUrl(code))
  );
}

/**
 * Whether an unbalanced `[` or `![` comes before (GFM reads no autolink in a link's text). The
 * walk stops at a token an earlier call marked, so that each event is looked at once.
 */
function previousUnbalanced(events: Event[]): boolean {
  let index = events.length;
  let result = false;
  while (index--) {
    const token = events[index]![1];
    if ((token.type === 'labelLink' || token.type === 'labelImage') && !token._balanced) {
      result = true;
      break;
    }
    if (token._gfmAutolinkLiteralWalkedInto) break;
  }
  if (events.length > 0 && !result) events.at(-1)![1]._gfmAutolinkLiteralWalkedInto = true;
  return result;
}
