/**
 * Press-ready interiors built from small manuscripts through the real command: pictures of
 * every kind made one colour, transparency that cannot be flattened refused with its page,
 * marks off, 隠しノンブル set vertically at the gutter, padding to a 折 of 8 pages.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shareBrowser } from '../helpers/browser-session.ts';
import { jpegImage, png } from '../helpers/images.ts';
import { makeManuscript } from '../helpers/manuscript.ts';
import { pageWords, pdfStructure } from '../helpers/pdf.ts';
import { inkUse } from '../helpers/press.ts';

const run = promisify(execFile);
const shared = shareBrowser();
const text = '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。';

async function build(files: Record<string, string | Uint8Array>, args: string[] = []) {
  const root = await makeManuscript(files);
  const out = join(root, 'out');
  const result = await shared.run('build-pdf', ['--manuscript', root, '--out-dir', out, ...args]);
  // A press destination's PDF is named for it (docs/destinations.md): <name>-print-shop.pdf.
  const profile = /profile: (print-shop|kdp)/.exec(String(files['book.yaml']))?.[1];
  return { ...result, root, out, path: join(out, `${root.split('/').at(-1)}${profile ? `-${profile}` : ''}.pdf`) };
}

// Red and blue halves; the RGBA one fades to transparent along its width.
const half = (x: number): [number, number, number] => (x < 32 ? [220, 20, 20] : [20, 20, 220]);
const pictures = {
  'images/rgba.png': png(64, 32, 4, (x) => [...half(x), Math.round((255 * (63 - x)) / 63)]),
  'images/rgb.png': png(64, 32, 3, (x) => half(x)),
  'images/gray.png': png(64, 32, 1, (x) => [x * 4]),
  'images/photo.jpg': jpegImage(64, 32, (x) => half(x)),
};

describe('one-colour print-shop PDF with pictures', () => {
  it('turns every picture gray, flattens transparency onto white, and keeps the text as text', async () => {
    const { code, stderr, stdout, path } = await build({
      'book.yaml': 'title: 図版\nprint:\n  profile: print-shop\n',
      '01.md': `# 図\n\n${text}\n\n${Object.keys(pictures)
        .map((file) => `![${file}](${file})\n\n${text}`)
        .join('\n\n')}\n`,
      ...pictures,
    });
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^preflight \(print-shop, one colour, PDF\/X-1a, pages in multiples of 2\): passed$/m);
    // Small pictures print at low resolution: preflight says so, and it is only a warning.
    expect(stderr).toMatch(/warning: preflight: image resolution: 4 of 4 image\(s\) below 350 ppi on pages /);
    const use = await inkUse(path);
    expect(use.colourOperators).toEqual({});
    expect([...use.colourSpaces].filter((space) => space !== '/DeviceGray')).toEqual([]);
    expect([...use.transparency]).toEqual([]);
    const { stdout: list } = await run('pdfimages', ['-list', path]);
    const rows = list.split('\n').filter((line) => /^\s*\d+\s+\d+\s+\w+/.test(line));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.split(/\s+/).filter(Boolean)[5]).toBe('gray');
    const { stdout: words } = await run('pdftotext', [path, '-']);
    expect(words.replace(/\s/g, '')).toContain('吾輩は猫である');
  });

  it('refuses, naming the page, transparency it cannot flatten, and keeps the previous book; colour builds it', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><defs><linearGradient id="g">' +
      '<stop offset="0" stop-color="#c00"/><stop offset="1" stop-color="#00c" stop-opacity="0.2"/></linearGradient></defs>' +
      '<rect width="120" height="60" fill="url(#g)"/></svg>';
    const files = {
      'book.yaml': 'title: 透明\nprint:\n  profile: print-shop\n',
      '01.md': `# 一\n\n${text}\n\n===\n\n![グラデーション](images/fade.svg)\n`,
      'images/fade.svg': svg,
    };
    const root = await makeManuscript(files);
    const out = join(root, 'out');
    await mkdir(out);
    const previous = join(out, `${root.split('/').at(-1)}-print-shop.pdf`);
    await writeFile(previous, 'the previous book');
    const failed = await shared.run('build-pdf', ['--manuscript', root, '--out-dir', out]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /error: the one-colour \(print\.color: mono\) PDF cannot be made: a soft mask \(transparency from an SVG or CSS effect\) cannot be flattened without rasterising \(page 6\)/,
    );
    expect(await readFile(previous, 'utf8')).toBe('the previous book');

    await writeFile(join(root, 'book.yaml'), 'title: 透明\nprint:\n  profile: print-shop\n  color: color\n');
    const colour = await shared.run('build-pdf', ['--manuscript', root, '--out-dir', out]);
    expect(colour.stderr).not.toMatch(/error/);
    expect(colour.code).toBe(0);
    expect(colour.stdout).toMatch(/^preflight \(print-shop, colour, pages in multiples of 2\): passed$/m);
    expect(colour.stdout).toMatch(/\[ok {2}\] transparency: allowed here: .*soft mask/);
  });
});

describe('print-shop options', () => {
  it('leaves out crop marks, pads to 8 pages and sets hidden folios vertically at the gutter', async () => {
    const withMarks = await build({
      'book.yaml': 'title: 折\nprint:\n  profile: print-shop\n',
      '01.md': `# 一\n\n${text}\n`,
    });
    expect(withMarks.code).toBe(0);
    expect((await inkUse(withMarks.path)).strokes).toBeGreaterThan(0);

    const { code, stderr, path } = await build({
      'book.yaml':
        'title: 折\nprint:\n  profile: print-shop\n  marks: false\n  padTo: 8\n  hiddenFolio: gutter-middle\n',
      '01.md': `# 一\n\n${text}\n`,
    });
    expect(stderr).not.toMatch(/warning|error/);
    expect(code).toBe(0);
    expect((await inkUse(path)).strokes).toBe(0);
    const { pageCount } = await pdfStructure(path);
    expect(pageCount).toBe(8);
    // Page 6 is an added blank page: only its hidden folio, 6, by the gutter (the left edge of
    // an even page in a right-bound book), halfway down the trim.
    const pages = await pageWords(path);
    const page = pages[5]!;
    expect(page.words.map((word) => word.text)).toEqual(['6']);
    const [digit] = page.words;
    const PT = 72 / 25.4;
    const trimLeft = (12 + 3) * PT;
    expect(digit!.xMin - trimLeft).toBeGreaterThan(1.5 * PT);
    expect(digit!.xMin - trimLeft).toBeLessThan(3 * PT);
    expect(Math.abs((digit!.yMin + digit!.yMax) / 2 - page.height / 2)).toBeLessThan(4);
    expect(digit!.yMax - digit!.yMin).toBeLessThan(8);
  });
});
