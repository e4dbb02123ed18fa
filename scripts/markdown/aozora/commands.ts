/**
 * What a 青空文庫 annotation says, read from its text: every annotation of the 注記一覧 (the
 * official list), in both forms where it has two (`［＃「X」に傍点］` on the text before it, and
 * `［＃傍点］X［＃傍点終わり］` on a range). Anything else is `unsupported`; a few the book cannot
 * show are `ignored`, with the reason given in the warning.
 */
import type { BlockLayout } from '../block-layout/index.ts';
import { readGaiji } from './gaiji/describe.ts';
import { blockClasses, rangeName, styleNamed, type HeadingVariant, type TargetStyle } from './styles.ts';

export type { HeadingVariant } from './styles.ts';

/**
 * Which kind of block a `ここから…` annotation opens and its `ここで…終わり` closes: 字下げ, 地付き
 * and 字上げ, a 見出し over several lines, or a style (`罫囲み`, `太字`, …) by its name.
 */
export type BlockKind = 'indent' | 'end' | 'heading' | `style:${string}`;

/** The meaning of one annotation. */
export type Command =
  | { kind: 'pageBreak'; recto: boolean }
  | { kind: 'line'; layout: BlockLayout }
  | {
      kind: 'blockStart';
      block: BlockKind;
      layout: BlockLayout;
      heading?: { depth: 1 | 2 | 3; variant: HeadingVariant };
      /** Why the block is set as ordinary text (`ここから１０字詰め`), for a warning. */
      ignored?: string;
    }
  | { kind: 'blockEnd'; block: BlockKind }
  | { kind: 'headingStart'; depth: 1 | 2 | 3; variant: HeadingVariant }
  | { kind: 'headingEnd'; depth: 1 | 2 | 3; variant: HeadingVariant }
  | { kind: 'target'; text: string; style: TargetStyle }
  | { kind: 'rangeStart'; name: string; style: RangeStyle }
  | { kind: 'rangeEnd'; name: string; reading?: string }
  | { kind: 'inline'; style: TargetStyle & { kind: 'element' }; text: string }
  | { kind: 'lineBreak' }
  | { kind: 'image'; src: string; alt: string; page: boolean }
  | { kind: 'editorial' }
  | { kind: 'bodyEnd' }
  | { kind: 'ignored'; reason: string }
  | { kind: 'unsupported' };

/** The styles a range (`［＃傍点］…［＃傍点終わり］`) can give the text between its annotations. */
export type RangeStyle = Exclude<TargetStyle, { kind: 'heading' }>;

const NUMBER = '([0-9０-９]+|[〇一二三四五六七八九十]+)';
const HEADINGS: Record<string, 1 | 2 | 3> = { 大: 1, 中: 2, 小: 3 };
const VARIANTS: Record<string, HeadingVariant> = { '': 'normal', 同行: 'dogyo', 窓: 'mado' };
const HEADING = '(同行|窓|)([大中小])見出し';

const JIZUME = 'a shorter line length is not supported; the lines are set as usual (字詰めは未対応)';

const heading = (m: RegExpMatchArray, at = 1) => ({ depth: HEADINGS[m[at + 1]!]!, variant: VARIANTS[m[at]!]! });
const style = (name: string) => styleNamed(name, count);
const indent = (start: number, wrap?: number): BlockLayout => (wrap === undefined ? { start } : { start, wrap });

const rules: Array<[RegExp, (match: RegExpMatchArray) => Command]> = [
  // Page and column breaks. A book has one column: 改段 starts a new page, as in AozoraEpub3.
  // A spread (改見開き) cannot be asked of a reading system: it starts a new page, as in AozoraEpub3.
  [/^(?:改ページ|改頁|改段|改見開き)$/, () => ({ kind: 'pageBreak', recto: false })],
  [/^改丁$/, () => ({ kind: 'pageBreak', recto: true })],
  // One line: 字下げ, 地付き, 地からN字上げ (地寄せ).
  [new RegExp(`^(?:天から|この行)?${NUMBER}字下げ$`), (m) => ({ kind: 'line', layout: indent(count(m[1]!)) })],
  [
    new RegExp(`^${NUMBER}字下げ、折り返して${NUMBER}字下げ$`),
    (m) => ({ kind: 'line', layout: indent(count(m[1]!), count(m[2]!)) }),
  ],
  [/^地付き$/, () => ({ kind: 'line', layout: { end: 0 } })],
  [new RegExp(`^地から${NUMBER}字上げ$`), (m) => ({ kind: 'line', layout: { end: count(m[1]!) } })],
  // Blocks: `ここから…` to `ここで…終わり`.
  [
    new RegExp(`^ここから${NUMBER}字下げ$`),
    (m) => ({ kind: 'blockStart', block: 'indent', layout: indent(count(m[1]!)) }),
  ],
  [
    new RegExp(`^ここから${NUMBER}字下げ、折り返して${NUMBER}字下げ$`),
    (m) => ({ kind: 'blockStart', block: 'indent', layout: indent(count(m[1]!), count(m[2]!)) }),
  ],
  [
    new RegExp(`^(?:ここから)?(?:改行)?天付き、折り返して${NUMBER}字下げ$`),
    (m) => ({ kind: 'blockStart', block: 'indent', layout: indent(0, count(m[1]!)) }),
  ],
  [/^ここから地付き$/, () => ({ kind: 'blockStart', block: 'end', layout: { end: 0 } })],
  [
    new RegExp(`^ここから地から${NUMBER}字上げ$`),
    (m) => ({ kind: 'blockStart', block: 'end', layout: { end: count(m[1]!) } }),
  ],
  [/^ここ(?:で|まで)字下げ終わり$/, () => ({ kind: 'blockEnd', block: 'indent' })],
  [/^ここ(?:で|まで)(?:地付き|字上げ)終わり$/, () => ({ kind: 'blockEnd', block: 'end' })],
  [
    new RegExp(`^ここから${HEADING}$`),
    (m) => ({ kind: 'blockStart', block: 'heading', layout: {}, heading: heading(m) }),
  ],
  [new RegExp(`^ここ(?:で|まで)${HEADING}終わり$`), () => ({ kind: 'blockEnd', block: 'heading' })],
  [/^ここから(.+)$/, (m) => blockStyle(m[1]!)],
  [/^ここ(?:で|まで)(.+)終わり$/, (m) => blockStyleEnd(m[1]!)],
  // 見出し.
  [new RegExp(`^${HEADING}$`), (m) => ({ kind: 'headingStart', ...heading(m) })],
  [new RegExp(`^${HEADING}終わり$`), (m) => ({ kind: 'headingEnd', ...heading(m) })],
  [
    new RegExp(`^「(.+)」は${HEADING}$`),
    (m) => ({ kind: 'target', text: m[1]!, style: { kind: 'heading', ...heading(m, 2) } }),
  ],
  // Editorial notes on the 底本 (a correction, ママ on a reading): not part of the book's text.
  [/^(?:ルビの)?「.+」は底本では.*$/, () => ({ kind: 'editorial' })],
  [/^ルビの「.+」はママ$/, () => ({ kind: 'editorial' })],
  // An older note that the text before has its ruby (`起上り《レカバリー》［＃「起上り」にルビ］`).
  [/^「.+」にルビ$/, () => ({ kind: 'editorial' })],
  [/^「(.+)」はママ$/, (m) => ({ kind: 'target', text: m[1]!, style: { kind: 'ruby', reading: 'ママ' } })],
  // Ruby and notes beside the text, on the right or (`の左に`) on the left.
  [
    /^「(.+)」(に|の左に)「(.+)」の(?:ルビ|注記)$/,
    (m) => ({ kind: 'target', text: m[1]!, style: ruby(m[3]!, m[2] === 'の左に') }),
  ],
  [
    /^「(.+)」に「(.+)」の傍記$/,
    (m) => ({ kind: 'target', text: m[1]!, style: { kind: 'ruby', reading: [...m[1]!].map(() => m[2]!).join('') } }),
  ],
  // `1［＃「1」はローマ数字、1-13-21］`: the text before is a stand-in for the character a code names.
  [
    /^「(.+)」は(.+、(?:第[34]水準)?[12]-\d{1,2}-\d{1,2}.*|.+、U\+[0-9A-Fa-f]{4,6}.*)$/,
    (m) => replacement(m[1]!, m[2]!),
  ],
  [/^「(.+)」の左に(.+)$/, (m) => target(m[1]!, `左に${m[2]!}`)],
  [/^「(.+)」[には](.+)$/, (m) => target(m[1]!, m[2]!)],
  // 漢文: 返り点 and 訓点送り仮名 stand on their own.
  [/^([一二三四五六七八九十レ上中下甲乙丙丁天地人]+)$/, (m) => inline('返り点', m[1]!)],
  [/^（(.+)）$/, (m) => inline('訓点送り仮名', m[1]!)],
  [/^改行$/, () => ({ kind: 'lineBreak' })],
  // Pictures: `［＃挿絵（fig1.png、横320×縦240）入る］`, `［＃「説明」のキャプション付きの図（…）入る］`.
  [/^(.*)（([^（）、]+\.(?:png|jpe?g|gif|svg))(?:、[^（）]*)?）入る$/i, (m) => image(m[1]!, m[2]!)],
  [/^本文終わり$/, () => ({ kind: 'bodyEnd' })],
  [
    /^ページの(?:天地)?左右中央(?:に|から)?$|^(?:改丁|改ページ)、ページの左右中央(?:に)?$|^ページの?左(?:寄せ|下)?で?$/,
    () => ({
      kind: 'ignored',
      reason: 'setting a page apart in its middle is not supported; the lines are set as usual (左右中央は未対応)',
    }),
  ],
  [new RegExp(`^${NUMBER}字詰め$`), () => ({ kind: 'ignored', reason: JIZUME })],
  // Ranges: `［＃傍点］…［＃傍点終わり］`; the ruby and note ranges carry their reading at the end.
  [
    /^(左に)?(?:ルビ付き|注記付き)$/,
    (m) => ({ kind: 'rangeStart', name: `${m[1] ?? ''}ruby`, style: ruby('', !!m[1]) }),
  ],
  [
    /^(左に)?「(.+)」の(?:ルビ|注記)付き終わり$/,
    (m) => ({ kind: 'rangeEnd', name: `${m[1] ?? ''}ruby`, reading: m[2]! }),
  ],
  [
    /^(.+)終わり$/,
    (m) => (style(m[1]!) || /^(大き|小さ)な文字$/.test(m[1]!) ? rangeEnd(m[1]!) : { kind: 'unsupported' }),
  ],
  [/^(.+)$/, (m) => rangeStart(m[1]!)],
];

function ruby(reading: string, left: boolean): Extract<TargetStyle, { kind: 'ruby' }> {
  return left ? { kind: 'ruby', reading, left } : { kind: 'ruby', reading };
}

function target(text: string, name: string): Command {
  const found = style(name);
  return found ? { kind: 'target', text, style: found } : { kind: 'unsupported' };
}

function replacement(text: string, gaiji: string): Command {
  const { char } = readGaiji(gaiji);
  return char ? { kind: 'target', text, style: { kind: 'character', char } } : { kind: 'unsupported' };
}

function inline(name: string, text: string): Command {
  return { kind: 'inline', style: style(name) as TargetStyle & { kind: 'element' }, text };
}

function image(description: string, src: string): Command {
  // `「説明」のキャプション付きの図`: the caption's text follows on the next line, as its own annotation.
  const alt = /^「(.*)」のキャプション付きの図$/.exec(description)?.[1] ?? (description || '挿絵');
  // A 挿絵 (illustration) takes a page of its own, as AozoraEpub3 and printed books set it; a 図
  // or 写真 stays in the flow of the text.
  return { kind: 'image', src, alt, page: description === '挿絵' };
}

function rangeStart(name: string): Command {
  const found = style(name);
  return found && found.kind !== 'heading'
    ? { kind: 'rangeStart', name: rangeName(name), style: found }
    : { kind: 'unsupported' };
}

function rangeEnd(name: string): Command {
  return { kind: 'rangeEnd', name: rangeName(name) };
}

function blockStyle(name: string): Command {
  const classes = blockClasses(name, count);
  if (classes) return { kind: 'blockStart', block: `style:${rangeName(name)}`, layout: { classes } };
  if (/^中央揃え$/.test(name)) return { kind: 'blockStart', block: 'style:中央揃え', layout: { center: true } };
  if (new RegExp(`^${NUMBER}字詰め$`).test(name))
    return { kind: 'blockStart', block: 'style:字詰め', layout: {}, ignored: JIZUME };
  return { kind: 'unsupported' };
}

function blockStyleEnd(name: string): Command {
  if (blockClasses(name, count) || /^(大き|小さ)な文字$/.test(name) || /^(中央揃え|字詰め)$/.test(name))
    return { kind: 'blockEnd', block: `style:${rangeName(name)}` };
  return { kind: 'unsupported' };
}

/** Read an annotation's text (without `［＃` and `］`). */
export function parseCommand(value: string): Command {
  // Some texts write the end of a block or a range in kana (`ここで字下げおわり`).
  const text = value.replace(/おわり$/, '終わり');
  for (const [pattern, make] of rules) {
    const match = pattern.exec(text);
    if (match) return withCharacters(make(match));
  }
  return { kind: 'unsupported' };
}

/**
 * A target or a reading that holds a 外字 (`［＃「※［＃「口＋世」、第3水準1-14-88］」に傍点］`) is read
 * with the 外字 as its character: a target is matched against the text as it is read, and a
 * reading is printed.
 */
function withCharacters(command: Command): Command {
  if (command.kind === 'rangeEnd' && command.reading !== undefined)
    return { ...command, reading: characters(command.reading) };
  if (command.kind !== 'target') return command;
  const style =
    command.style.kind === 'ruby' ? { ...command.style, reading: characters(command.style.reading) } : command.style;
  // Ruby is not part of a target (the 注記一覧's rule), though some texts write it there: `高直《たかね》`.
  const text = characters(command.text).replace(/《[^》]*》|｜/g, '');
  return { ...command, text, style };
}

const characters = (text: string) =>
  text.includes('※［＃')
    ? text.replace(/※［＃((?:[^［］]|［[^］]*］)*)］/g, (_, inner: string) => readGaiji(inner).char ?? '※')
    : text;

/** A count written in half-width, full-width or kanji digits (２, 10, 十二). */
function count(text: string): number {
  const ascii = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  if (/^[0-9]+$/.test(ascii)) return Number(ascii);
  const digits = '〇一二三四五六七八九';
  const [tens, ones] = ascii.includes('十') ? ascii.split('十') : ['', ascii];
  const tensValue = ascii.includes('十') ? (tens ? digits.indexOf(tens) : 1) : 0;
  return tensValue * 10 + (ones ? digits.indexOf(ones) : 0);
}
