/** `npm run build:cover -- [--manuscript PATH] [--out-dir DIR] [--profile print-shop|kdp] [--pages N]` */
import { buildCommand } from './cli/build.ts';
import { runCommand } from './cli/command.ts';

process.exitCode = await runCommand(buildCommand('cover'), process.argv.slice(2));
