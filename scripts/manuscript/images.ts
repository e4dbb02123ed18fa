/**
 * Images a chapter refers to. Only files inside the manuscript folder are used; a remote URL is
 * refused, because a build never goes on the network, and a file is checked to be the image
 * its name says it is (a reading system trusts the declared type).
 */
import { open, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { BuildError, type Place } from '../errors.ts';
import { imageFacts, type ImageFacts } from './image-facts.ts';
import { insideRoot } from './load.ts';
import { nearestImage } from './nearest-image.ts';

/** A resolved, checked image file. */
export interface ImageFile {
  path: string;
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/svg+xml';
  /** Its size in pixels and recorded resolution, when its header says (the print layout sizes pictures by them). */
  facts?: ImageFacts;
}

const BY_EXTENSION: Record<string, ImageFile['mediaType']> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

/** Resolve an image reference from a chapter (or the cover setting) to a checked file. */
export async function resolveImage(reference: string, root: string, place: Place): Promise<ImageFile> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference) || reference.startsWith('//')) {
    throw new BuildError(`image "${reference}" is not a file in the manuscript: builds never fetch from the network`, {
      ...place,
      hint: 'download the image into the manuscript folder (e.g. images/) and refer to it by its relative path',
      ruleId: 'image-remote',
    });
  }
  let decoded = reference;
  try {
    decoded = decodeURIComponent(reference.replace(/[?#].*$/, ''));
  } catch {
    // A stray `%` is taken literally, as a file name may contain one.
  }
  const path = await insideRoot(root, decoded, place);
  const declared = BY_EXTENSION[extname(path).toLowerCase()];
  if (!declared) {
    throw new BuildError(`image "${reference}" has an unsupported type; use PNG, JPEG, GIF or SVG`, {
      ...place,
      ruleId: 'image-type',
    });
  }
  const head = await readHead(path).catch(async (cause: NodeJS.ErrnoException) => {
    throw await missingImage(reference, decoded, root, place, cause);
  });
  const actual = sniff(head);
  if (actual !== declared) {
    throw new BuildError(
      actual
        ? `image "${reference}" is really ${actual.replace('image/', '').toUpperCase()}, not what its name says`
        : `"${reference}" is not an image (画像ファイルではありません)`,
      { ...place, hint: actual ? 'rename the file to match its format' : undefined, ruleId: 'image-invalid' },
    );
  }
  const facts = imageFacts(await readFile(path));
  return facts ? { path, mediaType: declared, facts } : { path, mediaType: declared };
}

/** The error for an image that is not there, naming the nearest image file there is. */
async function missingImage(
  reference: string,
  decoded: string,
  root: string,
  place: Place,
  cause: NodeJS.ErrnoException,
): Promise<BuildError> {
  const nearest =
    cause.code === 'ENOENT' ? await nearestImage(root, decoded, new Set(Object.keys(BY_EXTENSION))) : undefined;
  const hint = nearest
    ? `the nearest image in the manuscript folder is ${nearest}: correct the reference, or rename the file`
    : cause.code === 'ENOENT'
      ? 'check the file name and that the file is inside the manuscript folder'
      : undefined;
  return new BuildError(`image not found: ${reference}${nearest ? ` (did you mean "${nearest}"?)` : ''}`, {
    ...place,
    hint,
    ruleId: 'image-missing',
    cause,
  });
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(512);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The image format the file's first bytes show. */
function sniff(head: Uint8Array): ImageFile['mediaType'] | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'image/svg+xml';
  return undefined;
}
