/**
 * Texts the tests read as real books. Those in the repository are always used: the seed essay the
 * sample book is made from (the project's own sample text) and a 青空文庫-format story written for
 * these tests. A real 青空文庫 text, 宮沢賢治『銀河鉄道の夜』, is not ours to copy into the project;
 * `npm run test:corpus` adds it from `../shared/corpus/` and fails if it is not there.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

/** The seed essay the sample book is made from, word for word. */
export const seedPath = here('seed/essay.txt');

/** A 青空文庫-format text: its path, and the name its chapter file gets. */
export interface AozoraText {
  path: string;
  name: string;
}

/** The 青空文庫-format texts to test with: our own, and the real corpus with `npm run test:corpus`. */
export function aozoraTexts(): AozoraText[] {
  const texts = [{ path: here('aozora/yoru-no-teishaba.txt'), name: 'yoru-no-teishaba' }];
  if (process.env.TATEGAKI_CORPUS) {
    const corpus = fileURLToPath(new URL('../../../shared/corpus/ginga-tetsudo-no-yoru.txt', import.meta.url));
    if (!existsSync(corpus)) throw new Error(`TATEGAKI_CORPUS is set but ${corpus} is not there`);
    texts.push({ path: corpus, name: 'ginga-tetsudo-no-yoru' });
  }
  return texts;
}
