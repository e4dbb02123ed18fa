/** `npm run preflight -- BOOK.pdf [--profile NAME]`: check a PDF against its destination's rules. */
import { runCommand } from './cli/command.ts';
import { preflightCommand } from './cli/preflight.ts';

process.exitCode = await runCommand(preflightCommand, process.argv.slice(2));
