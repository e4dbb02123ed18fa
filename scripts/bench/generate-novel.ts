/**
 * A novel as authors keep one, for benchmarks: one Markdown file with YAML front matter,
 * chapters by `#`, long paragraphs of narration and dialogue with a reading (ルビ) every ~40
 * characters on average in the three ways authors write them, some 傍点, quotations and a little
 * raw HTML — the shape of a 青空文庫 text converted to Markdown. Generated deterministically
 * from a seed.
 */
import { writeFile } from 'node:fs/promises';
import { random } from './generate-book.ts';

/** Size and shape of the generated novel. */
export interface NovelShape {
  chapters: number;
  /** Total characters of text, roughly. */
  characters: number;
  seed: number;
}

const NAMES = ['銀河', '鉄道', '燐光', '三角標', '烏瓜', '硝子の筒'];
const READINGS: [string, string][] = [
  ['午后', 'ごご'],
  ['天気輪', 'てんきりん'],
  ['蝎', 'さそり'],
  ['白鳥', 'はくちょう'],
  ['停車場', 'ていしゃば'],
  ['琴', 'こと'],
  ['苹果', 'りんご'],
  ['孔雀', 'くじゃく'],
  ['双子', 'ふたご'],
  ['燈台', 'とうだい'],
];
const NARRATION = [
  'ジョバンニはまっすぐに丘の上の方へ歩いていきました',
  'あたりはすっかり暗くなって遠くで汽笛が鳴りました',
  '川の向こう岸には青い灯がいくつもともっていました',
  '先生はしばらく黙って窓の外をご覧になっていました',
  'カムパネルラは少しきまり悪そうに笑いました',
  '風がつめたく吹いてきて草の葉がさらさらと鳴りました',
];
const SPEECH = ['ぼくはもう行かなくちゃ', 'あれはなんの光だろう', 'ほんとうにそうだろうか', 'きっとまた会えるよ'];

/** Write the novel to `path`; returns the number of characters of text written. */
export async function generateNovel(path: string, shape: NovelShape): Promise<number> {
  const next = random(shape.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const perChapter = Math.floor(shape.characters / shape.chapters);
  const kanji = '一二三四五六七八九十';
  const out = [
    '---',
    'title: 銀河のほとりで（長編ベンチマーク用）',
    'author: 生成された著者',
    'date: 2026-11-23',
    '---',
    '',
  ];
  let total = 0;
  // Every sentence is about 40 characters and carries one reading: one ruby every ~40 characters.
  const sentence = () => {
    const [base, reading] = pick(READINGS);
    const ruby =
      next() < 0.4 ? `｜${base}《${reading}》` : next() < 0.5 ? `{${base}|${reading}}` : `${base}《${reading}》`;
    let text = `${pick(NARRATION)}、${ruby}のそばで${pick(NAMES)}を見ました。`;
    if (next() < 0.03) text += `それは《《${pick(SPEECH)}》》ということでした。`;
    if (next() < 0.005) text += `<span class="gfont">${pick(SPEECH)}</span>と書いてありました。`;
    return text;
  };
  for (let chapter = 1; chapter <= shape.chapters; chapter++) {
    const number = chapter <= 10 ? kanji[chapter - 1]! : `十${kanji[chapter - 11] ?? ''}`;
    out.push(
      `# ${number}　${pick(['午后の授業', '活版所', '家', 'ケンタウル祭の夜', '天気輪の柱', '銀河ステーション'])}`,
      '',
    );
    let written = 0;
    while (written < perChapter) {
      const roll = next();
      let paragraph: string;
      if (roll < 0.02) {
        paragraph = `> ${sentence()}${sentence()}`;
      } else if (roll < 0.3) {
        paragraph = `「${pick(SPEECH)}。${sentence().replace(/。$/, '')}」`;
      } else {
        // Long paragraphs: a novel's narration runs for hundreds of characters.
        paragraph = Array.from({ length: 4 + Math.floor(next() * 12) }, sentence).join('');
      }
      out.push(paragraph, '');
      written += [...paragraph.replace(/[{}|｜《》<>/="a-z]/g, '')].length;
    }
    total += written;
  }
  await writeFile(path, out.join('\n'));
  return total;
}
