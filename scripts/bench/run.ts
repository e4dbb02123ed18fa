/**
 * `npm run bench`: a realistic long book (30 chapters, ~600,000 characters, generated from a
 * seed) at 1/4, 1/2 and full size, built several times in one run: EPUB (and Pandoc on the same
 * Markdown, when installed), PDF (screen and print-shop), and the floor — Chromium printing our
 * print HTML with a bare page.pdf(). Prints medians, peak memory, pages, sizes and ratios.
 *
 * Options: --runs N (default 3), --sizes 0.25,0.5,1, --characters N (full size, default 600000),
 * --lint-only (only the proofreading rows: `npm run lint` on each size, and on a real novel when
 * ../shared/corpus is there).
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBook } from './generate-book.ts';
import { measure, median, type Measurement } from './measure.ts';
import { measureMono, type MonoCost } from './mono.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '0.25,0.5,1' },
    characters: { type: 'string', default: '600000' },
    'lint-only': { type: 'boolean', default: false },
  },
});
const lintOnly = values['lint-only'];
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const fullSize = Number(values.characters);
const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tategaki-bench-'));
const node = (script: string, ...args: string[]) =>
  [process.execPath, ['--import', 'tsx', join(root, script), ...args]] as const;
const pandoc = (() => {
  try {
    return execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
})();

const MB = 1024 * 1024;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const size = (path: string) => (existsSync(path) ? `${(statSync(path).size / MB).toFixed(2)} MB` : '-');
const pages = (path: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0);

async function repeat(
  label: string,
  make: () => readonly [string, readonly string[]],
  env?: NodeJS.ProcessEnv,
  // `npm run lint` exits 1 when it finds an error in the text, which is not a failure here.
  okCodes: readonly number[] = [0],
): Promise<Measurement & { runs: number[] }> {
  const results: Measurement[] = [];
  for (let run = 0; run < runs; run++) {
    const [command, args] = make();
    const result = await measure(command, [...args], { cwd: root, env });
    if (!okCodes.includes(result.code ?? -1)) throw new Error(`${label} failed:\n${result.stderr}`);
    results.push(result);
    process.stderr.write(`  ${label} run ${run + 1}: ${seconds(result.ms)} s\n`);
  }
  return {
    ...results[0]!,
    ms: median(results.map((result) => result.ms)),
    ownRss: Math.max(...results.map((result) => result.ownRss)),
    childRss: Math.max(...results.map((result) => result.childRss)),
    runs: results.map((result) => result.ms),
  };
}

interface Row {
  fraction: number;
  characters: number;
  epub: Measurement;
  pandoc?: Measurement;
  screen: Measurement;
  printShop: Measurement;
  /** print-shop with `print.color: color` (no gray conversion, no PDF/X). */
  printShopColour: Measurement;
  /** The gray conversion measured in one process on the colour PDF. */
  mono: MonoCost;
  floor: Measurement;
  floorUntagged: Measurement;
  pages: number;
  pdfSize: string;
  epubSize: string;
}

const lintRun = (label: string, manuscript: string) =>
  repeat(
    label,
    () => node('scripts/lint.ts', '--quiet', '--format', 'json', '--manuscript', manuscript),
    undefined,
    [0, 1],
  );
const lintRows: Array<{ label: string; characters: number; lint: Measurement }> = [];

const rows: Row[] = [];
for (const fraction of sizes) {
  const manuscript = join(work, `book-${fraction}`);
  const characters = await generateBook(manuscript, {
    chapters: 30,
    characters: Math.round(fullSize * fraction),
    seed: 1,
  });
  lintRows.push({
    label: fraction === 1 ? 'full' : `1/${Math.round(1 / fraction)}`,
    characters,
    lint: await lintRun('lint', manuscript),
  });
  if (lintOnly) continue;
  const out = join(work, `out-${fraction}`);
  process.stderr.write(`book ${fraction} (${characters} characters)\n`);
  // One warm-up build keeps the print HTML for the floor and fills the caches of Node and Chromium.
  const [command, args] = node('scripts/build-pdf.ts', '--force', '--manuscript', manuscript, '--out-dir', out);
  const keep = await measure(command, [...args], { cwd: root, env: { TATEGAKI_KEEP_WORK: '1' } });
  const kept = /intermediate files kept in (.+)/.exec(keep.stderr)?.[1];
  if (!kept) throw new Error(`warm-up build failed:\n${keep.stderr}`);
  const html = join(kept, 'book.html');

  const epub = await repeat('epub', () =>
    node('scripts/build-epub.ts', '--force', '--quiet', '--manuscript', manuscript, '--out-dir', out),
  );
  const chapters = readdirSync(manuscript)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(manuscript, name));
  const pandocRun = pandoc
    ? await repeat('pandoc', () => [
        'pandoc',
        ['--quiet', '-o', join(out, 'pandoc.epub'), '--metadata', 'title=bench', '--metadata', 'lang=ja', ...chapters],
      ])
    : undefined;
  const screen = await repeat('pdf screen', () =>
    node('scripts/build-pdf.ts', '--force', '--quiet', '--manuscript', manuscript, '--out-dir', out),
  );
  const pdfPath = join(out, `book-${fraction}.pdf`);
  const pdfSize = size(pdfPath);
  const pageCount = pages(pdfPath);
  const printShop = await repeat('pdf print-shop', () =>
    node(
      'scripts/build-pdf.ts',
      '--force',
      '--quiet',
      '--profile',
      'print-shop',
      '--manuscript',
      manuscript,
      '--out-dir',
      out,
    ),
  );
  // The same book with print.color: color, for the cost of the one-colour conversion.
  const colourManuscript = join(work, `book-${fraction}-colour`);
  await generateBook(colourManuscript, { chapters: 30, characters: Math.round(fullSize * fraction), seed: 1 });
  appendFileSync(join(colourManuscript, 'book.yaml'), 'print:\n  color: color\n');
  const colourOut = join(work, `out-${fraction}-colour`);
  const printShopColour = await repeat('pdf print-shop colour', () =>
    node(
      'scripts/build-pdf.ts',
      '--force',
      '--quiet',
      '--profile',
      'print-shop',
      '--manuscript',
      colourManuscript,
      '--out-dir',
      colourOut,
    ),
  );
  const mono = await measureMono(join(colourOut, `book-${fraction}-colour.pdf`));
  const floor = await repeat('floor (bare page.pdf)', () =>
    node('scripts/bench/floor.ts', html, join(out, 'floor.pdf')),
  );
  const floorUntagged = await repeat('floor (untagged)', () =>
    node('scripts/bench/floor.ts', html, join(out, 'floor-untagged.pdf'), '--untagged'),
  );
  rmSync(kept, { recursive: true, force: true });
  rows.push({
    fraction,
    characters,
    epub,
    pandoc: pandocRun,
    screen,
    printShop,
    printShopColour,
    mono,
    floor,
    floorUntagged,
    pages: pageCount,
    pdfSize,
    epubSize: size(join(out, `book-${fraction}.epub`)),
  });
}

// The generated book repeats its sentences, which the tokenizer's cache makes cheap; a real novel does not.
const corpus = join(root, '../shared/corpus/ginga-tetsudo-no-yoru.txt');
if (existsSync(corpus)) {
  const novel = join(work, 'ginga');
  mkdirSync(novel, { recursive: true });
  writeFileSync(join(novel, 'book.yaml'), 'title: 銀河鉄道の夜\nmarkdown:\n  paragraphPerLine: true\n');
  copyFileSync(corpus, join(novel, '01.md'));
  lintRows.push({
    label: '銀河鉄道の夜 (real text)',
    characters: readFileSync(corpus, 'utf8').length,
    lint: await lintRun('lint (real text)', novel),
  });
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; ${pandoc ?? 'pandoc not installed'}`,
);
console.log(
  `Medians of ${runs} runs, wall time of each whole command (process start to exit). Peak RSS sampled every 25 ms.\n`,
);
console.log(
  '| book (proofreading) | characters | npm run lint | characters per second | Node peak RSS | worker threads |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of lintRows) {
  console.log(
    `| ${row.label} | ~${Math.round(row.characters).toLocaleString('en')} | ${seconds(row.lint.ms)} s | ${Math.round(row.characters / (row.lint.ms / 1000)).toLocaleString('en')} | ${Math.round(row.lint.ownRss / MB)} MB | ${Math.min(4, cpus().length)} |`,
  );
}
if (lintOnly) {
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
console.log('');
console.log(
  '| book | characters | EPUB | Pandoc EPUB | EPUB / Pandoc | PDF screen | PDF print-shop | floor (bare page.pdf) | floor (untagged) | screen / floor | screen / untagged floor | pages | PDF size | EPUB size | Node peak RSS (EPUB / PDF) | browser peak RSS |',
);
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const row of rows) {
  const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
  console.log(
    `| ${row.fraction === 1 ? 'full' : `1/${Math.round(1 / row.fraction)}`} | ${row.characters.toLocaleString('en')} | ${seconds(row.epub.ms)} s | ${row.pandoc ? `${seconds(row.pandoc.ms)} s` : '-'} | ${row.pandoc ? (row.epub.ms / row.pandoc.ms).toFixed(2) : '-'} | ${seconds(row.screen.ms)} s | ${seconds(row.printShop.ms)} s | ${seconds(row.floor.ms)} s | ${seconds(row.floorUntagged.ms)} s | ${(row.screen.ms / row.floor.ms).toFixed(2)} | ${(row.screen.ms / row.floorUntagged.ms).toFixed(2)} | ${row.pages} | ${row.pdfSize} | ${row.epubSize} | ${mb(row.epub.ownRss)} / ${mb(Math.max(row.screen.ownRss, row.printShop.ownRss))} | ${mb(Math.max(row.screen.childRss, row.printShop.childRss))} |`,
  );
}
console.log(
  '\nOne colour (K only) for print-shop and kdp: the whole print-shop command in colour and in one colour (PDF/X-1a), and the gray conversion itself in one process (CPU time, which a busy machine does not inflate; wall time in brackets), with the preflight that ends every build.\n',
);
console.log(
  '| book | print-shop colour | print-shop one colour | difference | gray conversion CPU (wall) | streams / images | preflight CPU (wall) | size colour → gray |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  const m = row.mono;
  console.log(
    `| ${row.fraction === 1 ? 'full' : `1/${Math.round(1 / row.fraction)}`} | ${seconds(row.printShopColour.ms)} s | ${seconds(row.printShop.ms)} s | ${seconds(row.printShop.ms - row.printShopColour.ms)} s | ${seconds(m.convertCpu)} s (${seconds(m.convert)} s) | ${m.streams} / ${m.images} | ${seconds(m.preflightCpu)} s (${seconds(m.preflight)} s) | ${(m.before / MB).toFixed(2)} → ${(m.after / MB).toFixed(2)} MB |`,
  );
}
const smallest = rows[0];
const largest = rows.at(-1);
if (smallest && largest && largest !== smallest) {
  const factor = largest.characters / smallest.characters;
  console.log(
    `\nGrowth from ${smallest.characters.toLocaleString('en')} to ${largest.characters.toLocaleString('en')} characters (×${factor.toFixed(1)}): ` +
      `EPUB ×${(largest.epub.ms / smallest.epub.ms).toFixed(2)}, PDF screen ×${(largest.screen.ms / smallest.screen.ms).toFixed(2)}, floor ×${(largest.floor.ms / smallest.floor.ms).toFixed(2)} (linear would be ×${factor.toFixed(1)}).`,
  );
}
rmSync(work, { recursive: true, force: true });
