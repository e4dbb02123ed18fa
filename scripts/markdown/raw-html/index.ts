/**
 * Raw HTML in Markdown: parsed in place (rehype-raw), checked against the schema with a warning
 * for every element, attribute or URL that goes, then sanitised (rehype-sanitize). Malformed
 * markup is repaired by the HTML parser, so the output is always well-formed.
 */
import type { Element, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import { unified, type Processor } from 'unified';
import { EXIT, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { manuscriptSchema } from './schema.ts';

const schema = manuscriptSchema;
const allowedTags = new Set(schema.tagNames);
const stripped = new Set(schema.strip);

/**
 * Rehype plugin: admit raw HTML safely. Re-parsing a whole chapter with an HTML parser is the
 * costliest step of the Markdown stage, so a chapter without raw HTML skips it: everything else
 * in the tree was made by our own handlers.
 */
export function rehypeRawHtml(this: Processor) {
  const steps = unified()
    .use(rehypeRaw)
    .use(rehypeReportUnsafeHtml)
    .use(rehypeSanitize, schema)
    .use(rehypeOrientationClasses)
    .freeze();
  return async (tree: Root, file: VFile): Promise<Root> => {
    let hasRaw = false;
    visit(tree, 'raw', () => {
      hasRaw = true;
      return EXIT;
    });
    return hasRaw ? ((await steps.run(tree, file)) as Root) : tree;
  };
}

/** Classes an author writes to set text upright or sideways (the 電書協 guide's names, which VFM users use too). */
const ORIENTATION = ['tcy', 'upright', 'sideways'];

/**
 * Rehype plugin: inside an element the author set upright or sideways by hand
 * (`<span class="tcy">12</span>`), automatic 縦中横 would nest a second one; the author's wins.
 */
export function rehypeOrientationClasses() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (!classesOf(node).some((name) => ORIENTATION.includes(name))) return undefined;
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
export function rehypeReportUnsafeHtml() {
  return (tree: Root, file: VFile) => {
    const report = (reason: string, node: Element) =>
      file.message(reason, { place: node.position, ruleId: 'unsafe-html', source: 'markdown' });
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
