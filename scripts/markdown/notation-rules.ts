/**
 * Every problem the Markdown stage reports, by rule: whether it stops the build, and what the
 * author does about it. A mistake that would print markup characters into the book (a ruby left
 * open, a `［＃` without its `］`, a `**` that emphasises nothing) or lose the author's marking
 * (a 傍点 range never closed) is an error: a book with `｜灯台守《とうだいもり` in it is not one to
 * ship, and a warning scrolls past. What the build can set sensibly without the author (an
 * annotation it does not support, a footnote never referred to) stays a warning.
 *
 * The rules are reported through `reportNotation`, so that each message carries its severity and
 * its hint wherever it is made; `npm run lint` reports the errors under the same names.
 */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { MAX_LAYOUT_COUNT } from './block-layout/index.ts';

/** How a notation problem counts, and what fixes it. */
interface NotationRule {
  severity: 'error' | 'warning';
  /** One sentence: what to write instead (and, for an error, how to keep the characters on purpose). */
  hint: string;
}

/** The escape every error's hint offers for text that really means the characters. */
const ESCAPE = 'to print the mark itself, put a backslash before it';

/** Every rule of the Markdown stage (docs/syntax.md, "Mistakes", lists the errors). */
export const NOTATION_RULES = {
  'ruby-unclosed': {
    severity: 'error',
    hint: `close the reading on the same line: {漢字|かんじ} or ｜漢字《かんじ》; ${ESCAPE} (\\{, \\｜, \\《)`,
  },
  'ruby-empty-base': {
    severity: 'error',
    hint: `write the text the reading belongs to before the bar: {漢字|かんじ}; ${ESCAPE} (\\{, \\｜)`,
  },
  'ruby-empty-reading': {
    severity: 'error',
    hint: `write the reading, or leave the ruby out; ${ESCAPE} (\\{, \\｜)`,
  },
  'bouten-unclosed': {
    severity: 'error',
    hint: `close the 傍点 with 》》 on the same line; ${ESCAPE} (\\《)`,
  },
  'bouten-empty': {
    severity: 'error',
    hint: `put the text to be marked between 《《 and 》》, or leave them out; ${ESCAPE} (\\《)`,
  },
  'aozora-bracket-unclosed': {
    severity: 'error',
    hint: `close the annotation with ］ on the same line; ${ESCAPE} (\\［)`,
  },
  'aozora-range-unclosed': {
    severity: 'error',
    hint: 'add the closing annotation (［＃傍点］…［＃傍点終わり］) in the same paragraph, or remove the opening one',
  },
  'aozora-range-unopened': {
    severity: 'error',
    hint: 'add the opening annotation before it in the same paragraph, or remove this one',
  },
  'footnote-undefined': {
    severity: 'error',
    hint: `define the note in the same file, on a line of its own: [^1]: 注の本文。; ${ESCAPE} (\\[^1])`,
  },
  'emphasis-unclosed': {
    severity: 'error',
    hint: `close it with the same marks (**太字**), or ${ESCAPE} (\\*\\*)`,
  },
  'link-unclosed': {
    severity: 'error',
    hint: `close the link or image with ) on the same line: [文字](a.md), ![説明](images/a.png); ${ESCAPE} (\\])`,
  },
  'html-unclosed': {
    severity: 'error',
    hint: 'finish the tag with > (and quote attribute values: class="tcy"); to print < itself, write \\< or &lt;',
  },
  'html-comment-unclosed': {
    severity: 'error',
    hint: 'end the comment with --> where the hidden text ends',
  },
  'directive-unclosed': {
    severity: 'error',
    hint: `write ::name[text] on one line, and open a block with :::name (no space) and close it with a line of :::; ${ESCAPE} (\\:)`,
  },
  'code-unclosed': {
    severity: 'error',
    hint: 'close the code block with a line of the same fence (```) where the code ends',
  },
  'aozora-unsupported': {
    severity: 'warning',
    hint: 'docs/aozora.md lists the annotations that are read; remove this one, or write the effect another way',
  },
  'aozora-misplaced': {
    severity: 'warning',
    hint: 'put the annotation at the start of its line (or of the paragraph it applies to)',
  },
  'aozora-not-found': {
    severity: 'warning',
    hint: 'write the annotation right after the text it names, with the text exactly as printed (readings left out)',
  },
  'aozora-unopened': {
    severity: 'warning',
    hint: 'add the matching ［＃ここから…］ before it, or remove it',
  },
  'aozora-block-unclosed': {
    severity: 'warning',
    hint: 'add the matching ［＃ここで…終わり］ where the block should end',
  },
  'aozora-partial-heading': {
    severity: 'warning',
    hint: 'put the heading on a line of its own',
  },
  'aozora-range-content': {
    severity: 'warning',
    hint: 'put text between the two annotations (縦中横: plain characters only), or remove them',
  },
  'aozora-ignored': {
    severity: 'warning',
    hint: 'nothing to do unless the effect matters: remove the annotation to silence this',
  },
  'aozora-gaiji-uncoded': {
    severity: 'warning',
    hint: 'write the character itself if Unicode has it, or describe it with its JIS X 0213 面区点 (第3水準1-15-8)',
  },
  'autolink-end': {
    severity: 'warning',
    hint: 'put the address in angle brackets (<https://…>) to say where it ends, or a space after it',
  },
  'footnote-unused': {
    severity: 'warning',
    hint: 'refer to it in the text ([^1]) or remove the definition',
  },
  'footnote-duplicate': {
    severity: 'warning',
    hint: 'give each note its own label ([^1], [^2], …)',
  },
  'pagebreak-nested': {
    severity: 'warning',
    hint: 'move the page break out of the list, quote or block, to a line of its own between paragraphs',
  },
  'chapter-front-matter': {
    severity: 'warning',
    hint: 'move the keys to book.yaml, or delete the block; a --- scene break at the top of a chapter needs text before it',
  },
  'directive-attributes': {
    severity: 'warning',
    hint: 'remove the {…} after the directive: placement takes no attributes',
  },
  'directive-count': {
    severity: 'warning',
    hint: `use a count from 1 to ${MAX_LAYOUT_COUNT}`,
  },
  'directive-unknown': {
    severity: 'warning',
    hint: 'use one of indent-N, align-end, end-N, center (docs/syntax.md, "Block placement")',
  },
  'unsafe-html': {
    severity: 'warning',
    hint: 'remove it from the manuscript: a book carries no scripts, styles, forms or event handlers',
  },
  'duplicate-id': {
    severity: 'warning',
    hint: 'give each element its own id',
  },
  'broken-link': {
    severity: 'warning',
    hint: 'link to a chapter file of the book (a.md) or an id in it (a.md#id), or remove the link',
  },
  'image-alt': {
    severity: 'warning',
    hint: 'describe the picture in the brackets: ![灯台の写真](images/lighthouse.png)',
  },
} as const satisfies Record<string, NotationRule>;

/** The name of a rule of the Markdown stage. */
export type NotationRuleId = keyof typeof NOTATION_RULES;

/**
 * Report a problem of the Markdown stage on its file, as an error (a fatal message: the book
 * stops building once every chapter has been read) or a warning, with the rule's hint as the
 * message's note.
 */
export function reportNotation(
  file: VFile,
  ruleId: NotationRuleId,
  reason: string,
  place: Position | Point | undefined,
  source = 'markdown',
): VFileMessage {
  const rule: NotationRule = NOTATION_RULES[ruleId];
  const message = file.message(reason, { place, ruleId, source });
  if (rule.severity === 'error') message.fatal = true;
  message.note = rule.hint;
  return message;
}
