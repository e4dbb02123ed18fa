/**
 * The packager's markup without its second parse. epub-gen-memory re-reads every page with an
 * HTML parser (htmlparser2), drops attributes outside its allow-list, and writes the page again
 * as XML (dom-serializer), every non-ASCII character as a numeric reference that package.ts then
 * turns back: on a novel, a parse and two rewrites of every character, a tenth of the EPUB build.
 * For the markup we serialise it changes nothing but the spelling of closed elements, so a page
 * whose markup is shown to come back unchanged is handed over as it will come out, and only a
 * page that might change (an image to register, a character the writer escapes, an attribute it
 * drops, an element its parser treats specially) goes through the packager's own path.
 */
import { allowedAttributes } from 'epub-gen-memory/dist/lib/util/constants.js';

const ALLOWED = new Set<string>(allowedAttributes);
/** htmlparser2's void elements (they never hold content, `<x />` or not). */
const VOID = new Set(
  'area base basefont br col command embed frame hr img input isindex keygen link meta param source track wbr'.split(
    ' ',
  ),
);
/**
 * Elements the packager's path treats in its own way: images (registered and renamed), text
 * read raw or as RCDATA, foreign content, a document's own wrappers. A page with one takes it.
 */
const SPECIAL = new Set(
  'img script style title textarea xmp iframe noembed noframes plaintext svg math html head body'.split(' '),
);
const P = ['p'];
/** htmlparser2's implied end tags: opening the key closes an open element of the list. */
const IMPLIES_CLOSE = new Map<string, readonly string[]>([
  ['tr', ['tr', 'th', 'td']],
  ['th', ['th']],
  ['td', ['thead', 'th', 'td']],
  ['body', ['head', 'link', 'script']],
  ['li', ['li']],
  ['option', ['option']],
  ['optgroup', ['optgroup', 'option']],
  ['dd', ['dd', 'dt']],
  ['dt', ['dd', 'dt']],
  ['rt', ['rt', 'rp']],
  ['rp', ['rt', 'rp']],
  ['tbody', ['thead', 'tbody']],
  ['tfoot', ['thead', 'tbody']],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (tag) => [tag, ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']] as const,
  ),
  ...'h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer form header hr main nav ol p pre section table ul'
    .split(' ')
    .map((tag) => [tag, P] as const),
]);

/**
 * Characters the packager's writer would spell otherwise (`&`, quotes, `>` in text, C1 controls,
 * non-characters, NUL, lone surrogates); the XHTML serialiser escapes `&` and `<` itself, so any
 * escape at all shows here as an `&`.
 */
const REWRITTEN = /[&'\0\x80-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** One tag as the XHTML serialiser writes it: `<name attr="value"…>`, `<name … />` or `</name>`. */
const TAG = /<(\/)?([a-z][a-z0-9-]*)((?: [^\s"'<>/=]+="[^"<>]*")*)( \/)?>/y;
const ATTRIBUTE = / ([^\s"'<>/=]+)="/g;

/** Whether one opening tag comes back from the packager's parser as written, inside `parent`. */
function keepsTag(name: string, attributes: string, closed: boolean, parent: string | undefined): boolean {
  if (SPECIAL.has(name) || closed !== VOID.has(name)) return false;
  if (parent !== undefined && IMPLIES_CLOSE.get(name)?.includes(parent)) return false;
  if (attributes === '') return true;
  ATTRIBUTE.lastIndex = 0;
  for (let found = ATTRIBUTE.exec(attributes); found; found = ATTRIBUTE.exec(attributes))
    if (!ALLOWED.has(found[1]!)) return false;
  return true;
}

/**
 * Whether the packager's parser reads the markup as the tree it was written from. It reads every
 * page of the book, so the text between tags is looked at in place: the next `>` and `"` at or
 * after a point are kept, and found again only once passed.
 */
function readsBack(xhtml: string): boolean {
  const open: string[] = [];
  const after = (mark: string, from: number) => {
    const found = xhtml.indexOf(mark, from);
    return found === -1 ? Infinity : found;
  };
  let gt = after('>', 0);
  let quote = after('"', 0);
  let at = 0;
  while (at < xhtml.length) {
    const next = xhtml.indexOf('<', at);
    if (gt < at) gt = after('>', at);
    if (quote < at) quote = after('"', at);
    // Text (from `at` to the next tag) with a `>` or a `"` in it.
    if (Math.min(gt, quote) < (next === -1 ? xhtml.length : next)) return false;
    if (next === -1) break;
    TAG.lastIndex = next;
    const tag = TAG.exec(xhtml);
    if (!tag) return false;
    const [whole, end, name = '', attributes = '', closed] = tag;
    if (end) {
      if (attributes || closed || open.pop() !== name) return false;
    } else {
      if (!keepsTag(name, attributes, closed !== undefined, open.at(-1))) return false;
      if (!closed) open.push(name);
    }
    at = next + whole.length;
  }
  return open.length === 0;
}

/**
 * A page's markup (from layout/xhtml.ts) as the packager would make it, when that can be shown
 * without its parser: void elements closed `<br/>`, empty elements `<x/>`, all else unchanged.
 * Undefined when the page must go through the packager's own path.
 */
export function packagerMarkup(xhtml: string): string | undefined {
  if (REWRITTEN.test(xhtml) || !readsBack(xhtml)) return undefined;
  return xhtml.replaceAll(' />', '/>').replace(/<([a-z][a-z0-9-]*)((?: [^<>]*)?)><\/\1>/g, '<$1$2/>');
}
