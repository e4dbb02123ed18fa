/** `npm run preflight -- BOOK.pdf [--profile NAME]`: check a PDF against its destination's rules. */
import { runPreflightCli } from './cli/preflight.ts';

process.exitCode = await runPreflightCli(process.argv.slice(2));
