/** Pointing the images of page trees at their checked files, for the EPUB packager and Chromium. */
import { pathToFileURL } from 'node:url';
import type { Element, ElementContent } from 'hast';
import { visit } from 'unist-util-visit';
import { resolveImage } from '../manuscript/images.ts';

/** Replace every `img` src under `nodes` with the file URL of the checked image; returns the count. */
export async function resolveImages(
  nodes: readonly ElementContent[],
  root: string,
  sourceFile: string | undefined,
): Promise<number> {
  const images: Element[] = [];
  visit({ type: 'root', children: [...nodes] }, 'element', (node: Element) => {
    if (node.tagName === 'img') images.push(node);
  });
  for (const image of images) {
    const place = { file: sourceFile, line: image.position?.start.line, column: image.position?.start.column };
    const file = await resolveImage(String(image.properties.src ?? ''), root, place);
    image.properties.src = pathToFileURL(file.path).href;
  }
  return images.length;
}
