/**
 * Timing a command and sampling the memory of its process tree from /proc: wall time, the peak
 * resident size of the command's own process (Node), and the peak total of its descendants (the
 * browser's processes). Sampling every 25 ms can miss a short spike; it is the same for all.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** One measured run. */
export interface Measurement {
  ms: number;
  /** Peak RSS of the command's own process, in bytes. */
  ownRss: number;
  /** Peak total RSS of its descendant processes (Chromium), in bytes. */
  childRss: number;
  /** Peak RSS of its largest descendant process (Chromium's renderer, as a rule), in bytes. */
  largestChildRss: number;
  /**
   * CPU time (user + system) of the command's own process, in milliseconds, as last sampled
   * (up to 25 ms short): steadier than wall time on a machine others use too.
   */
  ownCpu: number;
  /** CPU time of its descendant processes (Chromium), summed as last sampled, in milliseconds. */
  childCpu: number;
  code: number | null;
  stderr: string;
}

const rssOf = (pid: number): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};

/** User + system CPU time of a process so far, in milliseconds (0 once it is gone). */
const cpuOf = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of the line, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
};

function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(name));
      children.set(parent, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Run a command to completion and measure it. */
export function measure(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let ownRss = 0;
    let childRss = 0;
    let largestChildRss = 0;
    let ownCpu = 0;
    const childCpus = new Map<number, number>();
    const timer = setInterval(() => {
      if (child.pid === undefined) return;
      ownRss = Math.max(ownRss, rssOf(child.pid));
      ownCpu = Math.max(ownCpu, cpuOf(child.pid));
      const pids = descendants(child.pid);
      for (const pid of pids) childCpus.set(pid, Math.max(childCpus.get(pid) ?? 0, cpuOf(pid)));
      const sizes = pids.map(rssOf);
      childRss = Math.max(
        childRss,
        sizes.reduce((sum, size) => sum + size, 0),
      );
      largestChildRss = Math.max(largestChildRss, ...sizes);
    }, 25);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const childCpu = [...childCpus.values()].reduce((sum, cpu) => sum + cpu, 0);
      resolve({ ms: performance.now() - started, ownRss, childRss, largestChildRss, ownCpu, childCpu, code, stderr });
    });
  });
}

/** The median of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
