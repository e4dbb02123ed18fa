/** `npm run build:epub -- [--manuscript PATH] [--out-dir DIR]` */
import { buildEpubFile } from './build.ts';
import { runCli } from './cli/run.ts';

process.exitCode = await runCli('epub', process.argv.slice(2), buildEpubFile);
