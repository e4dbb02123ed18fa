/**
 * The projection: a chapter's mdast, as our Markdown processor leaves it before HTML, turned
 * into the prose a reader sees. Ruby keeps its base and gives its reading to the readings list;
 * 傍点, emphasis and 縦中横 keep their text without marks; 青空文庫 annotations, page and scene
 * breaks, note references, images and front matter are gone; notes are read where the processor
 * puts them, at the end of the chapter; raw HTML is read as its text.
 */
import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { CREDITS_CLASS } from '../../markdown/aozora/index.ts';
import '../../markdown/types.ts';
import { blocksOfHtml } from './html-text.ts';
import { InlineWriter } from './inline-writer.ts';
import type { Block, Inline, Projection, Reading, Units } from './types.ts';
import { appendUnits, emptyUnits, sourceUnits, valueUnits } from './units.ts';

/** Project a chapter; `source` is the parsed text the tree's positions point into. */
export function projectChapter(tree: Root, source: string): Projection {
  const readings: Reading[] = [];
  const blocks = projectBlocks(tree.children, { source, readings });
  return { blocks, readings };
}

interface Context {
  source: string;
  readings: Reading[];
}

const SKIPPED_BLOCKS = new Set(['thematicBreak', 'pageBreak', 'yaml', 'definition', 'image', 'imageReference']);

function projectBlocks(nodes: readonly RootContent[], context: Context): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph': {
        if (node.data?.blankLine) break;
        const layout = node.data?.layout;
        const inlines = projectInlines(node.children, context);
        if (hasText(inlines)) {
          blocks.push({ kind: 'Paragraph', inlines, placed: layout?.end !== undefined || layout?.center === true });
        } else {
          blocks.push(...commentsOf(inlines));
        }
        break;
      }
      case 'picture': {
        // A picture's caption is prose the reader sees; the image is not.
        const inlines = projectInlines(node.children, context);
        if (hasText(inlines)) blocks.push({ kind: 'Paragraph', inlines, placed: false });
        break;
      }
      case 'heading': {
        const inlines = projectInlines(node.children, context);
        if (inlines.length > 0) blocks.push({ kind: 'Header', depth: node.depth, inlines });
        break;
      }
      case 'blockquote':
        blocks.push({ kind: 'BlockQuote', children: projectBlocks(node.children, context) });
        break;
      case 'list':
        blocks.push({
          kind: 'List',
          ordered: node.ordered ?? false,
          children: node.children.map((item) => ({
            kind: 'ListItem' as const,
            children: projectBlocks(item.children, context),
          })),
        });
        break;
      case 'table':
        blocks.push({
          kind: 'Table',
          children: node.children.map((row) => ({
            kind: 'TableRow' as const,
            children: row.children.map((cell) => ({
              kind: 'TableCell' as const,
              inlines: projectInlines(cell.children, context),
            })),
          })),
        });
        break;
      case 'code': {
        const units = unitsOfSpan(node, context.source);
        if (units) blocks.push({ kind: 'CodeBlock', units });
        break;
      }
      case 'html':
        blocks.push(...blocksOfHtml(nodeValueUnits(node, context.source), context.readings));
        break;
      default:
        if (SKIPPED_BLOCKS.has(node.type)) break;
        // A 青空文庫 text's credits (底本, 入力, 校正) are the archive's, not the author's prose.
        if (node.type === 'layoutBlock' && node.layout.classes?.includes(CREDITS_CLASS)) break;
        // Layout blocks, notes and any container a later notation adds: their content is prose.
        if ('children' in node) blocks.push(...projectBlocks(node.children as RootContent[], context));
    }
  }
  return blocks;
}

/** The inline content of a block. */
function projectInlines(nodes: readonly PhrasingContent[], context: Context): Inline[] {
  const writer = new InlineWriter(context.readings);
  writeInlines(writer, nodes, context);
  return writer.inlines;
}

const SKIPPED_INLINES = new Set([
  'aozoraAnnotation',
  'noteReference',
  'footnoteReference',
  'image',
  'imageReference',
  'taskMarker',
]);

function writeInlines(writer: InlineWriter, nodes: readonly Nodes[], context: Context): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'tcy':
        writer.text(nodeValueUnits(node, context.source));
        break;
      case 'inlineCode': {
        const units = unitsOfSpan(node, context.source);
        if (units) writer.literal('code', units);
        break;
      }
      case 'break':
        writer.lineBreak(node.position?.start.offset ?? 0);
        break;
      case 'html':
        if (isComment(node.value)) writer.literal('comment', nodeValueUnits(node, context.source));
        else writer.tag(node.value);
        break;
      case 'ruby':
        writeRuby(writer, node, context);
        break;
      case 'link':
        writer.link(node.url, (inner) => writeInlines(inner, node.children, context));
        break;
      default:
        if (SKIPPED_INLINES.has(node.type)) break;
        // 傍点, emphasis, strong, strikethrough, link references: their text, without the marks.
        if ('children' in node) writeInlines(writer, (node as Parent).children as Nodes[], context);
    }
  }
}

/**
 * Ruby: the base goes into the prose, each reading to the readings. `{東京都|とう|きょう|と}`
 * gives one reading per base character; when the counts differ the processor sets the readings
 * as one group, and so are they checked.
 */
function writeRuby(writer: InlineWriter, node: Extract<Nodes, { type: 'ruby' }>, context: Context): void {
  const [base, ...texts] = node.children;
  const baseWriter = new InlineWriter(context.readings);
  if (base?.type === 'rubyBase') writeInlines(baseWriter, base.children, context);
  const baseText = textOf(baseWriter.inlines);
  for (const inline of baseWriter.inlines) {
    if (inline.kind === 'text') writer.text(inline.units);
    else if (inline.kind === 'code' || inline.kind === 'comment') writer.literal(inline.kind, inline.units);
  }
  const readings = texts.map((text) => {
    const readingWriter = new InlineWriter(context.readings);
    writeInlines(readingWriter, text.children, context);
    const units = emptyUnits();
    for (const inline of readingWriter.inlines) if (inline.kind === 'text') appendUnits(units, inline.units);
    return units;
  });
  const chars = [...baseText];
  if (readings.length > 1 && readings.length === chars.length) {
    readings.forEach((units, index) => context.readings.push({ units, base: chars[index]! }));
  } else if (readings.length > 0) {
    const joined = emptyUnits();
    for (const units of readings) appendUnits(joined, units);
    context.readings.push({ units: joined, base: baseText });
  }
}

function textOf(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'text' ? inline.units.text : '')).join('');
}

function hasText(inlines: readonly Inline[]): boolean {
  return inlines.some((inline) => inline.kind !== 'comment' && inline.kind !== 'break');
}

/** A paragraph that held only comments becomes those comments, as blocks. */
function commentsOf(inlines: readonly Inline[]): Block[] {
  return inlines.flatMap((inline) =>
    inline.kind === 'comment' ? [{ kind: 'Html' as const, units: inline.units }] : [],
  );
}

function isComment(html: string): boolean {
  return /^\s*<!--[\s\S]*-->\s*$/.test(html);
}

/** A literal node's value placed on its source stretch. */
function nodeValueUnits(node: Nodes & { value: string }, source: string): Units {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined)
    return { text: node.value, offsets: Array.from({ length: node.value.length }, () => 0) };
  return valueUnits(node.value, source, start, end);
}

/** A node's source, as written. */
function unitsOfSpan(node: Nodes, source: string): Units | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : sourceUnits(source, start, end);
}
