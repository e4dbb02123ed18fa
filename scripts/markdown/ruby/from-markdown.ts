/**
 * mdast-util-from-markdown extension for ruby: builds `ruby` nodes from the tokens of
 * `rubySyntax`, and finds the base of `漢字《かんじ》` in the text before it.
 */
import type { Parent, PhrasingContent, Text } from 'mdast';
import type { Point } from 'unist';
import type { CompileContext, Extension, Handle } from 'mdast-util-from-markdown';
import type { Token } from 'micromark-util-types';
import { recordSyntaxProblem } from '../syntax-problems.ts';
import { aozoraCharType, isKanji } from '../text/characters.ts';
import { pointOf, positionOfToken, shiftPoint } from '../text/points.ts';
import { sliceSubstitutions, sourceLengthOfEnd } from '../text/substitutions.ts';
import type { Ruby } from './types.ts';

declare module 'mdast-util-from-markdown' {
  interface CompileData {
    /** The line of the last ruby left open: the marks after it on that line are part of the same mistake. */
    rubyUnclosedLine?: number;
  }
}

/** Which run of characters before `《` is the base of a ruby written without a bar. */
export type ImplicitBase = 'kanji' | 'aozora';

/**
 * From-markdown extension: ruby tokens to `ruby` nodes. The base of `…《reading》` is the run of
 * kanji before it (`kanji`), or, in a 青空文庫 text (`aozora`), the run of characters of the same
 * kind: kanji, hiragana, katakana, full-width or half-width letters and digits.
 */
export function rubyFromMarkdown(base: ImplicitBase = 'kanji'): Extension {
  const exitImplicit = implicitExit(base);
  return {
    enter: {
      ruby: enterRuby,
      rubyPlain: enterRuby,
      rubyImplicit: enterRuby,
      rubyImplicitPlain: enterRuby,
      rubyBase(token) {
        this.enter({ type: 'rubyBase', children: [] }, token);
      },
      rubyText(token) {
        this.enter({ type: 'rubyText', children: [] }, token);
      },
      rubyUnclosed(token) {
        this.config.enter.data!.call(this, token);
      },
    },
    exit: {
      ruby: exitRuby,
      rubyPlain(token) {
        addPlainParts(this, token, 'bar');
        this.exit(token);
      },
      rubyImplicit: exitImplicit,
      rubyImplicitPlain(token) {
        addPlainParts(this, token, 'implicit');
        exitImplicit.call(this, token);
      },
      rubyBase: exitNode,
      rubyText: exitNode,
      rubyUnclosed(token) {
        this.config.exit.data!.call(this, token);
        const mark = this.sliceSerialize(token);
        // A bare `《` opens a ruby only after its base (kanji; in a 青空文庫 text, any run of
        // text); elsewhere it is a bracket, which the author may leave open.
        // One report a line: after a `{` or `｜` left open, the marks that follow on its line
        // (its `《`, its `|`) are that ruby's, not rubies of their own.
        if (this.data.rubyUnclosedLine === token.start.line) return;
        if (mark === '《' && !opensImplicitRuby(this, base)) return;
        this.data.rubyUnclosedLine = token.start.line;
        recordSyntaxProblem(this, {
          reason:
            mark === '{'
              ? 'ruby is not closed: `{` without `}` on the same line (ルビが閉じていません)'
              : 'ruby reading is not closed: `《` without `》` on the same line (ルビが閉じていません)',
          ruleId: 'ruby-unclosed',
          place: positionOfToken(token),
        });
      },
    },
  };
}

const enterRuby: Handle = function (token) {
  this.enter({ type: 'ruby', children: [] }, token);
};

const exitNode: Handle = function (token) {
  this.exit(token);
};

/**
 * The base and the reading of a plain ruby (one token: syntax.ts `tokenizePlainBar`,
 * `tokenizePlainImplicit`), as the full form's tokens would have made them: a `rubyBase` (for
 * `｜base《reading》`) and a `rubyText`, each holding one text node, with the places of the
 * characters between the marks. Their characters are all plain, so the first `《` is the one
 * after the base.
 */
function addPlainParts(context: CompileContext, token: Token, form: 'bar' | 'implicit'): void {
  const node = context.stack.at(-1) as Ruby;
  const source = context.sliceSerialize(token);
  const open = form === 'bar' ? source.indexOf('《') : 0;
  const start = pointOf(token.start);
  if (form === 'bar') node.children.push(plainPart('rubyBase', source, 1, open, start));
  node.children.push(plainPart('rubyText', source, open + 1, source.length - 1, start));
}

/** A part of a plain ruby, from `from` to `to` in its source, which starts at `start`. */
function plainPart(
  type: 'rubyBase' | 'rubyText',
  source: string,
  from: number,
  to: number,
  start: Point,
): Ruby['children'][number] {
  const text: Text = {
    type: 'text',
    value: source.slice(from, to),
    position: { start: shiftPoint(start, from), end: shiftPoint(start, to) },
  };
  const position = { start: shiftPoint(start, from), end: shiftPoint(start, to) };
  return { type, children: [text], position } as Ruby['children'][number];
}

/** A ruby with an empty base or reading stays as the text the author wrote, with a warning. */
const exitRuby: Handle = function (token) {
  this.exit(token);
  if (!token._rubyEmpty) return;
  const literal: Text = { type: 'text', value: this.sliceSerialize(token), position: positionOfToken(token) };
  replaceLast(this, [literal]);
  recordSyntaxProblem(this, {
    reason:
      token._rubyEmpty === 'base'
        ? 'ruby base is empty (ルビの親文字が空です)'
        : 'ruby reading is empty (ルビが空です)',
    ruleId: token._rubyEmpty === 'base' ? 'ruby-empty-base' : 'ruby-empty-reading',
    place: positionOfToken(token),
  });
};

/**
 * `漢字《かんじ》`: the base is the run of kanji that ends the text just before. Without one,
 * the brackets are ordinary text (《》 are also used as quotation marks).
 */
const implicitExit = (base: ImplicitBase): Handle =>
  function (token: Token) {
    const node = this.stack.at(-1) as Ruby;
    this.exit(token);
    const parent = this.stack.at(-1) as Parent;
    const before = parent.children.at(-2);
    const run = before?.type === 'text' ? (base === 'kanji' ? kanjiRunAtEnd(before) : sameKindRunAtEnd(before)) : '';
    const start = pointOf(token.start);
    // A 外字 in the run (`袁※［＃…］《えんさん》`) is one character written as many.
    const runStart = shiftPoint(start, before?.type === 'text' ? -sourceLengthOfEnd(before, run.length) : -run.length);
    // The run must be written literally just before `《` (not as character references).
    const literal = before?.position?.start.offset !== undefined && runStart.offset! >= before.position.start.offset;
    if (before?.type === 'text' && run && before.position && literal) {
      // A 外字 in the base keeps its record (its note, its length in the source).
      const baseText: Text = { type: 'text', value: run, position: { start: runStart, end: start } };
      const substitutions = sliceSubstitutions(before, before.value.length - run.length, before.value.length);
      if (substitutions) baseText.data = { substitutions };
      if (before.data?.substitutions)
        before.data.substitutions = sliceSubstitutions(before, 0, before.value.length - run.length);
      before.value = before.value.slice(0, -run.length);
      before.position.end = runStart;
      node.children.unshift({ type: 'rubyBase', children: [baseText], position: { start: runStart, end: start } });
      node.position = { start: runStart, end: pointOf(token.end) };
      if (before.value === '') parent.children.splice(-2, 1);
      return;
    }
    const reading = node.children[0]?.children ?? [];
    const end = pointOf(token.end);
    replaceLast(this, [
      { type: 'text', value: '《', position: { start, end: shiftPoint(start, 1) } },
      ...reading,
      { type: 'text', value: '》', position: { start: shiftPoint(end, -1), end } },
    ]);
  };

/** Whether the `《` just added to the text would open a ruby: the text before it ends in a base. */
function opensImplicitRuby(context: CompileContext, base: ImplicitBase): boolean {
  const text = (context.stack.at(-1) as Parent).children.at(-1);
  if (text?.type !== 'text') return false;
  const before: Text = { ...text, value: text.value.slice(0, -1) };
  return (base === 'kanji' ? kanjiRunAtEnd(before) : sameKindRunAtEnd(before)) !== '';
}

/** The run of characters of one kind (青空文庫's rule) that ends a text node; a 外字 is a kanji. */
function sameKindRunAtEnd(node: Text): string {
  const { value } = node;
  const substituted = substitutedAt(node);
  const kindOf = ({ char, start }: CharAt) => (substituted.has(start) ? 'kanji' : aozoraCharType(char));
  let last = charBefore(value, value.length);
  // Half-width text may end in a stop or a bracket that belongs to it (`Mr.《ミスター》`).
  const previous = last && charBefore(value, last.start);
  if (last && previous && /^[.;"?!)]$/.test(last.char) && aozoraCharType(previous.char) === 'hankaku') last = previous;
  const kind = last && kindOf(last);
  if (!last || !kind) return '';
  let start = last.start;
  for (let char = charBefore(value, start); char && kindOf(char) === kind; char = charBefore(value, char.start))
    start = char.start;
  // The stop the run ends in, if any, is the run's.
  return value.slice(start);
}

/** The run of kanji that ends a text node; a 外字 counts as one, as 青空文庫 counts it. */
function kanjiRunAtEnd(node: Text): string {
  const { value } = node;
  const substituted = substitutedAt(node);
  let start = value.length;
  for (let char = charBefore(value, start); char; char = charBefore(value, char.start)) {
    if (!isKanji(char.char) && !substituted.has(char.start)) break;
    start = char.start;
  }
  return value.slice(start);
}

/** A character (a code point) of a text and where it starts. */
interface CharAt {
  char: string;
  start: number;
}

/**
 * The character that ends just before `end`. The runs above are read from the end, a character at
 * a time: a text can be a whole paragraph, and reading it whole for every `《` in it made a line of
 * many of them quadratic.
 */
function charBefore(value: string, end: number): CharAt | undefined {
  if (end <= 0) return undefined;
  const low = value.charCodeAt(end - 1);
  const high = end >= 2 ? value.charCodeAt(end - 2) : 0;
  const start = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? end - 2 : end - 1;
  return { char: value.slice(start, end), start };
}

/** Where a text's 外字 start (their notation was replaced by one character). */
function substitutedAt(node: Text): Set<number> {
  return new Set((node.data?.substitutions ?? []).map((substitution) => substitution.at));
}

/** Replace the node just added to the current parent. */
function replaceLast(context: CompileContext, nodes: PhrasingContent[]): void {
  const parent = context.stack.at(-1) as Parent;
  parent.children.splice(-1, 1, ...nodes);
}
