/**
 * A realistic long Japanese book for benchmarks, generated deterministically from a seed:
 * chapters of dialogue and narration with ruby, 縦中横 numbers, 傍点, and ―― and …… at the density
 * of a web novel (a ruby every ~400 characters, a number every ~300, emphasis every ~800, a dash
 * and a leader every ~1,000).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Size and shape of the generated book. */
export interface BookShape {
  chapters: number;
  /** Total characters of text, roughly. */
  characters: number;
  seed: number;
}

const SUBJECTS = ['ジョバンニ', '先生', '彼女', '少年', '母', '駅長', '旅人', '猫', 'わたし', '友人たち'];
const PLACES = ['川べり', '丘の上', '停車場', '学校', '町はずれ', '銀河のほとり', '古い図書館', '港'];
const VERBS = [
  '歩いていきました',
  '黙って空を見上げました',
  '小さく笑いました',
  '手紙を書きはじめました',
  'ふり返りました',
  '窓をあけました',
];
const CLAUSES = [
  '風がつめたく吹いていて',
  'あたりはすっかり暗くなり',
  '遠くで汽笛が鳴ったので',
  '雨がやんだばかりで',
  '灯りがひとつずつともりはじめ',
];
const RUBY: [string, string][] = [
  ['銀河', 'ぎんが'],
  ['鉄道', 'てつどう'],
  ['蝎', 'さそり'],
  ['燐光', 'りんこう'],
  ['天気輪', 'てんきりん'],
  ['硝子', 'ガラス'],
  ['三角標', 'さんかくひょう'],
  ['烏瓜', 'からすうり'],
];
const EMPHASIS = ['ほんとう', 'たしかに', 'いつまでも', 'まっすぐに'];

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Write `book.yaml` and the chapters into `dir`; returns the number of characters written. */
export async function generateBook(dir: string, shape: BookShape): Promise<number> {
  const next = random(shape.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const perChapter = Math.floor(shape.characters / shape.chapters);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'book.yaml'),
    `title: 銀河のほとりで（ベンチマーク用）\nauthor: 生成された著者\npublisher: ベンチマーク出版\ndate: 2026-11-23\n`,
  );
  let total = 0;
  for (let chapter = 1; chapter <= shape.chapters; chapter++) {
    const lines = [`# 第${chapter}章　${pick(PLACES)}にて`, ''];
    let written = 0;
    while (written < perChapter) {
      let paragraph = '';
      const sentences = 2 + Math.floor(next() * 5);
      for (let s = 0; s < sentences; s++) {
        const roll = next();
        if (roll < 0.05) {
          // Dashes and leaders, which must never be split between two lines (分離禁止).
          paragraph += `「……${pick(CLAUSES)}」と${pick(SUBJECTS)}は言いかけて――${pick(VERBS)}。`;
        } else if (roll < 0.25) {
          paragraph += `「${pick(CLAUSES)}、${pick(SUBJECTS)}は${pick(VERBS).replace(/ました$/, 'ます')}ね」`;
        } else {
          paragraph += `${pick(CLAUSES)}、${pick(SUBJECTS)}は${pick(PLACES)}で${pick(VERBS)}。`;
        }
        if (next() < 0.12) {
          const [base, reading] = pick(RUBY);
          paragraph +=
            next() < 0.5
              ? `{${base}|${reading}}のことを思い出しました。`
              : `｜${base}《${reading}》のことを考えました。`;
        }
        if (next() < 0.1)
          paragraph += `時計はもう${1 + Math.floor(next() * 12)}時を${10 + Math.floor(next() * 49)}分まわっていました。`;
        if (next() < 0.05) paragraph += `それは《《${pick(EMPHASIS)}》》のことでした。`;
      }
      lines.push(paragraph, '');
      written += [...paragraph].length;
    }
    total += written;
    await writeFile(join(dir, `${String(chapter).padStart(2, '0')}.md`), lines.join('\n'));
  }
  return total;
}
