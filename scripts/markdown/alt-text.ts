/**
 * Images without a description. A reading system reads the alt text aloud and shows it when the
 * image cannot be; the EPUB packager would put "image-placeholder" there, so a description is
 * asked for, and a neutral one (画像) stands in meanwhile.
 */
import type { Element, Root } from 'hast';
import { visit } from './visit.ts';
import type { VFile } from 'vfile';
import { reportNotation } from './notation-rules.ts';

/** Rehype plugin: report images with no alt text and give them a neutral one. */
export function rehypeAltText() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const alt = node.properties.alt;
      if (typeof alt === 'string' && alt.trim() !== '') return;
      reportNotation(
        file,
        'image-alt',
        'image has no description (代替テキストがありません); write one in ![…](file)',
        node.position,
      );
      node.properties.alt = '画像';
    });
  };
}
