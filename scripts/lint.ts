/** `npm run lint -- [--manuscript PATH] [--format text|json] [--fix-report]`: proofread the manuscript. */
import { runCommand } from './cli/command.ts';
import { lintCommand } from './cli/lint.ts';

process.exitCode = await runCommand(lintCommand, process.argv.slice(2));
