/**
 * 青空文庫's アクセント分解: Latin letters with accents, which Shift_JIS lacks, are written as the
 * letter and a mark (`e'` é, `a\`` à, `o:` ö, `c,` ç, `ae&` æ, `s&` ß, …) inside 〔〕, which are
 * not printed: `〔Cafe' au lait〕` is `Café au lait`. 〔〕 around text with no such pair are
 * brackets of the text, and stay. Read as one token and made into the text it stands for.
 */
import { markdownLineEnding } from 'micromark-util-character';
import { codes } from 'micromark-util-symbol';
import type {
  Code,
  Construct,
  Effects,
  Extension as MicromarkExtension,
  State,
  TokenizeContext,
} from 'micromark-util-types';
import type { Extension } from 'mdast-util-from-markdown';
import type { Parent, Text } from 'mdast';
import { pointOf, positionOfToken } from '../text/points.ts';
import { appendSubstitution } from '../text/substitutions.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    aozoraAccent: 'aozoraAccent';
  }
}

/** `〔` and `〕`. */
const OPEN = 0x3014;
const CLOSE = 0x3015;

/** The marks, as combining characters; the letters they go on are those of the 注記一覧's table. */
const MARKS: Record<string, [letters: string, combining: string]> = {
  '`': ['AEIOUaeiou', '\u0300'],
  "'": ['AEIOUYaeiouy', '\u0301'],
  '^': ['AEIOUaeiou', '\u0302'],
  '~': ['ANOano', '\u0303'],
  ':': ['AEIOUaeiouy', '\u0308'],
  '&': ['Aa', '\u030A'],
  _: ['AEIOUaeiou', '\u0304'],
  ',': ['Cc', '\u0327'],
};
const SPECIAL: Record<string, string> = {
  'AE&': 'Æ',
  'ae&': 'æ',
  'OE&': 'Œ',
  'oe&': 'œ',
  's&': 'ß',
  'O/': 'Ø',
  'o/': 'ø',
  '!@': '¡',
  '?@': '¿',
};
const PAIR = /AE&|ae&|OE&|oe&|s&|[Oo]\/|[!?]@|[A-Za-z][`'^~:&_,]/g;

/** The text of 〔…〕 with its pairs made into letters, or `undefined` when it holds none. */
function decomposedAccents(inside: string): string | undefined {
  let found = false;
  const text = inside.replace(PAIR, (pair) => {
    const special = SPECIAL[pair];
    const [letters, combining] = MARKS[pair.at(-1)!] ?? ['', ''];
    const made = special ?? (letters.includes(pair[0]!) ? `${pair[0]}${combining}`.normalize('NFC') : undefined);
    if (made) found = true;
    return made ?? pair;
  });
  return found ? text : undefined;
}

const accent: Construct = { name: 'aozoraAccent', tokenize: tokenizeAccent };

/** Micromark extension: `〔…〕` holding accent pairs. */
export function accentSyntax(): MicromarkExtension {
  return { text: { [OPEN]: accent } };
}

function tokenizeAccent(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let inside = '';
  return start;

  function start(code: Code): State | undefined {
    effects.enter('aozoraAccent');
    effects.consume(code);
    return value;
  }

  function value(code: Code): State | undefined {
    // Other notations inside (ruby, annotations, 外字) are left to their own readers.
    if (code === codes.eof || markdownLineEnding(code) || code === OPEN || code === 0xff3b || code === 0x300a)
      return nok(code);
    if (code === CLOSE) {
      if (decomposedAccents(inside) === undefined) return nok(code);
      effects.consume(code);
      effects.exit('aozoraAccent');
      return ok;
    }
    // micromark writes a tab as a tab code and virtual spaces (negative codes).
    if (code === codes.horizontalTab) inside += '\t';
    else if (code >= 0) inside += String.fromCodePoint(code);
    effects.consume(code);
    return value;
  }
}

/** From-markdown extension: `〔…〕` with accent pairs to its text. */
export function accentFromMarkdown(): Extension {
  return {
    exit: {
      aozoraAccent(token) {
        const written = this.sliceSerialize(token);
        const parent = this.stack.at(-1) as Parent;
        let tail = parent.children.at(-1);
        if (tail?.type !== 'text') {
          tail = { type: 'text', value: '', position: positionOfToken(token) } satisfies Text;
          parent.children.push(tail);
        }
        appendSubstitution(tail, decomposedAccents(written.slice(1, -1)) ?? written, written.length);
        tail.position!.end = pointOf(token.end);
      },
    },
  };
}
