/**
 * Raw HTML blocks read as the text they show: parsed with the HTML parser (as the build parses
 * them), block elements ending paragraphs, `<rt>` giving readings, and script, style and ruby
 * fallback brackets left out. Comments stay comments, for `<!-- textlint-disable -->`.
 */
import type { ElementContent, Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { HIDDEN_ELEMENTS, InlineWriter } from './inline-writer.ts';
import type { Block, Reading, Units } from './types.ts';
import { appendUnits, emptyUnits, valueUnits } from './units.ts';
import { HEADING_TAGS } from '../../markdown/raw-html/schema.ts';

const HIDDEN = new Set([...HIDDEN_ELEMENTS, 'head', 'title']);
// Elements that end a line of text; anything else (span, em, ruby, a, …) flows inside one.
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  ...HEADING_TAGS,
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/** The blocks an HTML node of the Markdown shows; `html` is its value placed on the source. */
export function blocksOfHtml(html: Units, readings: Reading[]): Block[] {
  if (/^\s*<!--[\s\S]*-->\s*$/.test(html.text)) return [{ kind: 'Html', units: html }];
  const blocks: Block[] = [];
  let writer = new InlineWriter(readings);
  const flush = () => {
    if (writer.inlines.some((inline) => inline.kind === 'text' && inline.units.text.trim() !== ''))
      blocks.push({ kind: 'Paragraph', inlines: writer.inlines });
    writer = new InlineWriter(readings);
  };
  const unitsOf = (node: Nodes & { value: string }): Units | undefined => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return undefined;
    const local = valueUnits(node.value, html.text, start, end);
    return {
      text: local.text,
      offsets: local.offsets.map((offset) => html.offsets[offset] ?? html.offsets.at(-1) ?? 0),
    };
  };
  let base = '';
  const walk = (nodes: readonly ElementContent[] | readonly Nodes[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const units = unitsOf(node);
        if (units) {
          writer.text(units);
          base += units.text;
        }
      } else if (node.type === 'comment') {
        const units = unitsOf({ ...node, value: `<!--${node.value}-->` });
        if (units) writer.literal('comment', units);
      } else if (node.type === 'element') {
        const name = node.tagName;
        if (HIDDEN.has(name)) continue;
        if (name === 'rt') {
          const reading = emptyUnits();
          for (const child of node.children)
            if (child.type === 'text') appendUnits(reading, unitsOf(child) ?? emptyUnits());
          if (reading.text !== '') readings.push({ units: reading, base });
          base = '';
          continue;
        }
        if (name === 'ruby') base = '';
        if (BLOCKS.has(name)) flush();
        walk(node.children);
        if (BLOCKS.has(name)) flush();
      } else if ('children' in node) {
        walk(node.children);
      }
    }
  };
  walk(fromHtml(html.text, { fragment: true }).children);
  flush();
  return blocks;
}
