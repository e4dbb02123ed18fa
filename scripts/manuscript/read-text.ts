/**
 * Reading one source file as text the way a Japanese author's files come: UTF-8 (with or
 * without BOM), any line ends, combining kana marks from macOS; anything else is an error
 * that says where the first bad byte is.
 */
import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { VFile } from 'vfile';
import { BuildError } from '../errors.ts';

/** Read a UTF-8 text file into a VFile, normalised: no BOM, LF line ends, composed kana. */
export async function readSourceFile(path: string): Promise<VFile> {
  const bytes = await readBytes(path);
  if (!isUtf8(bytes)) throw notUtf8(path, bytes);

  return sourceFile(path, new TextDecoder('utf-8').decode(bytes));
}

/**
 * A source file from its decoded text, normalised as `readSourceFile` does it (the preview makes
 * a file afresh from the text it read before, to parse it again without reading it again).
 */
export function sourceFile(path: string, decoded: string): VFile {
  const file = new VFile({ path });
  file.value = cleanText(decoded, file);
  // Proofreading reports places in the file as the author's editor shows it; keeping the text
  // here spares it reading the file a second time.
  if (decoded !== file.value) file.data.decodedText = decoded;
  return file;
}

declare module 'vfile' {
  interface DataMap {
    /** The file's text as decoded, when `cleanText` changed it (a BOM, CR line ends, controls, NFD). */
    decodedText?: string;
  }
}

/** A file's bytes; a file that cannot be read is a build error at that file. */
export async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new BuildError(`cannot read file: ${(cause as NodeJS.ErrnoException).code ?? cause}`, {
      file: path,
      cause,
      ruleId: 'file-unreadable',
    });
  }
}

/** Normalise decoded text; problems that do not stop the build become messages on `file`. */
export function cleanText(raw: string, file: VFile): string {
  let text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Only runs that carry combining marks are composed: a blanket NFC would also replace CJK
  // compatibility ideographs (e.g. 神 U+FA19) with their unified forms, changing glyphs the
  // author chose on purpose.
  text = text.replace(/\P{M}\p{M}+/gu, (run) => run.normalize('NFC'));

  // XML 1.0 cannot carry C0 controls (other than tab and newline) or U+FFFE/U+FFFF, and C1
  // controls are invisible debris from mis-decoded files: report and drop them.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/gu;
  const first = control.exec(text);
  if (first) {
    const count = text.match(control)?.length ?? 1;
    const before = text.slice(0, first.index);
    const line = before.split('\n').length;
    const column = first.index - before.lastIndexOf('\n');
    const message = file.message(
      `removed ${count} control character${count > 1 ? 's' : ''} (U+${first[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} first) that cannot appear in a book`,
      { place: { line, column }, ruleId: 'control-character', source: 'manuscript' },
    );
    // Read as the hint: the characters came from a copy and paste or a conversion, and the author may not see them.
    message.note =
      'delete them from the file (npm run lint shows each one, as no-invalid-control-character); the book is built without them';
    text = text.replace(control, '');
  }
  return text;
}

function notUtf8(path: string, bytes: Uint8Array): BuildError {
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  return new BuildError('file is not valid UTF-8 text (文字コードが UTF-8 ではありません)', {
    file: path,
    line,
    column,
    hint: 'save it as UTF-8; a Shift_JIS file can be converted with `iconv -f SHIFT_JIS -t UTF-8`',
    ruleId: 'not-utf8',
  });
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}
