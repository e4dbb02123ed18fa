/** `npm run ci:plan -- [--books PATH…] [--since REF] [--all] [--chunk N]`: the books CI should build, as JSON. */
import { ciPlanCommand } from './cli/ci-plan.ts';
import { runCommand } from './cli/command.ts';

process.exitCode = await runCommand(ciPlanCommand, process.argv.slice(2));
