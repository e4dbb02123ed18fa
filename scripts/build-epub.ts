/** `npm run build:epub -- [--manuscript PATH] [--out-dir DIR]` */
import { buildCommand } from './cli/build.ts';
import { runCommand } from './cli/command.ts';

process.exitCode = await runCommand(buildCommand('epub'), process.argv.slice(2));
