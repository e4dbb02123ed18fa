/**
 * What starting a command costs: `node scripts/launch.mjs <entry> --help` (what `npm run … --
 * --help` runs, less npm's own start) against a bare `node -e 0`, medians of several runs. A
 * command loads only its own stages (scripts/cli/command.ts, scripts/launch.mjs), so answering
 * `--help` should cost little more than Node itself: the target is 4× at most.
 */
import { join } from 'node:path';
import { measure, median } from './measure.ts';

/** The start-up target: a command's `--help` within this many times a bare Node. */
const STARTUP_TARGET = 4;

/** One command's start-up, and Node's, in milliseconds. */
export interface StartupCost {
  entry: string;
  ms: number;
  nodeMs: number;
}

/** Time `--help` of each entry and a bare Node, `runs` times each, interleaved so that load on the machine hits both alike. */
export async function measureStartup(root: string, entries: readonly string[], runs: number): Promise<StartupCost[]> {
  const node: number[] = [];
  const help = new Map<string, number[]>(entries.map((entry) => [entry, []]));
  // The first run compiles the pipeline if it changed; it is not counted.
  await measure(process.execPath, [join(root, 'scripts/launch.mjs'), '--compile'], { cwd: root });
  for (let run = 0; run < runs; run++) {
    node.push((await measure(process.execPath, ['-e', '0'], { cwd: root })).ms);
    for (const entry of entries) {
      const result = await measure(process.execPath, [join(root, 'scripts/launch.mjs'), entry, '--help'], {
        cwd: root,
      });
      if (result.code !== 0) throw new Error(`${entry} --help failed:\n${result.stderr}`);
      help.get(entry)!.push(result.ms);
    }
  }
  return entries.map((entry) => ({ entry, ms: median(help.get(entry)!), nodeMs: median(node) }));
}

/** The start-up table, as Markdown lines. */
export function startupTable(costs: readonly StartupCost[], runs: number): string[] {
  return [
    `\nStart-up (\`node scripts/launch.mjs <command> --help\` against \`node -e 0\`, medians of ${runs} runs, interleaved); target: ${STARTUP_TARGET}× at most.\n`,
    '| command | --help | node -e 0 | ratio | met |',
    '| --- | ---: | ---: | ---: | --- |',
    ...costs.map((cost) => {
      const ratio = cost.ms / cost.nodeMs;
      return `| ${cost.entry} | ${(cost.ms / 1000).toFixed(3)} s | ${(cost.nodeMs / 1000).toFixed(3)} s | ${ratio.toFixed(2)} | ${ratio <= STARTUP_TARGET ? 'yes' : 'no'} |`;
    }),
  ];
}
