/**
 * Reading a 青空文庫 text file (`.txt`) as the archive distributes it: Shift_JIS (CP932) or UTF-8,
 * with or without BOM, CRLF or LF line ends; the header (title, subtitle, author, translator,
 * editor), the `【テキスト中に現れる記号について】` block, the body, and the credits (底本, 入力,
 * 校正) found by 青空文庫's own layout rules, as its converter aozora2html finds them.
 */
import { VFile } from 'vfile';
import type { AozoraTextLayout } from '../markdown/aozora/index.ts';
import { readGaiji } from '../markdown/aozora/gaiji/describe.ts';
import { decodeText } from './decode.ts';
import { readBytes, readSourceFile, sourceFile } from './read-text.ts';

/** A 青空文庫 text read: the file, its layout, and the header lines as text. */
export interface AozoraText {
  file: VFile;
  /** The header's lines, ruby and annotations left out, 外字 as characters. */
  header: string[];
}

/** How the header is used: as the book's metadata (a one-file book), or as the chapter's title. */
export type HeaderRole = 'metadata' | 'title';

/** The most lines a header has (title, original title, subtitle, original subtitle, author, translator). */
const MAX_HEADER_LINES = 6;
const RULE = /^-{10,}\s*$/;

/** Read a 青空文庫 text file into a VFile whose `data.aozoraText` says where its parts are. */
export async function readAozoraText(path: string, role: HeaderRole): Promise<AozoraText> {
  const file = sourceFile(path, decodeText(await readBytes(path), path));
  const lines = String(file.value).split('\n');
  const { layout, header } = findLayout(lines, role);
  file.data.aozoraText = layout;
  return { file, header: header.map(headerText) };
}

/** Where the parts of a 青空文庫 text are, from its text (as `readAozoraText` decoded and cleaned it). */
export function aozoraLayout(text: string, role: HeaderRole): AozoraTextLayout {
  return findLayout(text.split('\n'), role).layout;
}

/**
 * The header is the lines before the first blank line (aozora2html's rule); a text whose first
 * blank line comes later than a header could has only its first line as the header. After it, a
 * block between two lines of dashes explains the notation; the credits start at `底本：` at the
 * start of a line, or after `［＃本文終わり］`.
 */
function findLayout(lines: string[], role: HeaderRole): { layout: AozoraTextLayout; header: string[] } {
  const blank = lines.findIndex((line) => line.trim() === '');
  const headerCount = blank === -1 || blank > MAX_HEADER_LINES ? Math.min(1, lines.length) : blank;
  const header = lines.slice(0, headerCount);
  const layout: AozoraTextLayout = { skip: [] };
  if (headerCount > 0) {
    if (role === 'metadata') layout.skip.push([1, headerCount]);
    else layout.titleLines = [1, headerCount];
  }
  let at = headerCount;
  while (at < lines.length && lines[at]!.trim() === '') at++;
  if (at < lines.length && RULE.test(lines[at]!)) {
    const close = lines.findIndex((line, index) => index > at && RULE.test(line));
    // A first rule with no second is not the notes block: the text is kept.
    if (close !== -1) {
      layout.skip.push([at + 1, close + 1]);
      at = close + 1;
    }
  }
  const credits = lines.findIndex((line, index) => index >= at && /^底本：/.test(line));
  const bodyEnd = lines.findIndex((line, index) => index >= at && /^\s*［＃本文終わり］\s*$/.test(line));
  const from = [credits, bodyEnd].filter((index) => index !== -1);
  if (from.length > 0) layout.creditsFrom = Math.min(...from) + 1;
  return { layout, header };
}

/** A header line as metadata text: ruby readings and annotations out, 外字 as characters. */
function headerText(line: string): string {
  return line
    .replace(/※［＃([^］]*)］/g, (_, inner: string) => readGaiji(inner).char ?? '※')
    .replace(/《[^》]*》/g, '')
    .replace(/｜/g, '')
    .replace(/［＃[^］]*］/g, '')
    .trim();
}

/**
 * A chapter file read again as it was read first (the preview re-reads a file that changed): a
 * 青空文庫 text with its header used as before, anything else as Markdown.
 */
export async function readChapterAgain(path: string, before: VFile | undefined): Promise<VFile> {
  const layout = before?.data.aozoraText;
  if (!layout) return readSourceFile(path);
  return (await readAozoraText(path, layout.titleLines ? 'title' : 'metadata')).file;
}
