/**
 * Time from spawn to the ready line, and resident memory at ready, of a Node program that prints
 * `{"event":"ready"}` on stdout. Both the daemon and its baseline are measured this way.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startUntilReady } from './ready-program.js';

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

/** A program not ready in this long is killed and its start fails (with the end of its stderr). */
export const STARTUP_TIMEOUT_MS = 30_000;

/** Time, RSS and CPU at the ready line, read before the program can exit. */
function sampleAt(pid: number, readyMs: number): StartupSample {
  const rssMb = rssMbOf(pid);
  if (!Number.isFinite(rssMb))
    throw new Error(`no resident memory in /proc/${pid}: it ended at its ready line`);
  return { readyMs, rssMb, cpuMs: cpuMsOf(pid) };
}

/**
 * Starts the program, samples it at its ready line, stops it and awaits its exit. A program that
 * exits, cannot start or is not ready in `timeoutMs` fails at once with the end of its stderr,
 * and is not left running (`ready-program.ts`).
 */
export async function startOnce(
  args: readonly string[],
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<StartupSample> {
  const started = performance.now();
  const program = await startUntilReady(args, {
    timeoutMs,
    readyOf: (line, pid) =>
      line.includes('"event":"ready"') ? sampleAt(pid, performance.now() - started) : undefined,
  });
  await program.stop();
  return program.ready;
}

export async function measureStartup(
  args: readonly string[],
  runs: number,
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<StartupSample[]> {
  const samples: StartupSample[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await startOnce(args, timeoutMs));
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
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<StartupSample[][]> {
  const samples: StartupSample[][] = programs.map(() => []);
  for (let i = 0; i < runs; i += 1) {
    for (const [k, args] of programs.entries()) samples[k]!.push(await startOnce(args, timeoutMs));
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

/** The URL of the host simulator's `{"event":"ready","url":...}` line; other lines are not it. */
function readyUrlOf(line: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const { event, url } = (json ?? {}) as { event?: unknown; url?: unknown };
  return event === 'ready' && typeof url === 'string' && url !== '' ? url : undefined;
}

/**
 * Starts the host simulator as its own process and returns its URL and a stop function. Like a
 * measured program, one that exits, cannot start or is not ready in `timeoutMs` fails at once
 * with the end of its stderr and is not left running.
 */
export async function startHostSimulator(
  main: string,
  args: readonly string[],
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const host = await startUntilReady([main, ...args], { timeoutMs, readyOf: readyUrlOf });
  return { url: host.ready, stop: host.stop };
}
