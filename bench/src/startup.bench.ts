/**
 * Time from spawn to the ready line, and resident memory at ready, of a Node program that prints
 * `{"event":"ready"}` on stdout. Both the daemon and its baseline are measured this way.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';

export interface StartupSample {
  readonly readyMs: number;
  readonly rssMb: number;
  /** CPU time (user + system) the program had used at ready: less sensitive to a busy machine than wall time */
  readonly cpuMs: number;
}

function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** utime + stime from /proc/<pid>/stat, in ms (Linux reports them in ticks of 1/100 s). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function startOnce(args: readonly string[], timeoutMs = 30_000): Promise<StartupSample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready in ${timeoutMs} ms: ${args.join(' ')}`));
    }, timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"event":"ready"')) return;
      const readyMs = performance.now() - started;
      const rssMb = rssMbOf(child.pid!);
      const cpuMs = cpuMsOf(child.pid!);
      clearTimeout(timer);
      child.once('exit', () => resolve({ readyMs, rssMb, cpuMs }));
      child.kill('SIGTERM');
    });
    child.once('error', reject);
  });
}

export async function measureStartup(args: readonly string[], runs: number): Promise<StartupSample[]> {
  const samples: StartupSample[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await startOnce(args));
  return samples;
}

/**
 * Starts each program once per round, in turn, for `runs` rounds: on a shared machine whose load
 * comes and goes, every program meets the same conditions (one block of runs after another would
 * hand a quiet minute to one side and a busy one to the other).
 */
export async function measureStartupInterleaved(
  programs: readonly (readonly string[])[],
  runs: number,
): Promise<StartupSample[][]> {
  const samples: StartupSample[][] = programs.map(() => []);
  for (let i = 0; i < runs; i += 1) {
    for (const [k, args] of programs.entries()) samples[k]!.push(await startOnce(args));
  }
  return samples;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Starts the host simulator as its own process and returns its URL and a stop function. */
export function startHostSimulator(
  main: string,
  args: readonly string[],
): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const json = JSON.parse(line) as { event?: string; url?: string };
      if (json.event !== 'ready' || !json.url) return;
      resolve({
        url: json.url,
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`host simulator exited with ${code}`)));
  });
}
