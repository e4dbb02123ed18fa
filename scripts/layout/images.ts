/** Pointing the images of page trees at the files checked when the book loaded, for the EPUB packager and Chromium. */
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent } from 'hast';
import { visit } from '../markdown/visit.ts';
import type { BookAssets } from '../manuscript/assets.ts';

/** Replace every `img` src under `nodes` with the file URL of its checked image; returns the count. */
export function pointImages(nodes: readonly ElementContent[], assets: BookAssets): number {
  let count = 0;
  visit({ type: 'root', children: [...nodes] }, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    const reference = String(node.properties.src ?? '');
    const file = assets.images.get(reference);
    // loadBook resolved every image of every chapter, or stopped the build.
    if (!file) throw new Error(`image "${reference}" was not resolved when the book loaded`);
    node.properties.src = pathToFileURL(file.path).href;
    count++;
  });
  return count;
}
