/**
 * A copy of a bench book with some `print:` settings changed (`hanging: false`, `color: color`),
 * for a manuscript folder (its book.yaml) or a one-file book (its front matter) alike. The
 * settings are merged through the YAML library, so a book that already has a `print:` block
 * keeps its other keys and gets no duplicate key.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
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
  const name = `${basename(manuscript, '.md')}-${suffix}`;
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
