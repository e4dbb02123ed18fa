/** `npm run lint -- [--manuscript PATH] [--format text|json] [--fix-report]`: proofread the manuscript. */
import { runLintCli } from './cli/lint.ts';

process.exitCode = await runLintCli(process.argv.slice(2));
