/**
 * Starts the real daemon as a child process (built dist, emulators, in-process host simulator,
 * an ephemeral port, a temp SQLite file) and stops it by PID. Used by the e2e specs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface DaemonProcess {
  readonly url: string;
  readonly dir: string;
  readonly journalPath: string;
  readonly child: ChildProcess;
  /** every stdout and stderr line so far (JSON logs and anything else) */
  readonly output: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** reuse this folder (journal and card files) instead of a new temp one; the caller removes it */
  readonly dir?: string;
  readonly readyTimeoutMs?: number;
}

export async function startDaemon(
  extraArgs: string[] = [],
  options: StartOptions = {},
): Promise<DaemonProcess> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const journalPath = join(dir, 'journal.sqlite');
  const child = spawn(
    process.execPath,
    [
      MAIN,
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
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
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000);
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
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
