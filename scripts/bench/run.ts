/**
 * `npm run bench`: a realistic long book (30 chapters, ~600,000 characters, generated from a
 * seed) at 1/4, 1/2 and full size, built several times in one run: EPUB (and Pandoc on the same
 * Markdown, when installed), PDF (screen and print-shop, and screen without the ぶら下げ pass, whose
 * cost is the difference), and the floor — Chromium printing our print HTML with a bare
 * page.pdf(). Prints medians, peak memory, pages, sizes and ratios.
 *
 * Options: --runs N (default 3), --sizes 0.25,0.5,1, --characters N (full size, default 600000).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBook } from './generate-book.ts';
import { measure, median, type Measurement } from './measure.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '0.25,0.5,1' },
    characters: { type: 'string', default: '600000' },
  },
});
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
  fraction: number;
  characters: number;
  epub: Measurement;
  pandoc?: Measurement;
  screen: Measurement;
  noHanging: Measurement;
  printShop: Measurement;
  floor: Measurement;
  floorUntagged: Measurement;
  pages: number;
  pdfSize: string;
  epubSize: string;
}

const rows: Row[] = [];
for (const fraction of sizes) {
  const manuscript = join(work, `book-${fraction}`);
  const characters = await generateBook(manuscript, {
    chapters: 30,
    characters: Math.round(fullSize * fraction),
    seed: 1,
  });
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
  // The same book with `print.hanging: false`: the difference is what the ぶら下げ pass costs.
  const plain = join(work, `book-${fraction}-no-hanging`);
  cpSync(manuscript, plain, { recursive: true });
  appendFileSync(join(plain, 'book.yaml'), 'print:\n  hanging: false\n');
  const noHanging = await repeat('pdf screen, no ぶら下げ', () =>
    node('scripts/build-pdf.ts', '--force', '--quiet', '--manuscript', plain, '--out-dir', out),
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
    noHanging,
    printShop,
    floor,
    floorUntagged,
    pages: pageCount,
    pdfSize,
    epubSize: size(join(out, `book-${fraction}.epub`)),
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
  '| book | characters | EPUB | Pandoc EPUB | EPUB / Pandoc | PDF screen | no ぶら下げ | ぶら下げ cost | PDF print-shop | floor (bare page.pdf) | floor (untagged) | screen / floor | screen / untagged floor | pages | PDF size | EPUB size | Node peak RSS (EPUB / PDF) | browser peak RSS |',
);
console.log(
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const row of rows) {
  const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
  console.log(
    `| ${row.fraction === 1 ? 'full' : `1/${Math.round(1 / row.fraction)}`} | ${row.characters.toLocaleString('en')} | ${seconds(row.epub.ms)} s | ${row.pandoc ? `${seconds(row.pandoc.ms)} s` : '-'} | ${row.pandoc ? (row.epub.ms / row.pandoc.ms).toFixed(2) : '-'} | ${seconds(row.screen.ms)} s | ${seconds(row.noHanging.ms)} s | ${((row.screen.ms / row.noHanging.ms - 1) * 100).toFixed(0)} % | ${seconds(row.printShop.ms)} s | ${seconds(row.floor.ms)} s | ${seconds(row.floorUntagged.ms)} s | ${(row.screen.ms / row.floor.ms).toFixed(2)} | ${(row.screen.ms / row.floorUntagged.ms).toFixed(2)} | ${row.pages} | ${row.pdfSize} | ${row.epubSize} | ${mb(row.epub.ownRss)} / ${mb(Math.max(row.screen.ownRss, row.printShop.ownRss))} | ${mb(Math.max(row.screen.childRss, row.printShop.childRss))} |`,
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
