/**
 * A 青空文庫 text as a book (`--manuscript 作品.txt`): the header gives the metadata, by 青空文庫's
 * rules for its header lines (as its converter aozora2html reads them), and a `book.yaml` beside
 * the file may add to it or change it (a cover, print settings, another title).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { VFile } from 'vfile';
import { parseBookConfig, type ParsedConfig } from '../config/load.ts';
import { BuildError } from '../errors.ts';
import { readAozoraText } from './aozora-text.ts';
import { readSourceFile } from './read-text.ts';

/** A 青空文庫 text read as a one-file book. */
export interface AozoraBook extends ParsedConfig {
  file: VFile;
  /** The file the metadata came from: `book.yaml` beside the text when there is one, else the text. */
  metadataFile: string;
}

/**
 * What a 青空文庫 text's metadata is before `book.yaml`: its header, and the settings its notation
 * asks for (one paragraph per line; 大見出し and 中見出し start chapters, as a text with one level of
 * headings marks them 中見出し).
 */
const TEXT_DEFAULTS = { chapterLevel: 2, tocDepth: 3 };

/** Load a 青空文庫 text and the `book.yaml` beside it. */
export async function loadAozoraBook(path: string): Promise<AozoraBook> {
  const { file, header } = await readAozoraText(path, 'metadata');
  // The output is named after the text (山月記.txt → 山月記.epub), unless book.yaml names it.
  const defaults = { ...TEXT_DEFAULTS, filename: basename(path, extname(path)), ...headerMetadata(header) };
  const yamlPath = join(dirname(path), 'book.yaml');
  const hasYaml = await stat(yamlPath).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!hasYaml) {
    if (header.length === 0) {
      throw new BuildError('a 青空文庫 text starts with its title: the first line is empty', {
        file: path,
        line: 1,
        column: 1,
        hint: 'put the title on the first line and the author on the next, then a blank line, as 青空文庫 files do, or give the title in a book.yaml beside the file',
        ruleId: 'metadata-missing',
      });
    }
    return { file, metadataFile: path, ...parseBookConfig({ text: '', file: path }, defaults) };
  }
  const yaml = await readSourceFile(yamlPath);
  const parsed = parseBookConfig({ text: String(yaml.value), file: yamlPath }, defaults);
  if (parsed.config.chapters) {
    throw new BuildError('`chapters` is only for manuscript folders; a 青空文庫 text is its own chapter', {
      ...parsed.locate(['chapters']),
      ruleId: 'metadata-invalid',
    });
  }
  return { file, metadataFile: yamlPath, ...parsed };
}

/** What a person line of the header is, by its ending; anything else is the author. */
function roleOf(line: string): 'author' | 'translator' | 'editor' | 'editorTranslator' {
  if (/(?:校訂|編|編集)$/.test(line)) return 'editor';
  if (/編訳$/.test(line)) return 'editorTranslator';
  if (/訳$/.test(line)) return 'translator';
  return 'author';
}

/** A line in another script than Japanese: an original title (`THE STORY OF MISS MOPPET`). */
const isOriginal = (line: string) => !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}Ａ-Ｚａ-ｚ々〆]/u.test(line);

interface HeaderFields {
  title: string;
  originalTitle?: string;
  subtitle?: string;
  originalSubtitle?: string;
  author?: string;
  translator?: string;
  editor?: string;
}

/**
 * The metadata a header gives, read as aozora2html reads it: title, [original title], [subtitle],
 * [original subtitle], author, [translator or editor]; which optional lines are there is told by
 * their count, by whether a line is in another script, and by the role the last line's ending
 * gives (`…訳`, `…編`).
 */
export function headerMetadata(header: readonly string[]): Record<string, string> {
  const lines = header.filter((line) => line !== '');
  if (lines.length === 0) return {};
  const fields = readFields(lines);
  const metadata: Record<string, string> = { title: fields.title };
  const subtitle = [fields.originalTitle, fields.subtitle, fields.originalSubtitle].filter(Boolean).join('　');
  if (subtitle) metadata.subtitle = subtitle;
  if (fields.author) metadata.author = fields.author;
  const name = (line: string) => line.replace(/(?:編訳|校訂|編集|編|訳)$/, '').trim() || line;
  if (fields.translator) metadata.translator = name(fields.translator);
  if (fields.editor) metadata.editor = name(fields.editor);
  return metadata;
}

function readFields(lines: string[]): HeaderFields {
  const fields: HeaderFields = { title: lines[0]! };
  const person = (line: string) => {
    const role = roleOf(line);
    fields[role === 'editorTranslator' ? 'translator' : role] = line;
    return role;
  };
  const [, a, b, c, d, e] = lines;
  if (lines.length === 2) person(a!);
  else if (lines.length === 3) {
    if (isOriginal(a!)) [fields.originalTitle] = [a!, person(b!)];
    else if (person(b!) === 'author') fields.subtitle = a!;
    else fields.author = a!;
  } else if (lines.length === 4) {
    if (isOriginal(a!)) fields.originalTitle = a!;
    else fields.subtitle = a!;
    if (person(c!) === 'author') fields.subtitle = b!;
    else fields.author = b!;
  } else if (roleOf(lines.at(-1)!) === 'author') {
    // Five lines or more ending in the author: everything between is the subtitle.
    Object.assign(fields, { subtitle: lines.slice(1, -1).join('　'), author: lines.at(-1)! });
  } else {
    const six = lines.length >= 6;
    Object.assign(fields, { originalTitle: a!, subtitle: b! }, six ? { originalSubtitle: c! } : {});
    fields.author = six ? d! : c!;
    person(six ? e! : d!);
  }
  return fields;
}
