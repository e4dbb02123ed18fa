/**
 * Markup that did not become markup, and would be printed into the book as it was typed: a `**`
 * that emphasises nothing, a link or an image whose `)` is missing, a footnote reference with no
 * definition (`[^1]`), an HTML tag without its `>`, a `::` directive that is not one, and the
 * constructs that swallow the rest of a chapter (a code fence, a `<!--` or a `:::` block never
 * closed). CommonMark reads each of these as plain text (or as code to the end), which is right
 * for a parser and wrong for a book: each is reported as an error (notation-rules.ts), with the
 * escape that keeps the characters on purpose.
 *
 * The check reads the source of each text node, so an escaped mark (`\*\*`, `\[^1]`, `\<`) or a
 * character reference is never taken for markup; code and raw HTML are not text and are not read.
 */
import type { Code, Html, Nodes, Parent, Root, Text } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { SKIP, visit } from '../visit.ts';
import type { VFile } from 'vfile';
import { reportNotation, type NotationRuleId } from '../notation-rules.ts';
import { manuscriptSchema } from '../raw-html/schema.ts';

/** Element names that make `<name` a broken tag rather than a less-than sign: the HTML a book may hold, and what it strips. */
const TAG_NAMES = new Set([...(manuscriptSchema.tagNames ?? []), ...(manuscriptSchema.strip ?? [])]);

/** One stray mark: where it starts in the file, and what it is. */
interface Stray {
  offset: number;
  ruleId: NotationRuleId;
  reason: string;
}

/** Remark plugin: report markup that stayed text, and blocks that run to the end of the file unclosed. */
export function remarkStrayMarkup() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const found: Stray[] = [];
    visit(tree, (node: Nodes, _index, parent: Parent | undefined) => {
      // A ruby reading is plain text by design: `{a|**}` reads `**`.
      if (node.type === 'rubyText') return SKIP;
      if (node.type === 'text') found.push(...strayInText(node, source, parent?.type === 'link'));
      else if (node.type === 'html') found.push(...unclosedComment(node));
      else if (node.type === 'code') found.push(...unclosedFence(node, source));
      else if (node.type === 'containerDirective') found.push(...unclosedContainer(node, source));
      return undefined;
    });
    for (const stray of found.sort((a, b) => a.offset - b.offset)) {
      reportNotation(file, stray.ruleId, stray.reason, pointAt(source, stray.offset));
    }
  };
}

/** The characters a stray mark or an escape starts with. */
const MARKS = /[\\*_[\]<:]/;

/** The stray marks in a text node's source; emphasis is not looked for in a link's text (an address may hold `__`). */
function strayInText(node: Text, source: string, inLink: boolean): Stray[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const text = source.slice(start, end);
  // Most of a novel's text holds none of the marks below.
  if (!MARKS.test(text)) return [];
  const found: Stray[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    // A backslash escape (CommonMark's, or ours for ｜《》［) is the author saying "this character".
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '*' || char === '_') {
      const run = /^(\*+|_+)/.exec(text.slice(index))![0];
      if (!inLink && run.length === 2 && opensOrCloses(text, index, run.length, char))
        found.push({
          offset: start + index,
          ruleId: 'emphasis-unclosed',
          reason: `\`${run}\` emphasises nothing: it has no partner in the paragraph, and would be printed (強調が閉じていません)`,
        });
      index += run.length - 1;
      continue;
    }
    // Every stray mark starts with one of these (a note's `[^`, a link's `](`, a tag's `<`, a directive's `:`).
    if (char !== '[' && char !== ']' && char !== '<' && char !== ':') continue;
    const stray = strayAt(text, index, start, source);
    if (!stray) continue;
    found.push({ offset: start + stray.at, ruleId: stray.ruleId, reason: stray.reason });
    index = Math.max(index, stray.at + stray.length - 1);
  }
  return found;
}

/** The stray mark starting at `index` of a text's source, if any, with where it starts and how many characters it covers. */
function strayAt(
  text: string,
  index: number,
  base: number,
  source: string,
): (Omit<Stray, 'offset'> & { at: number; length: number }) | undefined {
  const rest = text.slice(index);
  const footnote = /^\[\^([^\]\s]+)\]/.exec(rest);
  if (footnote)
    return {
      at: index,
      length: footnote[0].length,
      ruleId: 'footnote-undefined',
      reason: `footnote [^${footnote[1]}] has no definition in this file, and would be printed as written (注の定義がありません)`,
    };
  if (rest.startsWith('](')) {
    const open = text.lastIndexOf('[', index);
    const at = open > 0 && text[open - 1] === '!' ? open - 1 : Math.max(open, 0);
    return {
      at,
      length: index - at + 2,
      ruleId: 'link-unclosed',
      reason: `${text[at] === '!' ? 'image' : 'link'} is not closed: \`](\` without its \`)\`, so the brackets would be printed (リンクが閉じていません)`,
    };
  }
  return strayTag(rest, index) ?? strayDirective(rest, index, base, source);
}

/**
 * Whether a run of two `*` or `_` could open or close emphasis (CommonMark's flanking rules, in
 * short): a non-space character on one side, and for `_`, not inside a word (`snake__case` is text).
 */
function opensOrCloses(text: string, index: number, length: number, char: string): boolean {
  const before = text[index - 1];
  const after = text[index + length];
  const space = (c: string | undefined) => c === undefined || /\s/u.test(c);
  const word = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  if (space(before) && space(after)) return false;
  return char === '*' || !(word(before) && word(after));
}

/** `<span class="tcy"12` or `</ruby` with no `>`: a tag CommonMark did not take for HTML. `<!--` never closed. */
function strayTag(rest: string, index: number) {
  if (rest.startsWith('<!--'))
    return {
      at: index,
      length: 4,
      ruleId: 'html-comment-unclosed' as const,
      reason: 'HTML comment is not closed: `<!--` without `-->`, so it would be printed (コメントが閉じていません)',
    };
  // An opening tag with an attribute after it or nothing after it on the line, or a closing tag:
  // `a<b and c` is a comparison, not a tag.
  const tag = /^<\/([A-Za-z][A-Za-z0-9]*)|^<([A-Za-z][A-Za-z0-9]*)(?=\s+[A-Za-z:-]+\s*=|\s*\/?\s*(\n|$))/.exec(rest);
  if (!tag || !TAG_NAMES.has((tag[1] ?? tag[2])!.toLowerCase())) return undefined;
  return {
    at: index,
    length: tag[0].length,
    ruleId: 'html-unclosed' as const,
    reason: `HTML tag ${tag[0]} is not finished, and would be printed as text (HTMLのタグが閉じていません)`,
  };
}

/** `::name[…` not closed on its line, `::: name` with a space, or a `:::` that closes nothing: at the start of a line. */
function strayDirective(rest: string, index: number, base: number, source: string) {
  const mark = /^:{2,}(?=\s*[A-Za-z]|\s*$)/.exec(rest);
  if (!mark) return undefined;
  const lineStart = source.lastIndexOf('\n', base + index - 1) + 1;
  if (!/^[\s>]*$/.test(source.slice(lineStart, base + index))) return undefined;
  const line = rest.split('\n')[0]!.trim();
  return {
    at: index,
    length: mark[0].length,
    ruleId: 'directive-unclosed' as const,
    reason: /^:+$/.test(line)
      ? `\`${line}\` closes no block that is open, and would be printed (対応するディレクティブがありません)`
      : `\`${line}\` is not a directive (not closed, or a space after the colons), and would be printed (ディレクティブが閉じていません)`,
  };
}

/** A block-level `<!--` that never ends hides the rest of the file. */
function unclosedComment(node: Html): Stray[] {
  const offset = node.position?.start.offset;
  if (offset === undefined || !node.value.startsWith('<!--') || node.value.includes('-->')) return [];
  return [
    {
      offset,
      ruleId: 'html-comment-unclosed',
      reason:
        'HTML comment is not closed: `<!--` without `-->` hides everything after it in the file (コメントが閉じていません)',
    },
  ];
}

/**
 * A fenced code block whose closing fence is missing sets the rest of the file as code. (One in
 * a quote or a list ends with it, and swallows nothing.)
 */
function unclosedFence(node: Code, source: string): Stray[] {
  const lines = sourceLines(node, source);
  const fence = /^(`{3,}|~{3,})/.exec(lines[0] ?? '')?.[1];
  if (!fence || !runsToTheEnd(node, source)) return [];
  const closing = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  if (lines.length > 1 && closing.test(lines.at(-1)!)) return [];
  return [
    {
      offset: node.position!.start.offset!,
      ruleId: 'code-unclosed',
      reason: `code block opened with ${fence} is not closed, and would set the rest of the file as code (コードブロックが閉じていません)`,
    },
  ];
}

/** A `:::name` block whose closing `:::` is missing places the rest of the file. */
function unclosedContainer(node: ContainerDirective, source: string): Stray[] {
  const lines = sourceLines(node, source);
  if (!runsToTheEnd(node, source) || (lines.length > 1 && /^:{3,}\s*$/.test(lines.at(-1)!))) return [];
  return [
    {
      offset: node.position!.start.offset!,
      ruleId: 'directive-unclosed',
      reason: `:::${node.name} is never closed by a line of \`:::\`: the rest of the file would be set inside it (ディレクティブが閉じていません)`,
    },
  ];
}

/** Whether a block ends where the file does (but for blank lines). */
function runsToTheEnd(node: Nodes, source: string): boolean {
  const end = node.position?.end.offset;
  return end !== undefined && source.slice(end).trim() === '';
}

/** The source lines of a block node, without the quote markers and indentation of the blocks around it. */
function sourceLines(node: Nodes, source: string): string[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  return source
    .slice(start, end)
    .split(/\r?\n/)
    .map((line) => line.replace(/^[ \t>]*/, ''));
}

/** The line and column of an offset in the file. */
function pointAt(source: string, offset: number) {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n'), offset };
}
