/**
 * The built fleet monitor as a real process for the dashboard specs and the bench: credential files
 * (scrypt hashes) and an SQLite file in a temp folder, HTTP and MQTT on ephemeral ports of
 * 127.0.0.1, stopped by PID. Two operators: `zhang` (operator) and `li` (viewer). Needs
 * `npm run build` first (the monitor's dist and the dashboard's dist).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hashSecret } from '../src/credentials/scrypt-secret.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export const OPERATOR = { username: 'zhang', password: 'operator pass' } as const;
export const VIEWER = { username: 'li', password: 'viewer pass' } as const;

export interface MonitorProcess {
  readonly http: string;
  readonly mqtt: string;
  readonly output: string[];
  /** a session token for one of the two users */
  logIn(user: { username: string; password: string }): Promise<string>;
  stop(): Promise<void>;
  /** kills it (SIGKILL): no clean stop, its broker session left behind */
  crash(): Promise<void>;
}

export interface MonitorOptions {
  /** `--db`: a PostgreSQL URL, say; default an SQLite file in the temp folder */
  readonly db?: string;
  /** a kiosks file made elsewhere (write-broker-files) instead of one from `kiosks` */
  readonly kiosksFile?: string;
  /** more options, e.g. `--broker URL --broker-user NAME --broker-password-file FILE` */
  readonly args?: readonly string[];
}

/** Starts the monitor with these kiosks (id → password). */
export async function startMonitor(
  kiosks: Readonly<Record<string, string>>,
  options: MonitorOptions = {},
): Promise<MonitorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-dashboard-'));
  const kiosksFile = options.kiosksFile ?? join(dir, 'kiosks.json');
  if (options.kiosksFile === undefined)
    writeFileSync(
      kiosksFile,
      JSON.stringify({
        kiosks: Object.fromEntries(Object.entries(kiosks).map(([id, secret]) => [id, hashSecret(secret)])),
      }),
    );
  writeFileSync(
    join(dir, 'operators.json'),
    JSON.stringify({
      users: [
        { username: OPERATOR.username, role: 'operator', password: hashSecret(OPERATOR.password) },
        { username: VIEWER.username, role: 'viewer', password: hashSecret(VIEWER.password) },
      ],
    }),
  );
  const child = spawn(
    process.execPath,
    [
      MAIN,
      ...['--port', '0', '--mqtt-port', '0', '--db', options.db ?? join(dir, 'fleet.sqlite')],
      ...['--kiosks', kiosksFile, '--operators', join(dir, 'operators.json')],
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; mqtt: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fleet monitor not ready in 30 s:\n${output.join('\n')}`));
    }, 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      if (!line.startsWith('{')) return;
      const json = JSON.parse(line) as { event?: string; url?: string; mqtt?: string };
      if (json.event === 'ready' && json.url && json.mqtt) {
        clearTimeout(timer);
        resolve({ url: json.url, mqtt: json.mqtt });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`fleet monitor exited before ready:\n${output.join('\n')}`));
    });
  });
  return {
    http: ready.url,
    mqtt: ready.mqtt,
    output,
    async logIn(user) {
      const response = await fetch(`${ready.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(user),
      });
      const body = (await response.json()) as { token?: string };
      if (!body.token) throw new Error(`log-in of ${user.username} refused: ${JSON.stringify(body)}`);
      return body.token;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(watchdog);
      rmSync(dir, { recursive: true, force: true });
    },
    async crash() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
