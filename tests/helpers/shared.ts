/**
 * Texts shared with the project but not part of it (the seed article, the 青空文庫 corpus), read
 * from `../shared/`. A checkout without that folder skips the tests that need it, loudly.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const shared = (path: string) => fileURLToPath(new URL(`../../../shared/${path}`, import.meta.url));

/** The seed article the sample book is made from. */
export const seedPath = shared('seed/000_e219ee4a27547565.txt');
/** 宮沢賢治『銀河鉄道の夜』 from 青空文庫. */
export const corpusPath = shared('corpus/ginga-tetsudo-no-yoru.txt');

/** Whether a shared text is here; says so on the console when it is not. */
export function available(path: string): boolean {
  const found = existsSync(path);
  if (!found) console.warn(`skipping: ${path} is not in this checkout`);
  return found;
}
