/**
 * The fonts a book names: a file of the manuscript, or an installed family looked up once with
 * fc-match when the book loads (manuscript/assets.ts), then made into the print fonts and stacks.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBook } from '../../scripts/book.ts';
import { fontSlices } from '../../scripts/fonts/fontsource.ts';
import { woffToSfnt } from '../../scripts/fonts/woff.ts';
import { resolveFonts } from '../../scripts/pdf/render/fonts.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const manuscriptNaming = (setting: string) =>
  makeManuscript({ 'book.yaml': `title: 本\nprint:\n  bodyFont: ${setting}\n`, '01.md': '本文。\n' });
const bookNaming = async (setting: string) => ({ book: await loadBook(await manuscriptNaming(setting)) });

const saved = process.env.FONTCONFIG_FILE;
afterEach(() => {
  if (saved === undefined) delete process.env.FONTCONFIG_FILE;
  else process.env.FONTCONFIG_FILE = saved;
});

/** "Install" DejaVu Sans (bundled, as a TrueType file) for fontconfig, in a folder of its own. */
async function installDejaVu(): Promise<string> {
  const dir = await makeManuscript({});
  await mkdir(join(dir, 'fonts'));
  await writeFile(
    join(dir, 'fonts', 'DejaVuSans.ttf'),
    woffToSfnt(readFileSync(fontSlices('dejavu-sans', 400)[0]!.file)),
  );
  await writeFile(
    join(dir, 'fonts.conf'),
    `<?xml version="1.0"?><fontconfig><dir>${dir}/fonts</dir><cachedir>${dir}/cache</cachedir></fontconfig>\n`,
  );
  process.env.FONTCONFIG_FILE = join(dir, 'fonts.conf');
  return join(dir, 'fonts');
}

describe('resolveFonts', () => {
  it('loads an installed family from its file, lets the page read that folder, and tries it first', async () => {
    const folder = await installDejaVu();
    const { book } = await bookNaming('DejaVu Sans');
    const { fonts, roots, stacks } = resolveFonts(book);
    expect(fonts.body.url).toBe(`file://${folder}/DejaVuSans.ttf`);
    expect(roots).toEqual([folder]);
    // The book's font draws what it has (even kana it lacks come from the bundled Mincho).
    expect(stacks.body.fileFor('A'.codePointAt(0)!)).toBe(join(folder, 'DejaVuSans.ttf'));
    expect(stacks.body.fileFor('あ'.codePointAt(0)!)).toMatch(/noto-serif-jp/);
    expect(stacks.heading.fileFor('A'.codePointAt(0)!)).toMatch(/noto-sans-jp/);
  });

  it('stops with the place in book.yaml when no installed family has the name', async () => {
    await installDejaVu();
    const root = await manuscriptNaming('No Such Family 12345');
    await expect(loadBook(root)).rejects.toMatchObject({
      message: 'no font named "No Such Family 12345" is installed',
      file: join(root, 'book.yaml'),
      line: 3,
      ruleId: 'font-missing',
    });
  });

  it('refuses a family installed only inside a font collection, which a page cannot load', async () => {
    // Noto Serif CJK JP comes in a .ttc with fonts-noto-cjk, which scripts/setup.sh installs.
    delete process.env.FONTCONFIG_FILE;
    const root = await manuscriptNaming('Noto Serif CJK JP');
    await expect(loadBook(root)).rejects.toMatchObject({ ruleId: 'font-collection', line: 3 });
  });
});
