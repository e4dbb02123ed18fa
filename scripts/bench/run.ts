/**
 * `npm run bench`: books built several times in one run — EPUB (and Pandoc on the same Markdown,
 * when installed), PDF (screen and print-shop), and the floor: Chromium printing our print HTML
 * with a bare page.pdf(). Prints medians, peak memory, pages, sizes and ratios. The books:
 *
 * - `web`: a web novel in 30 chapter files (~600,000 characters, sparse ruby), at 1/4, 1/2, full;
 * - `novel`: a novel in one file as authors keep one (~400,000 characters, `#` chapters, a ruby
 *   every ~40 characters, long paragraphs, 傍点, quotations, raw HTML), at 1/2 and full;
 * - `peer`: `../shared/bench/large-peer.md`, the peers' benchmark book, beside their figures.
 *
 * Options: --runs N (default 3), --sizes 0.25,0.5,1, --characters N (web, full size, default
 * 600000), --novel-characters N (default 400000), --books web,novel,peer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBook } from './generate-book.ts';
import { generateNovel } from './generate-novel.ts';
import { measure, median, type Measurement } from './measure.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '0.25,0.5,1' },
    characters: { type: 'string', default: '600000' },
    'novel-characters': { type: 'string', default: '400000' },
    books: { type: 'string', default: 'web,novel,peer' },
  },
});
const books = new Set(values.books.split(','));
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const fullSize = Number(values.characters);
const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'tategaki-bench-'));
// Each command runs as `npm run` runs it: compiled JavaScript through the launcher.
const node = (script: string, ...args: string[]) =>
  [process.execPath, [join(root, 'scripts/launch.mjs'), script.replace(/^scripts\/|\.ts$/g, ''), ...args]] as const;
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
): Promise<Measurement & { runs: number[] }> {
  const results: Measurement[] = [];
  for (let run = 0; run < runs; run++) {
    const [command, args] = make();
    const result = await measure(command, [...args], { cwd: root, env });
    if (result.code !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
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
  label: string;
  characters: number;
  epub: Measurement;
  pandoc?: Measurement;
  screen: Measurement;
  printShop: Measurement;
  floor: Measurement;
  floorUntagged: Measurement;
  pages: number;
  pdfSize: string;
  epubSize: string;
}

/** Build one book every way, `runs` times each. `name` is its output file name without extension. */
async function benchBook(
  label: string,
  manuscript: string,
  name: string,
  characters: number,
  pandocInputs: string[],
): Promise<Row> {
  const out = join(work, `out-${label.replace(/\W+/g, '-')}`);
  process.stderr.write(`${label} (${characters} characters)\n`);
  // One warm-up build keeps the print HTML for the floor and fills the caches of Node and Chromium.
  const [command, args] = node('scripts/build-pdf.ts', '--force', '--manuscript', manuscript, '--out-dir', out);
  const keep = await measure(command, [...args], { cwd: root, env: { TATEGAKI_KEEP_WORK: '1' } });
  const kept = /intermediate files kept in (.+)/.exec(keep.stderr)?.[1];
  if (!kept) throw new Error(`warm-up build failed:\n${keep.stderr}`);
  const html = join(kept, 'book.html');

  const epub = await repeat('epub', () =>
    node('scripts/build-epub.ts', '--force', '--quiet', '--manuscript', manuscript, '--out-dir', out),
  );
  const pandocRun = pandoc
    ? await repeat('pandoc', () => [
        'pandoc',
        [
          '--quiet',
          '-o',
          join(out, 'pandoc.epub'),
          '--metadata',
          'title=bench',
          '--metadata',
          'lang=ja',
          ...pandocInputs,
        ],
      ])
    : undefined;
  const screen = await repeat('pdf screen', () =>
    node('scripts/build-pdf.ts', '--force', '--quiet', '--manuscript', manuscript, '--out-dir', out),
  );
  const pdfPath = join(out, `${name}.pdf`);
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
  const floor = await repeat('floor (bare page.pdf)', () =>
    node('scripts/bench/floor.ts', html, join(out, 'floor.pdf')),
  );
  const floorUntagged = await repeat('floor (untagged)', () =>
    node('scripts/bench/floor.ts', html, join(out, 'floor-untagged.pdf'), '--untagged'),
  );
  rmSync(kept, { recursive: true, force: true });
  return {
    label,
    characters,
    epub,
    pandoc: pandocRun,
    screen,
    printShop,
    floor,
    floorUntagged,
    pages: pageCount,
    pdfSize,
    epubSize: size(join(out, `${name}.epub`)),
  };
}

const sizeLabel = (fraction: number) => (fraction === 1 ? 'full' : `1/${Math.round(1 / fraction)}`);
const rows: Row[] = [];
if (books.has('web')) {
  for (const fraction of sizes) {
    const manuscript = join(work, `book-${fraction}`);
    const characters = await generateBook(manuscript, {
      chapters: 30,
      characters: Math.round(fullSize * fraction),
      seed: 1,
    });
    const chapters = readdirSync(manuscript)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(manuscript, name));
    rows.push(await benchBook(`web ${sizeLabel(fraction)}`, manuscript, `book-${fraction}`, characters, chapters));
  }
}
if (books.has('novel')) {
  for (const fraction of [0.5, 1]) {
    const manuscript = join(work, `novel-${fraction}.md`);
    const characters = await generateNovel(manuscript, {
      chapters: 12,
      characters: Math.round(Number(values['novel-characters']) * fraction),
      seed: 1,
    });
    rows.push(
      await benchBook(`novel ${sizeLabel(fraction)}`, manuscript, `novel-${fraction}`, characters, [manuscript]),
    );
  }
}
const peerBook = join(root, '../shared/bench/large-peer.md');
if (books.has('peer')) {
  if (existsSync(peerBook)) {
    const characters = [...readFileSync(peerBook, 'utf8')].length;
    rows.push(await benchBook('large-peer.md', peerBook, 'large-peer', characters, [peerBook]));
  } else {
    process.stderr.write(`skipping large-peer.md: ${peerBook} is not in this checkout\n`);
  }
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; ${pandoc ?? 'pandoc not installed'}`,
);
console.log(
  `Medians of ${runs} runs, wall time of each whole command (process start to exit). Peak RSS sampled every 25 ms.\n`,
);
console.log(
  '| book | characters | EPUB | Pandoc EPUB | EPUB / Pandoc | PDF screen | PDF print-shop | floor (bare page.pdf) | floor (untagged) | screen / floor | screen / untagged floor | pages | PDF size | EPUB size | Node peak RSS (EPUB / PDF) | browser peak RSS |',
);
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const row of rows) {
  const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
  console.log(
    `| ${row.label} | ${row.characters.toLocaleString('en')} | ${seconds(row.epub.ms)} s | ${row.pandoc ? `${seconds(row.pandoc.ms)} s` : '-'} | ${row.pandoc ? (row.epub.ms / row.pandoc.ms).toFixed(2) : '-'} | ${seconds(row.screen.ms)} s | ${seconds(row.printShop.ms)} s | ${seconds(row.floor.ms)} s | ${seconds(row.floorUntagged.ms)} s | ${(row.screen.ms / row.floor.ms).toFixed(2)} | ${(row.screen.ms / row.floorUntagged.ms).toFixed(2)} | ${row.pages} | ${row.pdfSize} | ${row.epubSize} | ${mb(row.epub.ownRss)} / ${mb(Math.max(row.screen.ownRss, row.printShop.ownRss))} | ${mb(Math.max(row.screen.childRss, row.printShop.childRss))} |`,
  );
}
console.log('\nTargets: EPUB within 1.5× Pandoc, PDF within 1.3× the untagged floor, Node peak within 1 GiB.\n');
console.log('| book | EPUB / Pandoc | PDF screen / untagged floor | Node peak | met |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const row of rows) {
  const epubRatio = row.pandoc ? row.epub.ms / row.pandoc.ms : undefined;
  const pdfRatio = row.screen.ms / row.floorUntagged.ms;
  const peak = Math.max(row.epub.ownRss, row.screen.ownRss, row.printShop.ownRss);
  const met = [
    epubRatio === undefined ? 'EPUB ?' : epubRatio <= 1.5 ? 'EPUB yes' : 'EPUB no',
    pdfRatio <= 1.3 ? 'PDF yes' : 'PDF no',
    peak <= 1024 * MB ? 'memory yes' : 'memory no',
  ].join(', ');
  console.log(
    `| ${row.label} | ${epubRatio?.toFixed(2) ?? '-'} | ${pdfRatio.toFixed(2)} | ${Math.round(peak / MB)} MB | ${met} |`,
  );
}
if (rows.some((row) => row.label === 'large-peer.md')) {
  // The peers' figures were measured elsewhere; they are shown for scale, not as a same-run ratio.
  const recorded = readFileSync(join(root, '../shared/bench/README.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('|'));
  console.log('\nThe peers on large-peer.md, as recorded in ../shared/bench/README.md:\n');
  for (const line of recorded) console.log(line);
}

const web = rows.filter((row) => row.label.startsWith('web'));
const smallest = web[0];
const largest = web.at(-1);
if (smallest && largest && largest !== smallest) {
  const factor = largest.characters / smallest.characters;
  console.log(
    `\nGrowth from ${smallest.characters.toLocaleString('en')} to ${largest.characters.toLocaleString('en')} characters (×${factor.toFixed(1)}): ` +
      `EPUB ×${(largest.epub.ms / smallest.epub.ms).toFixed(2)}, PDF screen ×${(largest.screen.ms / smallest.screen.ms).toFixed(2)}, floor ×${(largest.floor.ms / smallest.floor.ms).toFixed(2)} (linear would be ×${factor.toFixed(1)}).`,
  );
}
rmSync(work, { recursive: true, force: true });
