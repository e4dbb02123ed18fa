/** Building covers in tests and reading them back with poppler-utils, qpdf and zbarimg. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import { loadBook } from '../../scripts/book.ts';
import { buildCover, type CoverBuildOptions, type CoverResult } from '../../scripts/cover/build.ts';
import { makeManuscript } from '../helpers/manuscript.ts';

const run = promisify(execFile);
/** Points per millimetre. */
export const PT = 72 / 25.4;

/** The sample book's chapters, to build covers of a real book with test metadata. */
export async function sampleChapters(): Promise<Record<string, string>> {
  const names = ['01-lead.md', '02-reasons.md', '03-bni.md', '04-network.md', '05-closing.md'];
  const root = new URL('../../manuscript/', import.meta.url);
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(new URL(name, root), 'utf8')])),
  );
}

/** Build a cover of a manuscript made of `files` in-process; returns the result and the PDF's path. */
export async function coverOf(
  files: Record<string, string | Uint8Array>,
  options: CoverBuildOptions,
): Promise<CoverResult & { path: string }> {
  const root = await makeManuscript(files);
  const book = await loadBook(root);
  const result = await buildCover(book, { created: new Date(0), ...options });
  const path = join(await mkdtemp(join(tmpdir(), 'cover-')), 'cover.pdf');
  await writeFile(path, result.bytes);
  return { ...result, path };
}

/** The barcodes zbarimg reads in the PDF rendered at `dpi`, as `TYPE:digits`. */
export async function decodeBarcodes(path: string, dpi = 300): Promise<string[]> {
  const prefix = join(await mkdtemp(join(tmpdir(), 'cover-png-')), 'page');
  await run('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', path, prefix]);
  const result = await run('zbarimg', ['-q', `${prefix}.png`]).catch((error: { stdout?: string }) => ({
    stdout: error.stdout ?? '',
  }));
  return result.stdout.split('\n').filter(Boolean).sort();
}

/** Grey pixels, row by row, 0 black to 255 white. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Buffer;
}

/** A region (in pixels at `dpi`) of the page rendered to grey pixels, read from pdftoppm's PGM. */
export async function renderRegion(
  path: string,
  dpi: number,
  region: { x: number; y: number; width: number; height: number },
): Promise<GreyImage> {
  const prefix = join(await mkdtemp(join(tmpdir(), 'cover-pgm-')), 'region');
  await run('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-singlefile',
    '-x',
    String(region.x),
    '-y',
    String(region.y),
    '-W',
    String(region.width),
    '-H',
    String(region.height),
    path,
    prefix,
  ]);
  const pgm = await readFile(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error('pdftoppm wrote no 8-bit PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: pgm.subarray(header[0].length) };
}

/** The page's content streams, uncompressed by qpdf, as text. */
export async function contentText(path: string): Promise<string> {
  const out = join(await mkdtemp(join(tmpdir(), 'cover-qdf-')), 'plain.pdf');
  await run('qpdf', ['--qdf', '--object-streams=disable', path, out]);
  return (await readFile(out)).toString('latin1');
}

/** Rectangles (`x y w h re`) drawn in the page's content, in points. */
export function rectangles(content: string): { x: number; y: number; width: number; height: number }[] {
  return [...content.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\b/g)].map((match) => ({
    x: Number(match[1]),
    y: Number(match[2]),
    width: Number(match[3]),
    height: Number(match[4]),
  }));
}

/** A PNG of one colour, `width` × `height` pixels: a cover image whose resolution the tests choose. */
export function solidPng(width: number, height: number): Buffer {
  return new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#2050a0"/></svg>`,
  )
    .render()
    .asPng();
}
