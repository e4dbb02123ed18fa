/**
 * The encoding of a text file, found from its bytes: UTF-8 (with or without BOM), or Shift_JIS as
 * Windows writes it (CP932, the 青空文庫 archive's encoding). Node's TextDecoder is the WHATWG
 * Shift_JIS decoder, which is CP932: NEC and IBM extensions (①, Ⅰ, 纊) and CP932's mappings of
 * ～ and － — what every 青空文庫 tool reads. A byte that decodes in neither is an error at its line
 * and column, never a replacement character in the book.
 */
import { isUtf8 } from 'node:buffer';
import { BuildError } from '../errors.ts';

const REPLACEMENT = '\uFFFD';

/** The text of a file's bytes, or a BuildError at the first byte that is not text. */
export function decodeText(bytes: Buffer, path: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
    throw undecodable(path, new TextDecoder('utf-8').decode(bytes), 'UTF-8');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new BuildError('file is UTF-16 text, which is not read (UTF-16 には対応していません)', {
      file: path,
      line: 1,
      column: 1,
      hint: 'save it as UTF-8 (or Shift_JIS)',
      ruleId: 'encoding-unsupported',
    });
  }
  if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  const sjis = new TextDecoder('shift_jis').decode(bytes);
  if (!sjis.includes(REPLACEMENT)) return sjis;
  // Neither: report the place in the reading with fewer bad bytes, the more likely encoding.
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  const count = (text: string) => text.split(REPLACEMENT).length;
  throw count(utf8) < count(sjis) ? undecodable(path, utf8, 'UTF-8') : undecodable(path, sjis, 'Shift_JIS');
}

function undecodable(path: string, decoded: string, encoding: 'UTF-8' | 'Shift_JIS'): BuildError {
  const index = decoded.indexOf(REPLACEMENT);
  const before = decoded.slice(0, index);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return new BuildError(
    `file is neither UTF-8 nor Shift_JIS text: a byte here cannot be read as ${encoding} (文字コードを判別できません)`,
    {
      file: path,
      line,
      column,
      hint: 'save the file as UTF-8 or Shift_JIS (CP932); a file in another encoding (EUC-JP, …) can be converted with iconv',
      ruleId: 'encoding-unknown',
    },
  );
}
