/**
 * Character classes of Japanese text, as the notations need them. Each is a test on one
 * character (a code point given as a string).
 */

// 々 (repetition), 〆 (shime), 〇 (zero), ヵ ヶ (small ka/ke read as 箇) count as kanji in ruby
// bases, as they do in 青空文庫 and on the web-novel sites.
const KANJI = /^[\p{Script=Han}々〆〇ヵヶ仝]$/u;

// East Asian Wide and Fullwidth characters that Japanese text is made of: kana, kanji,
// full-width punctuation and forms. A soft line break between two of these is not a space.
const WIDE =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff01-\uff60\uffe0-\uffe6\u2e80-\u2fdf\u3190-\u31ff\u3200-\u33ff々〆〇ー・]$/u;

const OPENING_BRACKETS = new Set([...'「『（〔［｛〈《【〘〖〝‘“(']);

/** Whether a character can be part of the base of `漢字《かんじ》` ruby written without a bar. */
export function isKanji(char: string): boolean {
  return KANJI.test(char);
}

/** Whether a character is Japanese (kana, kanji, full-width punctuation or form). */
export function isJapanese(char: string | undefined): boolean {
  return char !== undefined && WIDE.test(char);
}

/** Whether a character opens a bracket a paragraph can start with (「『（ …). */
export function isOpeningBracket(char: string | undefined): boolean {
  return char !== undefined && OPENING_BRACKETS.has(char);
}

/** Whether a character is a half-width letter or digit, which makes a Latin word or a number. */
export function isAsciiAlphanumeric(char: string | undefined): boolean {
  return char !== undefined && /^[A-Za-z0-9]$/.test(char);
}

/** The kinds of character a 青空文庫 ruby base without `｜` is a run of (aozora2html's, from the 注記一覧). */
export type AozoraCharType = 'kanji' | 'hiragana' | 'katakana' | 'zenkaku' | 'hankaku';

const AOZORA_TYPES: Array<[AozoraCharType, RegExp]> = [
  ['hiragana', /^[ぁ-ゖゝゞ]$/u],
  ['katakana', /^[ァ-ヴーヽヾ]$/u],
  ['zenkaku', /^[０-９Ａ-Ｚａ-ｚΑ-Ωα-ωА-Яа-яЁё−＆’，．]$/u],
  ['hankaku', /^[A-Za-z0-9#\-&',]$/u],
  ['kanji', /^[\p{Script=Han}々※仝〆〇ヶ]$/u],
];

/**
 * The kind of a character for 青空文庫 ruby: in `ピストル《pistol》` the base is the run of katakana
 * before `《`, in `漢字《かんじ》` the run of kanji (hiragana and katakana are different kinds).
 */
export function aozoraCharType(char: string): AozoraCharType | undefined {
  return AOZORA_TYPES.find(([, pattern]) => pattern.test(char))?.[0];
}
