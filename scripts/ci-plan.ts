/** `npm run ci:plan -- [--books PATH…] [--since REF] [--all] [--chunk N]`: the books CI should build, as JSON. */
import { runCiPlan } from './cli/ci-plan.ts';

process.exitCode = await runCiPlan(process.argv.slice(2));
