/**
 * Starts the real daemon as a child process (built dist, emulators, in-process host simulator,
 * an ephemeral port, a temp SQLite file) and stops it by PID. Used by the e2e specs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { portBelowEphemeralRange } from '../../fleet-monitor/src/testing/fixed-port.js';
import { checkedBundle } from './bundled-main.js';

/** A fixed gateway port for a spec that restarts the daemon on it (see portBelowEphemeralRange). */
export const fixedGatewayPort = (): Promise<number> => portBelowEphemeralRange();

/**
 * The tsc output's entry, or the program `KIOSK_E2E_DAEMON` names: the balance journey spec and the
 * stop signal specs start it, `daemonMain()` when the bundle is stale.
 */
export const TSC_MAIN = process.env.KIOSK_E2E_DAEMON
  ? resolve(process.env.KIOSK_E2E_DAEMON)
  : fileURLToPath(new URL('../dist/main.js', import.meta.url));
let main: string | undefined;

/**
 * The daemon the e2e specs start: the program `KIOSK_E2E_DAEMON` names; else the bundle a terminal
 * starts (dist/bundle/main.js, ADR 0012), ready on about a quarter of the tsc output's CPU, when it
 * is made of the tsc output as it is now (`checkedBundle`: always so after `npm run build`); else,
 * with a line saying why, the tsc output itself (the same code, after `npx tsc -b` alone).
 */
function daemonMain(): string {
  if (process.env.KIOSK_E2E_DAEMON) return TSC_MAIN;
  if (main === undefined) {
    try {
      main = checkedBundle(fileURLToPath(new URL('../../', import.meta.url)));
    } catch (e) {
      process.stderr.write(`e2e daemon: the tsc output, not the bundle: ${(e as Error).message}\n`);
      main = TSC_MAIN;
    }
  }
  return main;
}

export interface DaemonProcess {
  readonly url: string;
  readonly dir: string;
  readonly journalPath: string;
  readonly child: ChildProcess;
  /** every stdout and stderr line so far (JSON logs and anything else) */
  readonly output: string[];
  /** resolves when the process ends, with its exit code or the signal that ended it */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** reuse this folder (journal and card files) instead of a new temp one; the caller removes it */
  readonly dir?: string;
  /** how long the boot may take up to its ready line: 45 s unless given (a loaded CI machine) */
  readonly readyTimeoutMs?: number;
  /** the program to start instead of `daemonMain()`'s (`bundledMain()`: the bundle, refused when stale) */
  readonly entry?: string;
  /**
   * told the process and its lines as soon as it is spawned: a spec that acts during the boot (its
   * recovery, before the ready line) reads its lines and holds it still (SIGSTOP) by its own id
   */
  readonly onSpawned?: (child: ChildProcess, output: readonly string[]) => void;
}

export async function startDaemon(
  extraArgs: string[] = [],
  options: StartOptions = {},
): Promise<DaemonProcess> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 45_000;
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const journalPath = join(dir, 'journal.sqlite');
  const child = spawn(
    process.execPath,
    [
      options.entry ?? daemonMain(),
      '--profile',
      'test',
      '--set',
      'gateway.port=0',
      '--set',
      `journal.path=${journalPath}`,
      '--set',
      'host.embeddedPort=0',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  options.onSpawned?.(child, output);
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const exited = ended.then(({ code }) => code);
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`daemon not ready in ${readyTimeoutMs} ms:\n${output.join('\n')}`));
    }, readyTimeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const json = JSON.parse(line) as { event?: string; url?: string };
        if (json.event === 'ready' && json.url) {
          clearTimeout(timer);
          resolve(json.url);
        }
      } catch {
        // not a JSON line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with ${code} before ready:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    dir,
    journalPath,
    child,
    output,
    ended,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        // a daemon held still (SIGSTOP, `pcscdBackWithTheCard`) by a spec ended mid-hold keeps its
        // signal pending while stopped: let it go on first, so it stops on the signal, not the watchdog
        child.kill('SIGCONT');
        child.kill(signal);
      }
      const watchdog = setTimeout(() => {
        // a daemon that does not stop on its signal is a fault of its own: say what it last said
        process.stderr.write(
          `daemon did not stop on ${signal} in 10 s; killed. Its last lines:\n${output.slice(-30).join('\n')}\n`,
        );
        child.kill('SIGKILL');
      }, 10_000);
      const code = await exited;
      clearTimeout(watchdog);
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Runs the daemon's main to completion (for boot failures) and returns its exit code and output. */
export function runDaemonToExit(
  args: string[],
  timeoutMs = 15_000,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [daemonMain(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`daemon did not exit in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

const HOST_MAIN = fileURLToPath(new URL('../../host-simulator/dist/main.js', import.meta.url));

export interface HostClient {
  /** a GET or POST as one kiosk (its id and key), answer parsed as JSON */
  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

export interface HostProcess {
  readonly url: string;
  /** the host as the kiosk `kioskId` with its key sees it */
  as(kioskId: string, kioskKey: string): HostClient;
  stop(): Promise<void>;
}

/**
 * Starts the host simulator as its own process (built dist, an ephemeral port), so it outlives a
 * daemon killed beside it: the back office keeps its ledger across the kiosk's crash.
 */
export async function startHostProcess(options: {
  /** kiosk id → key */
  kiosks: Readonly<Record<string, string>>;
  rules?: Readonly<Record<string, number>>;
  /** the issuer key the host diversifies chip keys from (hex); the emulated cards' for card making */
  issuerMasterKey?: string;
  /** generated residents besides the demo residents (the simulator's default when absent) */
  residents?: number;
  /** cards whose holders also get records of kinds a kiosk may not know yet (`--newer-records`) */
  newerRecordsFor?: readonly string[];
}): Promise<HostProcess> {
  const rules = Object.entries(options.rules ?? {}).flatMap(([k, v]) => ['--rule', `${k}=${v}`]);
  if (options.issuerMasterKey) rules.push('--issuer-master-key', options.issuerMasterKey);
  if (options.residents !== undefined) rules.push('--residents', String(options.residents));
  for (const card of options.newerRecordsFor ?? []) rules.push('--newer-records', card);
  const keys = Object.entries(options.kiosks).flatMap(([id, key]) => ['--kiosk-key', `${id}=${key}`]);
  const child = spawn(process.execPath, [HOST_MAIN, '--port', '0', ...keys, ...rules], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`host simulator not ready:\n${output.join('\n')}`));
    }, 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (!line.startsWith('{')) return;
      const json = JSON.parse(line) as { event?: string; url?: string };
      if (json.event === 'ready' && json.url) {
        clearTimeout(timer);
        resolve(json.url);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`host simulator exited before ready:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    as: (kioskId, kioskKey) => ({
      async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
        const res = await fetch(new URL(path, url), {
          method,
          headers: {
            'x-kiosk-id': kioskId,
            authorization: `Bearer ${kioskKey}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = (await res.json()) as T;
        if (!res.ok) throw new Error(`host ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
        return json;
      },
    }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const watchdog = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(watchdog);
    },
  };
}
