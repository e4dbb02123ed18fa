/**
 * Speed work must not change a page: `npm run bench:same -- --out DIR [--against DIR]`
 * builds the sample (manuscript/), ../shared/bench/meian.md and large-peer.md as EPUB and PDF
 * (screen; the sample also print-shop, which adds the one-colour conversion and PDF/X) with the
 * compiled commands, as `npm run` runs them, into DIR; with --against it compares every output with
 * the same output in an earlier DIR. A PDF must be the same bytes. An EPUB must hold the same entries
 * in the same order with the same content, stored or deflated alike; the compressed bytes may differ
 * (another deflate may pack the same text differently), and are reported when they do.
 * `--books sample,meian,peer` chooses the books, `--outputs epub` or `--outputs pdf` the outputs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';
import { sharedDir } from './shared.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    against: { type: 'string' },
    books: { type: 'string', default: 'sample,meian,peer' },
    outputs: { type: 'string', default: 'epub,pdf' },
  },
});
if (!values.out) throw new Error('usage: same-output.ts --out DIR [--against DIR] [--books sample,meian,peer]');
const out = values.out;
const root = fileURLToPath(new URL('../../', import.meta.url));
const BOOKS: Record<string, { manuscript: string; profiles: string[] }> = {
  sample: { manuscript: join(root, 'manuscript'), profiles: ['screen', 'print-shop'] },
  meian: { manuscript: join(sharedDir(root), 'bench/meian.md'), profiles: ['screen'] },
  peer: { manuscript: join(sharedDir(root), 'bench/large-peer.md'), profiles: ['screen'] },
};

/** Run one command as `npm run` does; throws with its output when it fails. */
function run(command: string, ...args: string[]): void {
  const started = Date.now();
  execFileSync(process.execPath, [join(root, 'scripts/launch.mjs'), command, '--force', '--quiet', ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.stderr.write(`  ${command} ${args.join(' ')}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** What differs between two EPUBs' entries (names, order, compression, content), or nothing. */
async function epubDifferences(a: Buffer, b: Buffer): Promise<string[]> {
  const [left, right] = await Promise.all([JSZip.loadAsync(a), JSZip.loadAsync(b)]);
  const names = (zip: JSZip) => Object.keys(zip.files);
  if (names(left).join('\n') !== names(right).join('\n')) return ['the entries differ (names or order)'];
  const differences: string[] = [];
  for (const name of names(left)) {
    const [x, y] = [left.files[name]!, right.files[name]!];
    const [cx, cy] = [x.options.compression ?? 'STORE', y.options.compression ?? 'STORE'];
    // JSZip reports each entry's method through its internal `_data`; compare what it stored.
    const method = (entry: JSZip.JSZipObject) =>
      (entry as unknown as { _data?: { compression?: { magic?: string } } })._data?.compression?.magic;
    if (method(x) !== method(y) || cx !== cy) differences.push(`${name}: compression method differs`);
    const [bx, by] = await Promise.all([x.async('nodebuffer'), y.async('nodebuffer')]);
    if (!bx.equals(by)) differences.push(`${name}: content differs`);
  }
  return differences;
}

for (const book of values.books.split(',')) {
  const { manuscript, profiles: all } = BOOKS[book] ?? {};
  if (!manuscript || !all) throw new Error(`unknown book ${book}`);
  const dir = join(out, book);
  const outputs = values.outputs.split(',');
  const profiles = outputs.includes('pdf') ? all : [];
  process.stderr.write(`${book}\n`);
  if (outputs.includes('epub')) run('build-epub', '--manuscript', manuscript, '--out-dir', join(dir, 'epub'));
  for (const profile of profiles)
    run('build-pdf', '--manuscript', manuscript, '--out-dir', join(dir, profile), '--profile', profile);
  if (!values.against) continue;
  for (const sub of [...(outputs.includes('epub') ? ['epub'] : []), ...profiles]) {
    for (const name of readdirSync(join(dir, sub))) {
      const other = join(values.against, book, sub, name);
      const label = `${book}/${sub}/${name}`;
      if (!existsSync(other)) {
        console.log(`${label}: missing in ${values.against}`);
        process.exitCode = 1;
        continue;
      }
      const [a, b] = [readFileSync(join(dir, sub, name)), readFileSync(other)];
      if (a.equals(b)) {
        console.log(`${label}: identical bytes`);
        continue;
      }
      const differences = name.endsWith('.epub') ? await epubDifferences(a, b) : ['the bytes differ'];
      if (differences.length === 0) console.log(`${label}: same entries and content (compressed bytes differ)`);
      else {
        console.log(`${label}: DIFFERS\n  ${differences.join('\n  ')}`);
        process.exitCode = 1;
      }
    }
  }
}
