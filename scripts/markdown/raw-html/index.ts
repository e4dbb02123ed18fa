/**
 * Raw HTML in Markdown: parsed in place (rehype-raw), checked against the schema with a warning
 * for every element, attribute or URL that goes, then sanitised (rehype-sanitize). Malformed
 * markup is repaired by the HTML parser, so the output is always well-formed.
 */
import type { Element, Root, RootContent } from 'hast';
import type { Raw } from 'mdast-util-to-hast';
import rehypeSanitize from 'rehype-sanitize';
import { unified, type Processor } from 'unified';
import { visit } from '../visit.ts';
import { VFile } from 'vfile';
import { manuscriptSchema, ORIENTATION_CLASSES } from './schema.ts';
import { reportNotation } from '../notation-rules.ts';

const schema = manuscriptSchema;
const allowedTags = new Set(schema.tagNames);
const stripped = new Set(schema.strip);

/**
 * Rehype plugin: admit raw HTML safely. Re-parsing a chapter with an HTML parser is the costliest
 * step of the Markdown stage, so only the blocks that hold raw HTML go through it: a run of
 * top-level blocks from one that opens an element in raw HTML to the one that closes it (an
 * element left open takes the rest of the chapter, as the parser would), or a single block
 * whose raw HTML is whole. Everything else in the tree was made by our own handlers.
 */
export function rehypeRawHtml(this: Processor) {
  // The HTML parser (parse5, a fifth of the Markdown stage's code) is loaded for the first chapter
  // that holds raw HTML, not for every build: most books hold none.
  const load = () => import('rehype-raw').then(({ default: rehypeRaw }) => unified().use(rehypeRaw).freeze());
  let parser: ReturnType<typeof load> | undefined;
  const htmlParser = () => (parser ??= load());
  const check = unified()
    .use(rehypeReportUnsafeHtml)
    .use(rehypeSanitize, schema)
    .use(rehypeOrientationClasses)
    .freeze();
  // The parser is given an empty file: it reads a file only to give the root it returns a position,
  // and measuring that position scans the whole chapter file again for every group — quadratic in a
  // one-file novel with a raw <ruby> every few paragraphs. The nodes keep their places (they come
  // from the nodes' own positions), and the checks that warn get the real file.
  const noFile = new VFile();
  return async (tree: Root, file: VFile): Promise<Root> => {
    const groups = rawGroups(tree.children);
    if (groups.length === 0) return tree;
    const parse = await htmlParser();
    // From the last, so that earlier indexes stay valid while groups are replaced.
    for (const [start, end] of groups.reverse()) {
      const part: Root = { type: 'root', children: tree.children.slice(start, end) };
      const parsed = (await parse.run(part, noFile)) as Root;
      const done = (await check.run(parsed, file)) as Root;
      tree.children.splice(start, end - start, ...done.children);
    }
    return tree;
  };
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const TAG = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** How many elements raw HTML leaves open (an end tag with nothing open to close counts for nothing). */
function openedBy(html: string, open: number): number {
  for (const match of html.matchAll(TAG)) {
    const [, end, name, selfClosing] = match;
    if (!name || VOID_ELEMENTS.has(name.toLowerCase()) || selfClosing) continue;
    open = end ? Math.max(0, open - 1) : open + 1;
  }
  return open;
}

/** The raw HTML inside a node, in document order. */
function rawOf(node: RootContent): string[] {
  if (node.type === 'raw') return [node.value];
  if (node.type !== 'element') return [];
  const found: string[] = [];
  visit(node, 'raw', (raw: Raw) => {
    found.push(raw.value);
  });
  return found;
}

/** Runs [start, end) of top-level nodes that must be parsed together because of their raw HTML. */
function rawGroups(children: readonly RootContent[]): [number, number][] {
  const groups: [number, number][] = [];
  let start = -1;
  let open = 0;
  children.forEach((child, index) => {
    const raw = rawOf(child);
    if (raw.length === 0 && start === -1) return;
    if (start === -1) start = index;
    for (const html of raw) open = openedBy(html, open);
    if (open === 0) {
      groups.push([start, index + 1]);
      start = -1;
    }
  });
  if (start !== -1) groups.push([start, children.length]);
  return groups;
}

/**
 * Rehype plugin: inside an element the author set upright or sideways by hand
 * (`<span class="tcy">12</span>`), automatic 縦中横 would nest a second one; the author's wins.
 */
function rehypeOrientationClasses() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (!classesOf(node).some((name) => ORIENTATION_CLASSES.includes(name))) return undefined;
      visit(node, 'element', (inner: Element, index, parent) => {
        if (inner === node || !parent || index === undefined) return undefined;
        if (inner.tagName === 'span' && classesOf(inner).length === 1 && classesOf(inner)[0] === 'tcy') {
          parent.children.splice(index, 1, ...inner.children);
          return index;
        }
        return undefined;
      });
      return 'skip';
    });
  };
}

function classesOf(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** Rehype plugin: warn about everything the sanitiser is about to remove. */
function rehypeReportUnsafeHtml() {
  return (tree: Root, file: VFile) => {
    const report = (reason: string, node: Element) => reportNotation(file, 'unsafe-html', reason, node.position);
    visit(tree, 'element', (node: Element) => {
      if (!allowedTags.has(node.tagName)) {
        report(
          stripped.has(node.tagName)
            ? `removed <${node.tagName}> and its content: scripts, styles, frames and embedded objects are not allowed in a book`
            : `removed the <${node.tagName}> tag (its text is kept): it is not allowed in a book`,
          node,
        );
        // A removed element's attributes go with it; its children are checked on their own.
        return stripped.has(node.tagName) ? 'skip' : undefined;
      }
      for (const [name, value] of Object.entries(node.properties)) {
        if (!attributeAllowed(node.tagName, name)) {
          report(`removed the attribute ${attributeName(name)} from <${node.tagName}>`, node);
        } else if (typeof value === 'string' && !protocolAllowed(name, value)) {
          report(
            `removed the link ${JSON.stringify(value.slice(0, 60))} from <${node.tagName}>: only web, mail and in-book links are allowed`,
            node,
          );
        }
      }
      return undefined;
    });
  };
}

function attributeAllowed(tagName: string, name: string): boolean {
  const lists = [schema.attributes?.['*'] ?? [], schema.attributes?.[tagName] ?? []];
  return lists.some((list) => list.some((entry) => (Array.isArray(entry) ? entry[0] : entry) === name));
}

function protocolAllowed(name: string, value: string): boolean {
  const protocols = schema.protocols?.[name];
  if (!protocols) return true;
  // The same test as hast-util-sanitize: a colon before any of `/?#` marks a protocol.
  const colon = value.indexOf(':');
  const relative =
    colon === -1 ||
    ['/', '?', '#'].some((mark) => {
      const at = value.indexOf(mark);
      return at !== -1 && at < colon;
    });
  return relative || protocols.includes(value.slice(0, colon).toLowerCase());
}

/** `onClick` → `onclick`, `ariaHidden` → `aria-hidden`, as the author wrote it. */
function attributeName(property: string): string {
  return property.startsWith('data') || property.startsWith('aria')
    ? property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
    : property.toLowerCase();
}
