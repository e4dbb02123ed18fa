/** `npm run dev -- [--manuscript PATH] [--port N]`: the book as a live preview in the browser. */
import { runDevCli } from './cli/dev.ts';

process.exitCode = await runDevCli(process.argv.slice(2));
