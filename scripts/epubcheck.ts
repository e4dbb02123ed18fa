/** `npm run epubcheck -- BOOK.epub…`: EPUBCheck on built books. */
import { runEpubcheck } from './cli/epubcheck.ts';

process.exitCode = await runEpubcheck(process.argv.slice(2));
