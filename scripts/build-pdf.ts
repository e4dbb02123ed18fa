/** `npm run build:pdf -- [--manuscript PATH] [--out-dir DIR] [--profile screen|print-shop|kdp]` */
import { buildCommand } from './cli/build.ts';
import { runCommand } from './cli/command.ts';

process.exitCode = await runCommand(buildCommand('pdf'), process.argv.slice(2));
