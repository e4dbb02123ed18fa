/**
 * A copy of a bench book with some `print:` settings changed (`hanging: false`, `color: color`),
 * for a manuscript folder (its book.yaml) or a one-file book (its front matter) alike. The
 * settings are merged through the YAML library, so a book that already has a `print:` block
 * keeps its other keys and gets no duplicate key.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';

/** Where the copy is and the name its outputs get (`<name>.pdf`). */
export interface Variant {
  manuscript: string;
  name: string;
}

/** Copy `manuscript` to a sibling named `<name>-<suffix>` in `work` with `print` merged in. */
export function writeVariant(
  manuscript: string,
  work: string,
  suffix: string,
  print: Record<string, unknown>,
): Variant {
  const oneFile = manuscript.endsWith('.md');
  const name = `${basename(manuscript).replace(/\.(md|txt)$/, '')}-${suffix}`;
  if (manuscript.endsWith('.txt')) return aozoraVariant(manuscript, work, name, print);
  const copy = join(work, oneFile ? `${name}.md` : name);
  const merge = (yaml: string) => {
    const document = parseDocument(yaml);
    for (const [key, value] of Object.entries(print)) document.setIn(['print', key], value);
    return document.toString();
  };
  if (oneFile) {
    const text = readFileSync(manuscript, 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
    if (!match) throw new Error(`${manuscript}: a one-file book needs front matter`);
    writeFileSync(copy, `---\n${merge(match[1]!)}---\n${text.slice(match[0].length)}`);
  } else {
    cpSync(manuscript, copy, { recursive: true });
    writeFileSync(join(copy, 'book.yaml'), merge(readFileSync(join(manuscript, 'book.yaml'), 'utf8')));
  }
  return { manuscript: copy, name };
}

/**
 * A 青空文庫 text takes its settings from a book.yaml beside it: the copy is a folder with the text
 * (named after the variant, so that its outputs are) and that book.yaml.
 */
function aozoraVariant(text: string, work: string, name: string, print: Record<string, unknown>): Variant {
  const folder = join(work, name);
  mkdirSync(folder, { recursive: true });
  const copy = join(folder, `${name}.txt`);
  cpSync(text, copy);
  const document = parseDocument('{}');
  for (const [key, value] of Object.entries(print)) document.setIn(['print', key], value);
  writeFileSync(join(folder, 'book.yaml'), document.toString());
  return { manuscript: copy, name };
}
