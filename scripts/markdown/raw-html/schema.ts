/**
 * The HTML a manuscript may contain, as a rehype-sanitize schema. It covers what the Markdown
 * stage itself makes (ruby, notes, layout classes, `epub:type`, ARIA) and the harmless HTML an
 * author writes by hand; scripts, frames, forms, styles and event handlers are not in it, nor
 * attributes the EPUB packager would drop (`width`, `cite`, `datetime`, …).
 */
import type { Schema } from 'hast-util-sanitize';

/** The HTML heading elements, from the highest rank. */
export const HEADING_TAGS: readonly string[] = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** Classes an author writes to set text upright or sideways (the 電書協 guide's names, which VFM users use too). */
export const ORIENTATION_CLASSES: readonly string[] = ['tcy', 'upright', 'sideways'];

/** Our sanitising schema. */
export const manuscriptSchema: Schema = {
  tagNames: [
    'a',
    'abbr',
    'aside',
    'b',
    'bdi',
    'bdo',
    'blockquote',
    'br',
    'cite',
    'code',
    'dd',
    'del',
    'dfn',
    'div',
    'dl',
    'dt',
    'em',
    'figcaption',
    'figure',
    ...HEADING_TAGS,
    'hr',
    'i',
    'img',
    'ins',
    'kbd',
    'li',
    'mark',
    'ol',
    'p',
    'pre',
    'q',
    'rb',
    'rp',
    'rt',
    'ruby',
    's',
    'samp',
    'section',
    'small',
    'span',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'time',
    'tr',
    'u',
    'ul',
    'var',
    'wbr',
  ],
  attributes: {
    '*': [
      'className',
      'id',
      'lang',
      'title',
      'dir',
      'role',
      'ariaLabel',
      'ariaLabelledBy',
      'ariaDescribedBy',
      'ariaHidden',
      'epub:type',
    ],
    a: ['href'],
    img: ['src', 'alt'],
    td: ['colSpan', 'rowSpan', 'align'],
    th: ['colSpan', 'rowSpan', 'align'],
    ol: ['start'],
  },
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    // Remote images pass here so that the image check can refuse them with a clear message.
    src: ['http', 'https'],
  },
  // Elements whose content is code, not text: removed whole. Others outside the list are
  // unwrapped, keeping their text.
  strip: [
    'script',
    'style',
    'template',
    'iframe',
    'object',
    'embed',
    'noscript',
    'textarea',
    'select',
    'svg',
    'math',
    'title',
  ],
  // Our ids are chapter-prefixed by their own step; without scripts, DOM clobbering is moot.
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};
