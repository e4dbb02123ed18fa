/**
 * The same book on every machine. Two copies of the sample, in two folders, each with a chapter of
 * Greek, accented Latin, Cyrillic, symbols and characters no bundled font has, are built as a
 * user's would, but with fontconfig pointed at a folder of system CJK fonts (Debian's
 * fonts-noto-cjk, which setup.sh installs for this test) for one and at an empty folder for the
 * other: the EPUBs and the PDFs must be the same bytes, since the browser that lays the book out
 * sees only the project's fonts and the book's own, and the PDF must embed only bundled fonts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, type CommandResult } from '../helpers/cli.ts';
import { shareBrowser } from '../helpers/browser-session.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { pdfFonts } from '../helpers/pdf.ts';

const run = promisify(execFile);
const SYSTEM_CJK = '/usr/share/fonts/opentype/noto';
const NONE = '\u{10FFFD}'; // private use: no font anywhere
const SYSTEM_ONLY = '㐀'; // CJK Extension A: in the system's Noto CJK, not in the bundled fonts
const BUNDLED_NAMES = /^[A-Z]{6}\+(NotoSerifJP|NotoSansJP|NotoSerif|NotoSans|DejaVuSans|NotoSansSymbols2)[-A-Za-z]*$/;

let work: string;
let withCjk: string;
let withNothing: string;
let sample: string;
const GLYPH_FILE = '06-glyphs.md';
const shared = shareBrowser();
const built: Record<string, { result: CommandResult; path: string }> = {};

/** A fontconfig configuration that knows only `fontDir`. */
async function fontconfig(name: string, fontDir: string): Promise<string> {
  const path = join(work, `${name}.conf`);
  await writeFile(
    path,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig><dir>${fontDir}</dir><cachedir>${join(work, `${name}-cache`)}</cachedir></fontconfig>\n`,
  );
  return path;
}

/**
 * A build with fontconfig pointed at `config`. The builds run in-process with FONTCONFIG_FILE set
 * for the run, and without the run's shared browser: each starts its own Chromium, which inherits
 * that environment as a user's would from their shell (the point of this file); the Node side of a
 * build reads font files itself and asks fontconfig nothing.
 */
async function build(key: string, target: 'epub' | 'pdf', manuscript: string, config: string, args: string[] = []) {
  const out = join(work, `out-${key}`);
  const argv = ['--manuscript', manuscript, '--out-dir', out, '--force', ...args];
  const env = { FONTCONFIG_FILE: config, SOURCE_DATE_EPOCH: '' };
  const result = await runInProcess(`build-${target}`, argv, { env });
  built[key] = { result, path: join(out, `book.${target}`) };
}

beforeAll(async () => {
  expect(existsSync(SYSTEM_CJK), `${SYSTEM_CJK} is missing: scripts/setup.sh installs fonts-noto-cjk`).toBe(true);
  work = await mkdtemp(join(tmpdir(), 'hermetic-'));
  await mkdir(join(work, 'empty'));
  withCjk = await fontconfig('cjk', SYSTEM_CJK);
  withNothing = await fontconfig('nothing', join(work, 'empty'));

  // The sample, twice, in folders of different names and depths, with a chapter of characters from
  // other scripts and of characters the bundled fonts lack.
  const glyphChapter = [
    '# 第六章 αβγ',
    '',
    'ギリシア文字 α と β、アクセント付きの café と Ångström、キリル文字 Жизнь、記号 ≒ → ① Ⅻ ⅓。',
    '',
    `どの書体にもない ${NONE} と、システムの書体にだけある ${SYSTEM_ONLY} と 한。`,
    '',
    `**太字の α と ${NONE}**`,
  ].join('\n');
  const sampleA = join(work, 'a', 'sample');
  const sampleB = join(work, 'b', 'deeper', 'another-name');
  for (const copy of [sampleA, sampleB]) {
    await cp(join(projectRoot, 'manuscript'), copy, { recursive: true });
    // The same file name for both outputs.
    const yaml = await readFile(join(copy, 'book.yaml'), 'utf8');
    await writeFile(
      join(copy, 'book.yaml'),
      yaml.replace(/^filename: .*$/m, 'filename: book').replace(/^title: .*$/m, 'title: 字形 Ωμέγα'),
    );
    await writeFile(join(copy, GLYPH_FILE), glyphChapter);
  }
  sample = sampleA;
  // In-process, so one at a time (each sets the environment for its run).
  await build('sample-a-epub', 'epub', sampleA, withCjk);
  await build('sample-b-epub', 'epub', sampleB, withNothing);
  await build('sample-a', 'pdf', sampleA, withCjk);
  await build('sample-b', 'pdf', sampleB, withNothing);
  // --strict is no matter of the environment: on the run's browser.
  const out = join(work, 'out-strict');
  built.strict = {
    result: await shared.run('build-pdf', ['--manuscript', sampleA, '--out-dir', out, '--strict']),
    path: join(out, 'book.pdf'),
  };
}, 600_000);

describe('the test machine', () => {
  it('really shows a CJK font to fontconfig in one configuration and none in the other', async () => {
    const list = async (config: string) =>
      (await run('fc-list', [':', 'family'], { env: { ...process.env, FONTCONFIG_FILE: config } })).stdout;
    expect(await list(withCjk)).toMatch(/Noto Serif CJK JP/);
    expect((await list(withNothing)).trim()).toBe('');
  });
});

describe('byte-identical rebuilds', () => {
  it('gives the same EPUB bytes from two copies of the sample in two folders', async () => {
    for (const key of ['sample-a-epub', 'sample-b-epub'])
      expect(built[key]!.result.code, built[key]!.result.stderr).toBe(0);
    const [a, b] = await Promise.all([readFile(built['sample-a-epub']!.path), readFile(built['sample-b-epub']!.path)]);
    expect(a.equals(b)).toBe(true);
  });

  it('gives the same PDF bytes from two copies in two folders, one built with a system CJK font visible and one with no font at all', async () => {
    for (const key of ['sample-a', 'sample-b']) expect(built[key]!.result.code, built[key]!.result.stderr).toBe(0);
    const [a, b] = await Promise.all([readFile(built['sample-a']!.path), readFile(built['sample-b']!.path)]);
    expect(a.length).toBe(b.length);
    expect(a.equals(b)).toBe(true);
    // The file identifier is derived from the content, not random.
    expect(a.toString('latin1').match(/\/ID \[ <([0-9A-F]{32})> <\1> \]/)).not.toBeNull();
  });
});

describe('a chapter of Greek, accented Latin, Cyrillic and characters the bundled fonts lack', () => {
  it('embeds only bundled fonts, all as subset CID TrueType, never Type 3', async () => {
    const fonts = await pdfFonts(built['sample-a']!.path);
    expect(fonts.filter((font) => font.type !== 'CID TrueType')).toEqual([]);
    expect(fonts.filter((font) => !BUNDLED_NAMES.test(font.name)).map((font) => font.name)).toEqual([]);
    expect(new Set(fonts.map((font) => BUNDLED_NAMES.exec(font.name)?.[1]))).toEqual(
      new Set(['NotoSerifJP', 'NotoSansJP', 'NotoSerif', 'NotoSans', 'DejaVuSans']),
    );
  });

  it('prints Greek, Latin and Cyrillic from the bundled fonts, and 〓 for each character no font has', async () => {
    const { stdout } = await run('pdftotext', [built['sample-a']!.path, '-']);
    const text = stdout.replace(/\s/g, '');
    for (const word of ['αβγ', 'café', 'Ångström', 'Жизнь', '≒', 'Ⅻ', 'Ωμέγα']) expect(text).toContain(word);
    expect(text).not.toContain(NONE);
    expect(text).not.toContain(SYSTEM_ONLY);
    expect(text).not.toContain('한');
    // One 〓 for each of the three in the text and for the one in bold.
    expect(text.match(/〓/g)).toHaveLength(4);
  });

  it('warns once per character, with the character, its code point and its first place', () => {
    const file = join(sample, GLYPH_FILE);
    const { stderr } = built['sample-a']!.result;
    expect(stderr).toContain(
      `${file}:5:10: warning: no font of the book has “${NONE}” (U+10FFFD): the PDF prints 〓 in its place (and 1 more)`,
    );
    expect(stderr).toContain(
      `${file}:5:28: warning: no font of the book has “${SYSTEM_ONLY}” (U+3400): the PDF prints 〓 in its place\n`,
    );
    expect(stderr).toContain(`${file}:5:32: warning: no font of the book has “한” (U+D55C)`);
    expect(stderr.match(/no font of the book has/g)).toHaveLength(3);
  });

  it('with --strict, stops with those warnings as errors before the layout, and writes nothing', async () => {
    const { result, path } = built.strict!;
    expect(result.code).toBe(1);
    // The characters no font has are known before Chromium lays out a page: the build stops there.
    expect(result.stderr).not.toContain('laying out');
    expect(result.stderr).toMatch(/U\+10FFFD/);
    expect(result.stderr).toMatch(/--strict is on; nothing was written/);
    expect(existsSync(path)).toBe(false);
  });
});
