/** `npm run build:cover -- [--manuscript PATH] [--out-dir DIR] [--profile print-shop|kdp] [--pages N]` */
import { buildCoverFile } from './build.ts';
import { runCli } from './cli/run.ts';

process.exitCode = await runCli('cover', process.argv.slice(2), buildCoverFile);
