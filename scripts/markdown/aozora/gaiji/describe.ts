/**
 * What a 外字 annotation (`※［＃…］`) says, as the 注記一覧 writes it: a description, then, after
 * `、`, a JIS X 0213 面区点 (`第3水準1-85-54`, `第4水準2-1-79`, or bare `1-2-22`), a Unicode code
 * point (`U+20B9F`) for characters JIS X 0213 lacks, and the page and line of the 底本 (`85-13`),
 * which is all a character with no code has.
 */
import { jisX0213Character } from './table.ts';

/** A 外字 annotation read. */
export interface Gaiji {
  /** What the annotation describes, without its 「」 (`にんべん＋參`, `二の字点`). */
  description: string;
  /** The character, when the annotation gives a code that maps to one. */
  char?: string;
  /** The code as written, when there is one (`1-14-41`, `U+6318`), for messages. */
  code?: string;
}

const JIS = /^(?:第[34]水準)?([12])-(\d{1,2})-(\d{1,2})$/;
const UNICODE = /^U\+([0-9A-Fa-f]{4,6})$/;

/** Read the text of a 外字 annotation (between `※［＃` and `］`). */
export function readGaiji(value: string): Gaiji {
  const [head = '', ...rest] = splitTopLevel(value);
  const description = head.startsWith('「') && head.endsWith('」') ? head.slice(1, -1) : head;
  const parts = rest.map((part) => part.trim());
  // A description may say the character is outside JIS X 0213 (非0213外字): its 面区点, if any,
  // is then not a JIS X 0213 code (as aozora2html reads it).
  const outside = parts.includes('非0213外字');
  for (const part of parts) {
    const jis = JIS.exec(part);
    if (jis && !outside) {
      const char = jisX0213Character(Number(jis[1]), Number(jis[2]), Number(jis[3]));
      if (char) return { description, char, code: `${jis[1]}-${jis[2]}-${jis[3]}` };
    }
  }
  for (const part of parts) {
    const unicode = UNICODE.exec(part);
    const point = unicode ? Number.parseInt(unicode[1]!, 16) : Number.NaN;
    if (point <= 0x10ffff && !(point >= 0xd800 && point <= 0xdfff))
      return { description, char: String.fromCodePoint(point), code: `U+${unicode![1]!.toUpperCase()}` };
  }
  const written = parts.find((part) => JIS.test(part) || UNICODE.test(part));
  return written ? { description, code: written } : { description };
}

/** Split at `、` outside 「」 and （）. */
function splitTopLevel(value: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const char of value) {
    if (char === '「' || char === '（') depth++;
    if (char === '」' || char === '）') depth = Math.max(0, depth - 1);
    if (char === '、' && depth === 0) parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts;
}
