/** `npm run build:pdf -- [--manuscript PATH] [--out-dir DIR] [--profile screen|print-shop|kdp]` */
import { buildPdfFile } from './build.ts';
import { runCli } from './cli/run.ts';

process.exitCode = await runCli('pdf', process.argv.slice(2), buildPdfFile);
