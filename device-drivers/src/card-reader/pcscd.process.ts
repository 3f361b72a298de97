/**
 * pcscd as a child process, for tests and benches on the real PC/SC stack (nothing depends on
 * systemd): its own vpcd config on free ports, started in the foreground, stopped by PID.
 * pcscd keeps its socket and PID file in a fixed run directory, so one runs per machine at a
 * time: a lock file serialises users, stale run files of a dead pcscd are removed, and a
 * watchdog process ends pcscd if the process that started it dies without stopping it.
 * vpcd's sockets get TCP_NODELAY through a small preload library (`vpcd-nodelay-preload`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock, alive, releaseLock } from './pcscd-lock.js';
import { PcscdOutput, PcscdReadyLine, type PcscdStream } from './pcscd-output.js';
import { buildNodelayPreload } from './vpcd-nodelay-preload.js';

export { buildNodelayPreload };

export const PCSCD_RUN_DIR = '/run/pcscd';
const DRIVER_DIRS = [
  '/usr/lib/pcsc/drivers/serial',
  '/usr/lib/x86_64-linux-gnu/pcsc/drivers/serial',
  '/usr/lib/aarch64-linux-gnu/pcsc/drivers/serial',
  '/usr/local/lib/pcsc/drivers/serial',
];

export interface PcscdAvailability {
  readonly ok: boolean;
  readonly reason?: string;
  readonly pcscd?: string;
  readonly vpcdDriver?: string;
}

/** Whether pcscd and the vpcd driver are installed here. */
export function pcscdAvailability(): PcscdAvailability {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin'];
  const pcscd = dirs.map((d) => join(d, 'pcscd')).find((p) => existsSync(p));
  if (!pcscd) return { ok: false, reason: 'pcscd is not installed (Debian package pcscd)' };
  const vpcdDriver = DRIVER_DIRS.map((d) => join(d, 'libifdvpcd.so')).find((p) => existsSync(p));
  if (!vpcdDriver)
    return { ok: false, reason: 'vpcd is not installed (Debian package vsmartcard-vpcd)', pcscd };
  return { ok: true, pcscd, vpcdDriver };
}

/** Removes the run files of a pcscd that is gone; throws when a live one holds them. */
export function clearStalePcscdRunFiles(runDir = PCSCD_RUN_DIR): void {
  const pidFile = join(runDir, 'pcscd.pid');
  if (!existsSync(pidFile)) return;
  // pcscd writes its PID followed by a newline and a NUL byte
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
    throw new Error(`Another pcscd (pid ${pid}) is running; stop it before the PC/SC tests.`);
  }
  for (const f of ['pcscd.pid', 'pcscd.comm']) rmSync(join(runDir, f), { force: true });
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

async function freePortPair(): Promise<number> {
  for (let i = 0; i < 50; i += 1) {
    // below the ephemeral range (32768 and up): pcscd restarts vpcd on these ports, which must not
    // be handed to another process meanwhile
    const base = 20000 + Math.floor(Math.random() * 6000) * 2;
    if ((await portFree(base)) && (await portFree(base + 1))) return base;
  }
  throw new Error('No two free TCP ports for vpcd.');
}

export interface PcscdStartOptions {
  /** set TCP_NODELAY on vpcd's sockets through the preload (default true) */
  readonly nodelay?: boolean;
  /** pcscd --debug --apdu, output kept in `output()` */
  readonly debug?: boolean;
  /** wait for the machine-wide lock at most this long (default 120 s) */
  readonly lockTimeoutMs?: number;
  /**
   * vpcd dials the virtual cards (vpcd's reversed connection) on this port and the next, on the
   * loopback, instead of listening for them: a card listening there is on the contacts as pcscd
   * starts, as a card left in a real reader is; both ports must listen whenever pcscd starts.
   */
  readonly cardsListenOn?: number;
}

export class PcscdProcess {
  private child: ChildProcess | null = null;
  private watchdog: ChildProcess | null = null;
  /** what pcscd printed, a PIN command's data withheld (`pcscd-output.ts`) */
  private readonly log = new PcscdOutput();

  private constructor(
    readonly basePort: number,
    private readonly configDir: string,
    private readonly availability: PcscdAvailability,
    private readonly options: PcscdStartOptions,
    readonly preload: string | undefined,
  ) {}

  /** Starts pcscd with two vpcd slots on free ports; resolves when pcscd says it is ready. */
  static async start(options: PcscdStartOptions = {}): Promise<PcscdProcess> {
    const availability = pcscdAvailability();
    if (!availability.ok) throw new Error(availability.reason);
    await acquireLock(options.lockTimeoutMs ?? 120_000);
    try {
      const basePort = options.cardsListenOn ?? (await freePortPair());
      const configDir = mkdtempSync(join(tmpdir(), 'pcscd-conf-'));
      const dialled = options.cardsListenOn === undefined ? '/dev/null' : '127.0.0.1';
      writeFileSync(
        join(configDir, 'vpcd'),
        [
          'FRIENDLYNAME "Virtual PCD"',
          `DEVICENAME   ${dialled}:0x${basePort.toString(16).toUpperCase()}`,
          `LIBPATH      ${availability.vpcdDriver}`,
          `CHANNELID    0x${basePort.toString(16).toUpperCase()}`,
          '',
        ].join('\n'),
      );
      const preload = options.nodelay === false ? undefined : buildNodelayPreload();
      const pcscd = new PcscdProcess(basePort, configDir, availability, options, preload);
      await pcscd.launch();
      return pcscd;
    } catch (e) {
      releaseLock();
      throw e;
    }
  }

  /** vpcd ports of the two slots: the customer reader and the chip station. */
  get ports(): [number, number] {
    return [this.basePort, this.basePort + 1];
  }

  readonly readerNames = ['Virtual PCD 00 00', 'Virtual PCD 00 01'] as const;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  output(): string {
    return this.log.text;
  }

  /** Kills pcscd hard (a crash), leaving its stale run files behind as a real crash does. */
  async kill(): Promise<void> {
    await this.terminate('SIGKILL');
  }

  /**
   * Starts pcscd again with the same config and ports (after `kill`); with `readers: false` it
   * comes back with no reader at all, as after the reader was unplugged.
   */
  async restart(options: { readers?: boolean } = {}): Promise<void> {
    if (this.child) await this.terminate('SIGTERM');
    await this.launch(options.readers === false);
  }

  async stop(): Promise<void> {
    try {
      await this.terminate('SIGTERM');
      rmSync(this.configDir, { recursive: true, force: true });
      rmSync(`${this.configDir}-none`, { recursive: true, force: true });
    } finally {
      releaseLock();
    }
  }

  private async launch(withoutReaders = false): Promise<void> {
    clearStalePcscdRunFiles();
    const configDir = withoutReaders ? `${this.configDir}-none` : this.configDir;
    mkdirSync(configDir, { recursive: true });
    const args = ['--foreground', '--info', '--config', configDir];
    if (this.options.debug) args.push('--debug', '--apdu');
    const env = { ...process.env, ...(this.preload ? { LD_PRELOAD: this.preload } : {}) };
    const child = spawn(this.availability.pcscd ?? 'pcscd', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // pcscd never keeps this process alive: a test run that ends without `stop()` still exits,
    // and the watchdog then ends pcscd (and the lock goes stale with its owner)
    child.unref();
    (child.stdout as { unref?: () => void } | null)?.unref?.();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pcscd did not start:\n${this.log.text}`)), 10_000);
      let started = false;
      // this pcscd's ready line, not one in the output kept (the pcscd before a restart's)
      const readyLine = new PcscdReadyLine();
      const onData = (from: PcscdStream) => (chunk: Buffer) => {
        this.log.push(chunk.toString(), from);
        if (!started && readyLine.heard(chunk.toString(), from)) {
          started = true;
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData('stdout'));
      child.stderr?.on('data', onData('stderr'));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`pcscd exited (${code}) before it was ready:\n${this.log.text}`));
      });
    });
    this.startWatchdog(child.pid ?? 0);
    try {
      await ready;
    } catch (e) {
      await this.terminate('SIGKILL');
      throw e;
    }
  }

  /** A detached process that ends pcscd when this process dies without stopping it. */
  private startWatchdog(pcscdPid: number): void {
    const script = `const [p, c] = process.argv.slice(1).map(Number);
setInterval(() => {
  try { process.kill(c, 0); } catch { process.exit(0); }
  try { process.kill(p, 0); } catch { try { process.kill(c, 'SIGTERM'); } catch {} process.exit(0); }
}, 500);`;
    this.watchdog = spawn(process.execPath, ['-e', script, String(process.pid), String(pcscdPid)], {
      detached: true,
      stdio: 'ignore',
    });
    this.watchdog.unref();
  }

  private async terminate(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = null;
    if (this.watchdog?.pid) {
      try {
        process.kill(this.watchdog.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    this.watchdog = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
