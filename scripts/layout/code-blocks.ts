/**
 * Code blocks in a vertical print book. The print stylesheet sets them horizontally, as code is
 * read, with long lines wrapped; but a horizontal block cannot be cut between the pages of a
 * vertical book, which follow one another across the lines, so a code block taller than the
 * text block would run off the foot of the page. Such a block is cut into pieces that each fit,
 * by an estimate of how many lines each of its lines wraps into.
 */
import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { PageGeometry } from './geometry.ts';
import { PT_PER_MM } from './units.ts';

/** Code's type size in the print stylesheet, in ems of the body text. */
const CODE_SIZE = 0.9;
/** Room an ASCII character takes, in ems of code (Noto Sans JP's Latin letters are narrower). */
const ASCII_WIDTH = 0.62;

/** Cut the code blocks of a vertical book that would not fit the height of its text block. */
export function splitTallCode(nodes: ElementContent[], geometry: PageGeometry): void {
  if (!geometry.vertical) return;
  const em = geometry.fontSize * CODE_SIZE;
  const pitch = em * geometry.lineHeight;
  // The block is as tall as a line of the book is long, and as wide as the 版面 less a line's
  // pitch; lines wrap at spaces, which wastes some of each row, so less is counted on.
  const height = geometry.block.height * PT_PER_MM;
  const width = (geometry.block.width * PT_PER_MM - geometry.pitchPt) * 0.85;
  const budget = Math.max(1, Math.floor(height / pitch) - 1);
  const rows = (line: string) => {
    let advance = 0;
    for (const char of line) advance += (/[\x20-\x7e]/.test(char) ? ASCII_WIDTH : 1) * em;
    return Math.max(1, Math.ceil(advance / width));
  };
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    if (node.type !== 'element') continue;
    if (node.tagName !== 'pre') {
      splitTallCode(node.children, geometry);
      continue;
    }
    const lines = toString(node).replace(/\n$/, '').split('\n');
    const pieces: string[][] = [[]];
    let used = 0;
    for (const line of lines) {
      const needed = rows(line);
      if (used + needed > budget && pieces.at(-1)!.length > 0) {
        pieces.push([]);
        used = 0;
      }
      pieces.at(-1)!.push(line);
      used += needed;
    }
    if (pieces.length === 1) continue;
    const code = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
    const made = pieces.map((piece, at): Element => {
      const text: ElementContent = { type: 'text', value: `${piece.join('\n')}\n` };
      const properties = { ...node.properties, className: [...classes(node), ...(at > 0 ? ['continued'] : [])] };
      if (at > 0) delete properties.id;
      return {
        type: 'element',
        tagName: 'pre',
        properties,
        children: code ? [{ ...code, properties: { ...code.properties }, children: [text] }] : [text],
      };
    });
    nodes.splice(index, 1, ...made);
    index += made.length - 1;
  }
}

function classes(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}
