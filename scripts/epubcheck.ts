/** `npm run epubcheck -- BOOK.epub…`: EPUBCheck on built books. */
import { runCommand } from './cli/command.ts';
import { epubcheckCommand } from './cli/epubcheck.ts';

process.exitCode = await runCommand(epubcheckCommand, process.argv.slice(2));
