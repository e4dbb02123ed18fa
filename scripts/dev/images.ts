/**
 * Images in the preview. Every `img` of a chapter is checked with the build's own rules
 * (`resolveImage`: a file inside the manuscript, no remote URL, the format its name says) and
 * pointed at the preview server's `/__manuscript/` route; one that fails keeps its alt text and
 * loses its source, and the problem is shown as the build would report it.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from '../markdown/visit.ts';
import { BuildError } from '../errors.ts';
import { resolveImage } from '../manuscript/images.ts';
import { problemOf, type Problem } from './problems.ts';

/** Where the server serves manuscript images from. */
export const IMAGE_ROUTE = '/__manuscript/';

/** An image element of a chapter and the reference the author wrote. */
export interface PreviewImage {
  element: Element;
  reference: string;
}

/** What checking a chapter's images found. */
export interface ImageCheck {
  problems: Problem[];
  /** Folders the images are (or, missing, would be) in, to be watched for new and replaced files. */
  folders: string[];
}

/** The images of a freshly parsed chapter tree, before anything rewrites their sources. */
export function collectImages(tree: Root): PreviewImage[] {
  const images: PreviewImage[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'img') images.push({ element: node, reference: String(node.properties.src ?? '') });
  });
  return images;
}

/**
 * Check images and point each at its route. `version` goes into a query so that a browser
 * loads an image again after the author replaced the file.
 */
export async function pointImages(
  images: readonly PreviewImage[],
  root: string,
  sourceFile: string,
  version: number,
): Promise<ImageCheck> {
  const check: ImageCheck = { problems: [], folders: [] };
  for (const { element, reference } of images) {
    const place = { file: sourceFile, line: element.position?.start.line, column: element.position?.start.column };
    try {
      const file = await resolveImage(reference, root, place);
      element.properties.src = `${IMAGE_ROUTE}${relative(root, file.path).split(sep).map(encodeURIComponent).join('/')}?v=${version}`;
      check.folders.push(dirname(file.path));
    } catch (error) {
      delete element.properties.src;
      check.problems.push(problemOf(error, sourceFile));
      // A missing image has passed the checks on its path, so its folder is inside the manuscript.
      if (error instanceof BuildError && error.ruleId === 'image-missing')
        check.folders.push(folderOf(reference, root));
    }
  }
  return check;
}

/** The folder an image reference points into, read as `resolveImage` reads it. */
function folderOf(reference: string, root: string): string {
  let path = reference.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    // A stray `%` is taken literally, as resolveImage takes it.
  }
  return dirname(resolve(root, path));
}
