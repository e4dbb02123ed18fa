/**
 * `npm run bench`: books built several times in one run — EPUB (and Pandoc on the same Markdown,
 * when installed), PDF (screen, screen with `print.hanging: false` whose difference is the ぶら下げ
 * pass's cost, print-shop in one colour and with `print.color: color`), the floor: Chromium
 * printing our print HTML with a bare page.pdf(), and proofreading (`npm run lint`). Prints
 * medians, peak memory, pages, sizes and ratios, and the one-colour conversion and preflight timed
 * in one process (scripts/bench/mono.ts) on the colour PDF. The books:
 *
 * - `web`: a web novel in 30 chapter files (~600,000 characters, sparse ruby), at 1/4, 1/2, full;
 * - `novel`: a novel in one file as authors keep one (~400,000 characters, `#` chapters, a ruby
 *   every ~40 characters, long paragraphs, 傍点, quotations, raw HTML), at 1/2 and full;
 * - `peer`: `../shared/bench/large-peer.md`, the peers' benchmark book, beside their figures;
 * - `meian`: a real novel, 『明暗』, as `../shared/bench/meian.md` and as the 青空文庫 text the archive
 *   distributes, `meian.sjis.txt` (Shift_JIS, 青空文庫 notation), side by side.
 *
 * Proofreading is also timed on a real novel, ../shared/corpus/ginga-tetsudo-no-yoru.txt, when it is
 * there: generated text repeats its sentences, which the tokenizer's cache makes cheap.
 *
 * First, what starting a command costs: each command's `--help` against a bare `node -e 0`
 * (scripts/bench/startup.ts).
 *
 * Options: --runs N (default 3), --sizes 0.25,0.5,1, --characters N (web, full size, default
 * 600000), --novel-characters N (default 400000), --books meian,peer,web,novel (default: the real
 * books, meian and peer; the generated ones give scaling curves), --lint-only (only the proofreading
 * rows, no builds), --startup-runs N (default 10), --startup-only (only the start-up), --quick (only
 * the headline on meian.md and large-peer.md: EPUB against Pandoc, PDF against the floor, peak
 * memory; scripts/bench/quick.ts), --baseline DIR (with --quick: the same builds with the code in
 * DIR too, before and after in one run).
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateBook } from './generate-book.ts';
import { generateNovel } from './generate-novel.ts';
import { measure, median, type Measurement } from './measure.ts';
import { measureMono, type MonoCost } from './mono.ts';
import { quickBook, quickTable, type QuickRow } from './quick.ts';
import { measureStartup, startupTable } from './startup.ts';
import { sharedDir } from './shared.ts';
import { writeVariant } from './variant.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '0.25,0.5,1' },
    characters: { type: 'string', default: '600000' },
    'novel-characters': { type: 'string', default: '400000' },
    books: { type: 'string', default: 'meian,peer' },
    'lint-only': { type: 'boolean', default: false },
    'startup-runs': { type: 'string', default: '10' },
    'startup-only': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    baseline: { type: 'string' },
  },
});
const lintOnly = values['lint-only'];
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
  // `npm run lint` exits 1 when it finds an error in the text, which is no failure of the command.
  okCodes: readonly number[] = [0],
): Promise<Measurement & { runs: number[] }> {
  const results: Measurement[] = [];
  for (let run = 0; run < runs; run++) {
    const [command, args] = make();
    const result = await measure(command, [...args], { cwd: root, env });
    if (!okCodes.includes(result.code ?? -1)) throw new Error(`${label} failed:\n${result.stderr}`);
    results.push(result);
    process.stderr.write(`  ${label} run ${run + 1}: ${seconds(result.ms)} s (CPU ${seconds(result.ownCpu)} s)\n`);
  }
  return {
    ...results[0]!,
    ms: median(results.map((result) => result.ms)),
    ownRss: Math.max(...results.map((result) => result.ownRss)),
    childRss: Math.max(...results.map((result) => result.childRss)),
    largestChildRss: Math.max(...results.map((result) => result.largestChildRss)),
    ownCpu: median(results.map((result) => result.ownCpu)),
    childCpu: median(results.map((result) => result.childCpu)),
    runs: results.map((result) => result.ms),
  };
}

interface Row {
  label: string;
  characters: number;
  /** `npm run lint` on the book. */
  lint: Measurement;
  /** The builds; absent with --lint-only. */
  build?: BuildRow;
}

interface BuildRow {
  epub: Measurement;
  pandoc?: Measurement;
  screen: Measurement;
  /** screen with `print.hanging: false`: the difference is what the ぶら下げ pass costs. */
  noHanging: Measurement;
  printShop: Measurement;
  /** print-shop with `print.color: color` (no gray conversion, no PDF/X). */
  printShopColour: Measurement;
  /** The gray conversion and the preflight measured in one process on the colour PDF. */
  mono: MonoCost;
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
  const lint = await lintRun(manuscript);
  if (lintOnly) return { label, characters, lint };
  // One warm-up build keeps the print HTML for the floor and fills the caches of Node and Chromium.
  const [command, args] = node('scripts/build-pdf.ts', '--force', '--manuscript', manuscript, '--out-dir', out);
  const keep = await measure(command, [...args], { cwd: root, env: { TATEGAKI_KEEP_WORK: '1' } });
  const kept = /intermediate files kept in (.+)/.exec(keep.stderr)?.[1];
  if (!kept) throw new Error(`warm-up build failed:\n${keep.stderr}`);
  const html = join(kept, 'book.html');

  const epub = await repeat('epub', () =>
    node('scripts/build-epub.ts', '--force', '--quiet', '--manuscript', manuscript, '--out-dir', out),
  );
  // Pandoc reads Markdown, not a 青空文庫 text.
  const pandocRun =
    pandoc && pandocInputs.length > 0
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
  // One PDF build of a manuscript into `out`, as `npm run build:pdf` runs it.
  const buildPdf = (from: string, ...args: string[]) =>
    node('scripts/build-pdf.ts', '--force', '--quiet', ...args, '--manuscript', from, '--out-dir', out);
  const screen = await repeat('pdf screen', () => buildPdf(manuscript));
  const pdfPath = join(out, `${name}.pdf`);
  const pdfSize = size(pdfPath);
  const pageCount = pages(pdfPath);
  const plain = writeVariant(manuscript, work, 'no-hanging', { hanging: false });
  const noHanging = await repeat('pdf screen, no ぶら下げ', () => buildPdf(plain.manuscript));
  const printShop = await repeat('pdf print-shop', () => buildPdf(manuscript, '--profile', 'print-shop'));
  const colour = writeVariant(manuscript, work, 'colour', { color: 'color' });
  const printShopColour = await repeat('pdf print-shop colour', () =>
    buildPdf(colour.manuscript, '--profile', 'print-shop'),
  );
  const mono = await measureMono(join(out, `${colour.name}.pdf`));
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
    lint,
    build: {
      epub,
      pandoc: pandocRun,
      screen,
      noHanging,
      printShop,
      printShopColour,
      mono,
      floor,
      floorUntagged,
      pages: pageCount,
      pdfSize,
      epubSize: size(join(out, `${name}.epub`)),
    },
  };
}

/** `npm run lint` on a book, `runs` times. */
function lintRun(manuscript: string) {
  return repeat(
    'lint',
    () => node('scripts/lint.ts', '--quiet', '--format', 'json', '--manuscript', manuscript),
    undefined,
    [0, 1],
  );
}

if (values.quick) {
  const quick: QuickRow[] = [];
  const baseline = values.baseline;
  const tools = {
    repeat,
    baseline: baseline !== undefined,
    node: (script: string, args: string[], before?: boolean) => {
      const [command, all] = node(script, ...args);
      return before && baseline
        ? ([command, [join(baseline, 'scripts/launch.mjs'), ...all.slice(1)]] as const)
        : ([command, all] as const);
    },
    pandoc: (out: string, inputs: string[]) =>
      pandoc
        ? (['pandoc', ['--quiet', '-o', out, '--metadata', 'title=bench', '--metadata', 'lang=ja', ...inputs]] as const)
        : undefined,
    keepHtml: async (manuscript: string, out: string) => {
      const [command, args] = node('scripts/build-pdf.ts', '--force', '--manuscript', manuscript, '--out-dir', out);
      const keep = await measure(command, [...args], { cwd: root, env: { TATEGAKI_KEEP_WORK: '1' } });
      const kept = /intermediate files kept in (.+)/.exec(keep.stderr)?.[1];
      if (!kept) throw new Error(`warm-up build failed:\n${keep.stderr}`);
      return { html: join(kept, 'book.html'), done: () => rmSync(kept, { recursive: true, force: true }) };
    },
  };
  for (const [label, file] of [
    ['meian.md', 'bench/meian.md'],
    ['large-peer.md', 'bench/large-peer.md'],
  ] as const) {
    const manuscript = join(sharedDir(root), file);
    if (!existsSync(manuscript)) {
      process.stderr.write(`skipping ${label}: ${manuscript} is not in this checkout\n`);
      continue;
    }
    const characters = [...readFileSync(manuscript, 'utf8')].length;
    const out = join(work, `quick-${label.replace(/\W+/g, '-')}`);
    quick.push(await quickBook(tools, { label, manuscript, characters, pandocInputs: [manuscript], out }));
  }
  console.log(
    `\nMachine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; ${pandoc ?? 'pandoc not installed'}. Medians of ${runs} runs, wall time of each whole command; peak RSS sampled every 25 ms (browser: all its processes together).\n`,
  );
  console.log(quickTable(quick).join('\n'));
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

// Start-up first, on a machine not yet busy with the builds.
const startupRuns = Number(values['startup-runs']);
process.stderr.write('start-up\n');
const startup = await measureStartup(
  root,
  ['build-epub', 'build-pdf', 'build-all', 'lint', 'dev', 'preflight'],
  startupRuns,
);
if (values['startup-only']) {
  console.log(startupTable(startup, startupRuns).join('\n'));
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
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
const peerBook = join(sharedDir(root), 'bench/large-peer.md');
if (books.has('peer')) {
  if (existsSync(peerBook)) {
    const characters = [...readFileSync(peerBook, 'utf8')].length;
    rows.push(await benchBook('large-peer.md', peerBook, 'large-peer', characters, [peerBook]));
  } else {
    process.stderr.write(`skipping large-peer.md: ${peerBook} is not in this checkout\n`);
  }
}
for (const file of books.has('meian') ? ['meian.md', 'meian.sjis.txt'] : []) {
  const path = join(sharedDir(root), 'bench', file);
  if (!existsSync(path)) {
    process.stderr.write(`skipping ${file}: ${path} is not in this checkout\n`);
    continue;
  }
  const markdown = file.endsWith('.md');
  // The characters of the text as a reader has it: the Markdown file's, or the decoded 青空文庫 text's.
  const text = markdown ? readFileSync(path, 'utf8') : new TextDecoder('shift_jis').decode(readFileSync(path));
  rows.push(await benchBook(file, path, file.replace(/\.(md|txt)$/, ''), [...text].length, markdown ? [path] : []));
}

// Proofreading on a real novel: unlike generated text, its sentences do not repeat.
const corpus = join(sharedDir(root), 'corpus/ginga-tetsudo-no-yoru.txt');
const realLint: Row[] = [];
if (existsSync(corpus)) {
  const novel = join(work, 'ginga');
  mkdirSync(novel, { recursive: true });
  writeFileSync(join(novel, 'book.yaml'), 'title: 銀河鉄道の夜\nmarkdown:\n  paragraphPerLine: true\n');
  copyFileSync(corpus, join(novel, '01.md'));
  const characters = [...readFileSync(corpus, 'utf8')].length;
  process.stderr.write(`銀河鉄道の夜 (${characters} characters)\n`);
  realLint.push({ label: '銀河鉄道の夜 (real text)', characters, lint: await lintRun(novel) });
} else {
  process.stderr.write(`skipping 銀河鉄道の夜: ${corpus} is not in this checkout\n`);
}

const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
const sizeOf = (row: { label: string; characters: number }) => `${row.label} | ${row.characters.toLocaleString('en')}`;
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; ${pandoc ?? 'pandoc not installed'}`,
);
console.log(
  `Medians of ${runs} runs, wall time of each whole command (process start to exit). Peak RSS sampled every 25 ms.\n`,
);
console.log(startupTable(startup, startupRuns).join('\n'));
const built = rows.flatMap((row) => (row.build ? [{ ...row, build: row.build }] : []));
if (built.length > 0) {
  console.log(
    '| book | characters | EPUB | Pandoc EPUB | EPUB / Pandoc | PDF screen | no ぶら下げ | ぶら下げ cost | PDF print-shop | floor (bare page.pdf) | floor (untagged) | screen / floor | screen / untagged floor | pages | PDF size | EPUB size | Node peak RSS (EPUB / PDF) | browser peak RSS |',
  );
  console.log(
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const { build: b, ...row } of built) {
    console.log(
      `| ${sizeOf(row)} | ${seconds(b.epub.ms)} s | ${b.pandoc ? `${seconds(b.pandoc.ms)} s` : '-'} | ${b.pandoc ? (b.epub.ms / b.pandoc.ms).toFixed(2) : '-'} | ${seconds(b.screen.ms)} s | ${seconds(b.noHanging.ms)} s | ${((b.screen.ms / b.noHanging.ms - 1) * 100).toFixed(0)} % | ${seconds(b.printShop.ms)} s | ${seconds(b.floor.ms)} s | ${seconds(b.floorUntagged.ms)} s | ${(b.screen.ms / b.floor.ms).toFixed(2)} | ${(b.screen.ms / b.floorUntagged.ms).toFixed(2)} | ${b.pages} | ${b.pdfSize} | ${b.epubSize} | ${mb(b.epub.ownRss)} / ${mb(Math.max(b.screen.ownRss, b.printShop.ownRss))} | ${mb(Math.max(b.screen.childRss, b.printShop.childRss))} |`,
    );
  }
}

// Proofreading: issue 13's target is a 400,000-character book in 10 s or less.
const LINT_TARGET = { characters: 400_000, ms: 10_000 };
console.log(
  `\nProofreading (\`npm run lint\`, up to ${Math.min(4, cpus().length)} worker threads; scaled linearly to 400,000 characters, so the start-up, the workers' start, weighs heavily on a small book); target: ${LINT_TARGET.characters.toLocaleString('en')} characters in ${LINT_TARGET.ms / 1000} s or less.\n`,
);
console.log('| book | characters | npm run lint | characters per second | per 400,000 characters | Node peak RSS |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of [...rows, ...realLint]) {
  console.log(
    `| ${sizeOf(row)} | ${seconds(row.lint.ms)} s | ${Math.round(row.characters / (row.lint.ms / 1000)).toLocaleString('en')} | ${seconds((row.lint.ms * LINT_TARGET.characters) / row.characters)} s | ${mb(row.lint.ownRss)} |`,
  );
}

if (built.length > 0) {
  console.log(
    '\nOne colour (K only) for print-shop and kdp: the whole print-shop command in colour and in one colour (PDF/X-1a), and the gray conversion itself in one process (CPU time, which a busy machine does not inflate; wall time in brackets), with the preflight that ends every build.\n',
  );
  console.log(
    '| book | characters | print-shop colour | print-shop one colour | one colour / colour | gray conversion CPU (wall) | streams / images | preflight CPU (wall) | size colour → gray |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { build: b, ...row } of built) {
    const m = b.mono;
    console.log(
      `| ${sizeOf(row)} | ${seconds(b.printShopColour.ms)} s | ${seconds(b.printShop.ms)} s | ${(b.printShop.ms / b.printShopColour.ms).toFixed(2)} | ${seconds(m.convertCpu)} s (${seconds(m.convert)} s) | ${m.streams} / ${m.images} | ${seconds(m.preflightCpu)} s (${seconds(m.preflight)} s) | ${(m.before / MB).toFixed(2)} → ${(m.after / MB).toFixed(2)} MB |`,
    );
  }

  console.log(
    '\nTargets: EPUB within 1.5× Pandoc, PDF within 1.3× the untagged floor, Node peak within 1 GiB, proofreading 400,000 characters in 10 s.\n',
  );
  console.log('| book | EPUB / Pandoc | PDF screen / untagged floor | Node peak | lint per 400,000 characters | met |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const { build: b, ...row } of built) {
    const epubRatio = b.pandoc ? b.epub.ms / b.pandoc.ms : undefined;
    const pdfRatio = b.screen.ms / b.floorUntagged.ms;
    const peak = Math.max(b.epub.ownRss, b.screen.ownRss, b.printShop.ownRss, row.lint.ownRss);
    const lintTime = (row.lint.ms * LINT_TARGET.characters) / row.characters;
    const met = [
      epubRatio === undefined ? 'EPUB ?' : epubRatio <= 1.5 ? 'EPUB yes' : 'EPUB no',
      pdfRatio <= 1.3 ? 'PDF yes' : 'PDF no',
      peak <= 1024 * MB ? 'memory yes' : 'memory no',
      lintTime <= LINT_TARGET.ms ? 'lint yes' : 'lint no',
    ].join(', ');
    console.log(
      `| ${row.label} | ${epubRatio?.toFixed(2) ?? '-'} | ${pdfRatio.toFixed(2)} | ${Math.round(peak / MB)} MB | ${seconds(lintTime)} s | ${met} |`,
    );
  }
}
if (built.some((row) => row.label === 'large-peer.md')) {
  // The peers' figures were measured elsewhere; they are shown for scale, not as a same-run ratio.
  const recorded = readFileSync(join(sharedDir(root), 'bench/README.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('|'));
  console.log('\nThe peers on large-peer.md, as recorded in ../shared/bench/README.md:\n');
  for (const line of recorded) console.log(line);
}

const web = built.filter((row) => row.label.startsWith('web'));
const smallest = web[0];
const largest = web.at(-1);
if (smallest && largest && largest !== smallest) {
  const factor = largest.characters / smallest.characters;
  console.log(
    `\nGrowth from ${smallest.characters.toLocaleString('en')} to ${largest.characters.toLocaleString('en')} characters (×${factor.toFixed(1)}): ` +
      `EPUB ×${(largest.build.epub.ms / smallest.build.epub.ms).toFixed(2)}, PDF screen ×${(largest.build.screen.ms / smallest.build.screen.ms).toFixed(2)}, floor ×${(largest.build.floor.ms / smallest.build.floor.ms).toFixed(2)}, lint ×${(largest.lint.ms / smallest.lint.ms).toFixed(2)} (linear would be ×${factor.toFixed(1)}).`,
  );
}
rmSync(work, { recursive: true, force: true });
