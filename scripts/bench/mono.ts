/**
 * The cost of making a colour print PDF one colour, measured in one process on a PDF the build
 * made with `print.color: color`: pdf-lib loading, the gray conversion (convertToGray), saving,
 * and the preflight that ends every build; and, when Ghostscript is installed, its pdfwrite
 * with ColorConversionStrategy=Gray on the same file, the alternative it was chosen over.
 *
 * Usage: node scripts/launch.mjs bench/mono BOOK.pdf [--gs]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { convertToGray } from '../pdf/press/gray/convert.ts';
import { preflightPdf } from '../pdf/inspect/preflight/index.ts';

/** Timings of one conversion, in milliseconds, and the sizes before and after. */
export interface MonoCost {
  load: number;
  convert: number;
  /** CPU time (user + system) of the conversion, which a busy machine does not inflate. */
  convertCpu: number;
  save: number;
  preflight: number;
  preflightCpu: number;
  streams: number;
  images: number;
  before: number;
  after: number;
  ghostscript?: { ms: number; size: number; cpuSeconds?: number };
}

/** Measure the gray conversion of a PDF file (and Ghostscript's, when asked and installed). */
export async function measureMono(path: string, withGhostscript = false): Promise<MonoCost> {
  const bytes = readFileSync(path);
  let t = performance.now();
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const load = performance.now() - t;
  t = performance.now();
  let cpu = process.cpuUsage();
  const report = convertToGray(pdf);
  const convert = performance.now() - t;
  const convertCpu = cpuMs(cpu);
  t = performance.now();
  const saved = await pdf.save({ useObjectStreams: false, addDefaultPage: false });
  const save = performance.now() - t;
  t = performance.now();
  cpu = process.cpuUsage();
  await preflightPdf(saved, { profile: 'print-shop', color: 'mono', pdfx: false });
  const preflight = performance.now() - t;
  const preflightCpu = cpuMs(cpu);
  const cost: MonoCost = {
    load,
    convert,
    convertCpu,
    save,
    preflight,
    preflightCpu,
    streams: report.streams,
    images: report.images,
    before: bytes.length,
    after: saved.length,
  };
  if (withGhostscript) {
    const out = join(tmpdir(), `mono-gs-${process.pid}.pdf`);
    try {
      t = performance.now();
      execFileSync('gs', [
        '-q',
        '-dSAFER',
        '-dBATCH',
        '-dNOPAUSE',
        '-sDEVICE=pdfwrite',
        '-sColorConversionStrategy=Gray',
        '-dProcessColorModel=/DeviceGray',
        `-sOutputFile=${out}`,
        path,
      ]);
      cost.ghostscript = { ms: performance.now() - t, size: statSync(out).size };
    } catch {
      // Ghostscript is not installed: the comparison is left out.
    }
  }
  return cost;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

// A command only when started as one (`node scripts/launch.mjs bench/mono`, or this file): the bench
// bundles this module into its own file, where import.meta.url is the bench's, which is argv[1] too.
if (
  import.meta.url === `file://${process.argv[1]}` &&
  /bench[-/]mono(?:\.[0-9a-f]+)?\.(?:ts|mjs)$/.test(process.argv[1] ?? '')
) {
  const [path, flag] = process.argv.slice(2);
  if (!path) throw new Error('usage: node scripts/launch.mjs bench/mono BOOK.pdf [--gs]');
  const cost = await measureMono(path, flag === '--gs');
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    `| load | gray conversion CPU (wall) | save | preflight CPU (wall) | streams rewritten | images | size before → after | Ghostscript pdfwrite (gray) |`,
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${s(cost.load)} | ${s(cost.convertCpu)} (${s(cost.convert)}) | ${s(cost.save)} | ${s(cost.preflightCpu)} (${s(cost.preflight)}) | ${cost.streams} | ${cost.images} | ${mb(cost.before)} → ${mb(cost.after)} | ${cost.ghostscript ? `${s(cost.ghostscript.ms)}, ${mb(cost.ghostscript.size)}` : '-'} |`,
  );
}
