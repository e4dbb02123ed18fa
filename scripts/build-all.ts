/** `npm run build -- [--manuscript PATH | --books PATH…] [--out-dir DIR] [--profile NAME]`: EPUB and PDF. */
import { runBuildAll } from './cli/build-all.ts';

process.exitCode = await runBuildAll(process.argv.slice(2));
