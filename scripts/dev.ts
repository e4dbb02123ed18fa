/** `npm run dev -- [--manuscript PATH] [--port N]`: the book as a live preview in the browser. */
import { runCommand } from './cli/command.ts';
import { devCommand } from './cli/dev.ts';

process.exitCode = await runCommand(devCommand, process.argv.slice(2));
