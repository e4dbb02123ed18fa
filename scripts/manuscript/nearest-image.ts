/**
 * The image file a reference most likely meant, for the "did you mean" of a missing image: an
 * image of the same name in another folder of the manuscript (`lighthouse.png` for
 * `images/lighthouse.png`), else the image whose path is a typo away (`images/lighthose.png`).
 */
import { readdir } from 'node:fs/promises';
import { extname, join, posix, relative, sep } from 'node:path';
import { closestMatch } from '../config/did-you-mean.ts';

/** Folders that hold no manuscript images, and could hold very many files. */
const SKIPPED = new Set(['node_modules', 'dist', '.git', '.cache']);
/** How many entries are looked at at most: a manuscript folder is small, a mistaken root may not be. */
const MAX_ENTRIES = 5000;

/** The manuscript's image file nearest to `reference` (a path relative to `root`), if one is near enough. */
export async function nearestImage(root: string, reference: string, extensions: ReadonlySet<string>): Promise<string | undefined> {
  const wanted = posix.normalize(reference.replace(/^\.\//, ''));
  // Names are compared, not paths: the folder they share would make any two names look close.
  // An image in the folder the reference names comes first.
  const folder = posix.dirname(wanted);
  const images = (await imageFiles(root, extensions)).sort(
    (a, b) => Number(posix.dirname(b) === folder) - Number(posix.dirname(a) === folder),
  );
  const names = images.map((image) => posix.basename(image));
  const name = posix.basename(wanted);
  const sameName = images.find((image) => posix.basename(image).toLowerCase() === name.toLowerCase());
  if (sameName) return sameName;
  const closest = closestMatch(name, names);
  return closest === undefined ? undefined : images[names.indexOf(closest)];
}

/** Every image file under `root` as a path relative to it with `/`, hidden and build folders left out. */
async function imageFiles(root: string, extensions: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  const folders = [root];
  let seen = 0;
  while (folders.length > 0 && seen < MAX_ENTRIES) {
    const folder = folders.shift()!;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      seen++;
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (extensions.has(extname(entry.name).toLowerCase())) found.push(relative(root, path).split(sep).join('/'));
    }
  }
  return found;
}
