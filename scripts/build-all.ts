/** `npm run build -- [--manuscript PATH | --books PATH…] [--out-dir DIR] [--profile NAME]`: EPUB and PDF. */
import { buildAllCommand } from './cli/build-all.ts';
import { runCommand } from './cli/command.ts';

process.exitCode = await runCommand(buildAllCommand(), process.argv.slice(2));
