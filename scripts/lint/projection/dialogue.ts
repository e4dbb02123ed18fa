/**
 * Narration only: the prose with the words inside 「」 left out (the brackets stay, so the
 * sentence around a line of dialogue keeps its shape: 彼は「」と言った。). Rules that judge the
 * narrator's voice, such as mixed だ/です, would otherwise count the characters' speech.
 * A 「 that is not closed in its paragraph runs to the paragraph's end, as a speech running
 * over several paragraphs does.
 */
import type { Block, Inline, Units } from './types.ts';

const OPEN = '「';
const CLOSE = '」';

/** The blocks with dialogue removed from every paragraph, heading and cell. */
export function withoutDialogue(blocks: readonly Block[]): Block[] {
  return blocks.map((block) => {
    if ('inlines' in block) return { ...block, inlines: stripInlines(block.inlines, { depth: 0 }) };
    if ('children' in block) return { ...block, children: withoutDialogue(block.children) };
    return block;
  });
}

function stripInlines(inlines: readonly Inline[], state: { depth: number }): Inline[] {
  const result: Inline[] = [];
  for (const inline of inlines) {
    if (inline.kind === 'text') {
      const units = stripUnits(inline.units, state);
      if (units.text !== '') result.push({ kind: 'text', units });
    } else if (inline.kind === 'link') {
      const children = stripInlines(inline.children, state);
      if (children.length > 0) result.push({ ...inline, children });
    } else if (state.depth === 0 || inline.kind === 'comment') {
      result.push(inline);
    }
  }
  return result;
}

function stripUnits(units: Units, state: { depth: number }): Units {
  let text = '';
  const offsets: number[] = [];
  for (let index = 0; index < units.text.length; index++) {
    const char = units.text[index]!;
    if (char === CLOSE && state.depth > 0) state.depth--;
    const keep = state.depth === 0;
    if (char === OPEN) state.depth++;
    if (keep) {
      text += char;
      offsets.push(units.offsets[index]!);
    }
  }
  return { text, offsets };
}
