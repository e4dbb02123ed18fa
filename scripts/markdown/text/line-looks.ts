/**
 * What a look to the end of a line found, kept for the marks after it on the same line. A ruby or a
 * 傍点 that does not close looks ahead to its line's end for its closing mark (ruby/syntax.ts,
 * bouten/syntax.ts), so a line of many open marks (`《《《…`, `｜｜｜…`, a damaged or hostile file)
 * made every mark look to the end again: the work grew with the square of the line, minutes for one
 * line of 100,000 marks. A look from one mark answers for every later mark it passed: up to the
 * closing mark it stopped at (there is one after them too), or to the line's end (there is none).
 *
 * Kept per tokenizer (one per paragraph, heading or table cell: where a look ends) and per kind of
 * look; only the last look of a kind is kept, as marks come in order.
 */
import type { TokenizeContext } from 'micromark-util-types';

/**
 * The look of a 青空文庫 bracket's value (`［＃…］`, `※［＃…］`) for its `］`: the same for the
 * annotation and the 外字, which both read it (aozora/syntax.ts, aozora/gaiji/syntax.ts). Its
 * `lastSeparator` is the last `］` it passed at any depth: with none after a point, nothing from
 * that point on closes.
 */
const BRACKET_LOOK = 'bracket';

/** One look ahead, by offsets in the file. */
export interface LineLook {
  line: number;
  /** The first character looked at. */
  from: number;
  /** Where the look stopped: at its closing mark (`closed`), or at the line's end. */
  to: number;
  closed: boolean;
  /** The last separator it passed (`《` after a bar ruby's base, `|` in `{…|…}`); -1 for none. */
  lastSeparator: number;
}

const looks = new WeakMap<TokenizeContext, Map<string, LineLook>>();
let remembering = true;

/** Turn keeping looks off (tests compare the trees with and without). */
export function rememberLooks(on: boolean): void {
  remembering = on;
}

/** The kept look of `kind` that a look from `from` on `line` would repeat, if there is one. */
function recallLook(context: TokenizeContext, kind: string, line: number, from: number): LineLook | undefined {
  if (!remembering) return undefined;
  const look = looks.get(context)?.get(kind);
  return look && look.line === line && look.from <= from && from <= look.to ? look : undefined;
}

/** Keep a look that went to its end (a closing mark, or the line's). */
function keepLook(context: TokenizeContext, kind: string, look: LineLook): void {
  if (!remembering) return;
  let kept = looks.get(context);
  if (!kept) looks.set(context, (kept = new Map()));
  kept.set(kind, look);
}

/** A tokenizer's looks: `this` of a construct's `tokenize`, which is the tokenizer's context. */
export function looksOf(context: TokenizeContext) {
  return {
    /** Where the tokenizer is. */
    here: () => context.now(),
    /** The kept look of `kind` that a look from `from` on `line` would repeat, if there is one. */
    recall: (kind: string, line: number, from: number) => recallLook(context, kind, line, from),
    /** Keep a look that went to its end. */
    keep: (kind: string, look: LineLook) => keepLook(context, kind, look),
  };
}

/**
 * The look of a 青空文庫 bracket's value for its `］` (`BRACKET_LOOK`), for a tokenizer that reads one:
 * `cannotClose` where the value starts, `passedClose` at each `］` inside it, `ended` at the line's end.
 */
export function bracketLook(context: TokenizeContext) {
  const tokenizer = looksOf(context);
  let look: Omit<LineLook, 'to' | 'closed'> = { line: 0, from: 0, lastSeparator: -1 };
  return {
    /** Whether an earlier look passed no `］` from here to the line's end; else a look starts here. */
    cannotClose(): boolean {
      const { line, offset } = tokenizer.here();
      const kept = tokenizer.recall(BRACKET_LOOK, line, offset);
      if (kept && kept.lastSeparator < offset) return true;
      look = { line, from: offset, lastSeparator: -1 };
      return false;
    },
    /** A `］` inside the value (closing a bracket within it). */
    passedClose(): void {
      look.lastSeparator = tokenizer.here().offset;
    },
    /** The line ended before the value closed: keep the look. */
    ended(): void {
      tokenizer.keep(BRACKET_LOOK, { ...look, to: tokenizer.here().offset, closed: false });
    },
  };
}
