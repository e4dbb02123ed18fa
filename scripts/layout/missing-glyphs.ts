/**
 * Characters no font of the print book can draw. Chromium would look for them among the fonts
 * installed on the machine, so the same manuscript would print differently on two machines (and
 * a system CFF font comes out as a Type 3 font, which print shops reject). Instead every
 * character is checked before layout against the fonts that will draw it; each one that none
 * has is reported once, at its first place, and printed as 〓 (げた, the printer's mark for a
 * missing character) in the body face.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { h } from 'hastscript';
import type { Point } from 'unist';
import { location } from 'vfile-location';
import type { Book } from '../book.ts';
import type { Place } from '../errors.ts';
import type { FontStack } from '../fonts/stack.ts';
import { HEADING_TAGS } from '../markdown/raw-html/schema.ts';
import { authorsOf } from './metadata-text.ts';

/** The mark printed in place of a character no font has. */
export const MISSING_GLYPH_MARK = '〓';

/** Class of the element that holds a 〓; the print stylesheet sets it in the body face. */
export const MISSING_GLYPH_CLASS = 'missing-glyph';

/** Elements the print stylesheet sets in the Gothic face. */
export const GOTHIC_TAGS: readonly string[] = [
  ...HEADING_TAGS,
  'strong',
  'b',
  'code',
  'pre',
  'kbd',
  'samp',
  'figcaption',
];

/** Classes the print stylesheet sets in the Gothic face. */
export const GOTHIC_CLASSES: readonly string[] = ['gfont', 'task', 'colophon-title', 'colophon-label'];

const HEADINGS = new Set(HEADING_TAGS);

/** Characters that never need a glyph: controls, white space and default-ignorable code points. */
const NEEDS_NO_GLYPH = /[\p{Cc}\p{Zl}\p{Zp}\s\p{Default_Ignorable_Code_Point}]/u;

/** Whether `char` (one code point) is drawn at all, so that a font must have it. */
export function needsGlyph(char: string): boolean {
  return !NEEDS_NO_GLYPH.test(char);
}

/** The two font stacks of the print book. */
export interface PrintStacks {
  /** Mincho: the text, the 目次, running heads and folios. */
  body: FontStack;
  /** Gothic: headings, bold, code. */
  heading: FontStack;
}

/** A character no font has, where it first occurs and how many more times it does. */
export interface MissingGlyph {
  char: string;
  place: Place;
  more: number;
}

/** `U+03B1`, `U+2000B`. */
function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The warning for one missing character, which `printer` (the PDF, or its running heads) prints as 〓. */
export function missingGlyphMessage(glyph: MissingGlyph, printer = 'the PDF prints'): string {
  const more = glyph.more > 0 ? ` (and ${glyph.more} more)` : '';
  return `no font of the book has “${glyph.char}” (${codePointLabel(glyph.char)}): ${printer} ${MISSING_GLYPH_MARK} in its place${more}`;
}

/**
 * Every character of the book that a font stack drawing it lacks, in reading order: chapter
 * text (headings are checked against both faces, as the 目次 and running heads repeat them in
 * the body face) and the metadata printed on the 扉, 奥付 and running heads.
 */
export function findMissingGlyphs(book: Book, stacks: PrintStacks): MissingGlyph[] {
  const found = new Map<string, MissingGlyph>();
  const verdicts = new Verdicts(stacks);
  const check = (text: string, both: boolean, gothic: boolean, place: (char: string) => Place) => {
    for (let index = 0; index < text.length; index++) {
      const code = text.codePointAt(index)!;
      if (code > 0xffff) index++;
      const missing = both ? verdicts.lacks(code, false) || verdicts.lacks(code, true) : verdicts.lacks(code, gothic);
      if (!missing) continue;
      const char = String.fromCodePoint(code);
      const known = found.get(char);
      if (known) known.more++;
      else found.set(char, { char, place: place(char), more: 0 });
    }
  };

  const { config, manuscript } = book;
  const metadata: [(string | number)[], string | undefined][] = [
    [['title'], config.title],
    [['subtitle'], config.subtitle],
    ...authorsOf(config).map((name, index): [(string | number)[], string] => [
      typeof config.author === 'string' ? ['author'] : ['author', index],
      name,
    ]),
    [['publisher'], config.publisher],
    [['edition'], config.edition],
    [['identifier'], config.identifier],
    [['rights'], config.rights],
    [['tocTitle'], config.tocTitle],
  ];
  for (const [keys, value] of metadata) {
    if (value !== undefined) check(value, true, false, () => manuscript.locate(keys));
  }

  for (const chapter of book.chapters) {
    const source = String(chapter.file.value);
    const locator = location(source);
    const file = chapter.file.path;
    const walk = (
      nodes: readonly (RootContent | ElementContent)[],
      gothic: boolean,
      heading: boolean,
      near?: Point,
    ) => {
      for (const node of nodes) {
        if (node.type === 'text') {
          const start = node.position?.start ?? near;
          const end = node.position?.end;
          check(node.value, heading, gothic, (char) => {
            // The character's own column when the source shows it inside the node's span.
            const offset = start?.offset === undefined ? -1 : source.indexOf(char, start.offset);
            const point =
              offset >= 0 && (end?.offset === undefined || offset < end.offset) ? locator.toPoint(offset) : start;
            return { file, line: point?.line, column: point?.column };
          });
        } else if (node.type === 'element') {
          walk(
            node.children,
            gothic || isGothic(node),
            heading || HEADINGS.has(node.tagName),
            node.position?.start ?? near,
          );
        }
      }
    };
    walk(chapter.tree.children, false, false);
  }
  return [...found.values()];
}

/**
 * Put 〓 in place of every character its font stack lacks, in a print document (parts of the
 * book, or the front matter): whatever the check above missed, no character reaches Chromium's
 * fallback to the machine's fonts. Returns how many were replaced.
 */
export function replaceMissingGlyphs(root: Root, stacks: PrintStacks): number {
  let replaced = 0;
  const verdicts = new Verdicts(stacks);
  const someLacking = (text: string, gothic: boolean) => {
    for (let index = 0; index < text.length; index++) {
      const code = text.codePointAt(index)!;
      if (code > 0xffff) index++;
      if (verdicts.lacks(code, gothic)) return true;
    }
    return false;
  };
  const walk = (parent: Root | Element, gothic: boolean) => {
    if (parent.type === 'element' && (parent.tagName === 'style' || parent.tagName === 'title')) return;
    const children: (RootContent | ElementContent)[] = [];
    let changed = false;
    for (const node of parent.children) {
      if (node.type === 'element') {
        walk(node, gothic || isGothic(node));
        children.push(node);
      } else if (node.type === 'text' && someLacking(node.value, gothic)) {
        changed = true;
        let run = '';
        for (const char of node.value) {
          if (!verdicts.lacks(char.codePointAt(0)!, gothic)) {
            run += char;
            continue;
          }
          if (run) children.push({ type: 'text', value: run } satisfies Text);
          run = '';
          children.push(h(`span.${MISSING_GLYPH_CLASS}`, MISSING_GLYPH_MARK));
          replaced++;
        }
        if (run) children.push({ type: 'text', value: run } satisfies Text);
      } else {
        children.push(node);
      }
    }
    if (changed) parent.children = children as typeof parent.children;
  };
  walk(root, false);
  return replaced;
}

/** Whether a code point lacks a glyph in the Mincho or the Gothic stack; each asked once. */
class Verdicts {
  private readonly mincho = new Map<number, boolean>();
  private readonly gothic = new Map<number, boolean>();

  constructor(private readonly stacks: PrintStacks) {}

  lacks(code: number, gothic: boolean): boolean {
    const known = gothic ? this.gothic : this.mincho;
    let missing = known.get(code);
    if (missing === undefined) {
      missing = needsGlyph(String.fromCodePoint(code)) && !(gothic ? this.stacks.heading : this.stacks.body).has(code);
      known.set(code, missing);
    }
    return missing;
  }
}

function isGothic(node: Element): boolean {
  if (GOTHIC_TAGS.includes(node.tagName)) return true;
  const className = node.properties.className;
  return Array.isArray(className) && className.some((name) => GOTHIC_CLASSES.includes(String(name)));
}
