/**
 * The real fleet monitor as a child process (built dist, embedded aedes broker, SQLite file in a
 * temp folder, credential files with scrypt hashes) for the daemon's fleet e2e specs: started on
 * ephemeral ports, restartable on the same MQTT port (a broker outage the kiosk must ride out),
 * stopped by PID. An operator session drives its REST API. Needs `npx tsc -b` first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hashSecret, startTestMosquitto, type TestMosquitto } from '@kiosk/fleet-monitor';
import { eventually } from '@kiosk/domain/testing';

const MAIN = fileURLToPath(new URL('../../fleet-monitor/dist/main.js', import.meta.url));
/** the operator `writeFleetCredentials` writes (role operator), for the API and the dashboard */
export const OPERATOR = { username: 'field-operator', password: 'operator-e2e-password' };

export interface FleetMonitorProcess {
  /** the REST API, e.g. http://127.0.0.1:PORT */
  readonly http: string;
  /** the embedded broker, e.g. mqtt://127.0.0.1:PORT */
  readonly mqtt: string;
  readonly output: string[];
  /** calls the API as the operator (logs in on first use); the answer (parsed when JSON) and its HTTP status */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by each test
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Writes the kiosk and operator credential files into `dir` (kiosk id → password). */
export function writeFleetCredentials(dir: string, kiosks: Readonly<Record<string, string>>): void {
  writeFileSync(
    join(dir, 'kiosks.json'),
    JSON.stringify({
      kiosks: Object.fromEntries(Object.entries(kiosks).map(([id, secret]) => [id, hashSecret(secret)])),
    }),
  );
  writeFileSync(
    join(dir, 'operators.json'),
    JSON.stringify({
      users: [{ username: OPERATOR.username, role: 'operator', password: hashSecret(OPERATOR.password) }],
    }),
  );
}

/**
 * Starts the monitor with the credential files and database in `dir`; `mqttPort` 0 picks a free port.
 * `extraArgs` come last, so they override (e.g. `--db postgres://...`, `--broker mqtt://...`).
 */
export async function startFleetMonitor(
  dir: string,
  mqttPort = 0,
  extraArgs: readonly string[] = [],
): Promise<FleetMonitorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      MAIN,
      '--port',
      '0',
      '--mqtt-port',
      String(mqttPort),
      '--db',
      join(dir, 'fleet-monitor.sqlite'),
      '--kiosks',
      join(dir, 'kiosks.json'),
      '--operators',
      join(dir, 'operators.json'),
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  const ready = await new Promise<{ url: string; mqtt: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`fleet monitor not ready in 30 s:\n${output.join('\n')}`));
    }, 30_000); // as the monitor's own specs give it: seconds on a loaded 2-core machine
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      try {
        const json = JSON.parse(line) as { event?: string; url?: string; mqtt?: string };
        if (json.event === 'ready' && json.url && json.mqtt) {
          clearTimeout(timer);
          resolve({ url: json.url, mqtt: json.mqtt });
        }
      } catch {
        // not a JSON line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`fleet monitor exited with ${code} before ready:\n${output.join('\n')}`));
    });
  });
  let token: string | undefined;
  const call = async (method: string, path: string, body?: unknown, bearer?: string) => {
    const response = await fetch(`${ready.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(bearer !== undefined && { authorization: `Bearer ${bearer}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json = response.headers.get('content-type')?.startsWith('application/json') ?? false;
    return { status: response.status, body: json && text ? (JSON.parse(text) as unknown) : text };
  };
  return {
    http: ready.url,
    mqtt: ready.mqtt,
    output,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by each test
    async api(method, path, body): Promise<{ status: number; body: any }> {
      if (token === undefined) {
        const login = await call('POST', '/auth/login', OPERATOR);
        token = (login.body as { token: string }).token;
      }
      return call(method, path, body, token);
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(watchdog);
      return code;
    },
  };
}

/** An alert as the fleet monitor's API lists it (the fields the specs read). */
type ListedAlert = { kioskId: string; kind: string; code?: string };

/**
 * Waits until the fleet monitor lists an alert of `kind` for `kioskId`; gives those alerts and
 * the whole list (to check what it must not show).
 */
export async function fleetAlertsOf(
  monitor: FleetMonitorProcess,
  kioskId: string,
  kind: string,
  what: string,
): Promise<{ raised: ListedAlert[]; listed: unknown[] }> {
  const ofKiosk = (body: ListedAlert[]) => body.filter((x) => x.kioskId === kioskId && x.kind === kind);
  const alerts = await eventually(() => monitor.api('GET', '/alerts'), what, {
    withinMs: 10_000,
    until: (a) => ofKiosk(a.body as ListedAlert[]).length > 0,
  });
  return { raised: ofKiosk(alerts.body as ListedAlert[]), listed: alerts.body as unknown[] };
}

/** The fleet's Mosquitto of the calling describe, and what the monitor and a kiosk need to reach it. */
export interface FleetBroker {
  readonly broker: TestMosquitto;
  /** the fleet monitor's arguments for the broker: its account, password file and client id */
  monitorArgs(clientId: string): string[];
  /** the daemon's arguments for the broker: its URL and `kiosk`'s password */
  kioskArgs(password: string): string[];
}

/** What the calling describe's `beforeAll` started, once it has: else that set-up failed. */
function startedForSuite<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the ${what} has not started (its beforeAll failed)`);
  return value;
}

/** The daemon's arguments for the fleet's broker at `url`, as a kiosk of `password`. */
const kioskBrokerArgs = (url: string, password: string): string[] => [
  ...['--set', `fleet.mqtt.url=${url}`],
  ...['--set', `fleet.mqtt.password=${password}`],
];

/**
 * A Mosquitto for the calling describe with `kiosks` (id → password) and the fleet monitor's
 * account: started before its first test, closed after its last.
 */
export function fleetBrokerForSuite(kiosks: Readonly<Record<string, string>>): FleetBroker {
  let broker: TestMosquitto | undefined;
  beforeAll(async () => {
    broker = await startTestMosquitto({ kiosks, monitors: { 'fleet-monitor': 'monitor-e2e-secret' } });
  }, 30_000);
  afterAll(async () => {
    await broker?.close();
  });
  const started = () => startedForSuite(broker, 'fleet broker');
  return {
    get broker() {
      return started();
    },
    monitorArgs: (clientId) => [
      ...['--broker', started().url, '--broker-user', 'fleet-monitor'],
      ...['--broker-password-file', join(started().dir, 'fleet-monitor.password')],
      ...['--broker-client-id', clientId],
    ],
    kioskArgs: (password) => kioskBrokerArgs(started().url, password),
  };
}

/** The fleet monitor of the calling describe, on a folder of its own with one for the kiosk in it. */
export interface FleetMonitorForSuite {
  /** the suite's folder: the credential files and the monitor's database */
  readonly dir: string;
  /** the kiosk's folder (`kiosk` in `dir`), empty when the suite starts */
  readonly kioskDir: string;
  /** the monitor running now (a new one after `startAgain`) */
  readonly monitor: FleetMonitorProcess;
  /** the daemon's arguments for the monitor's embedded broker: its URL and the kiosk's `password` */
  kioskArgs(password: string): string[];
  /** the monitor, stopped by the spec, started again on its files and its broker's port */
  startAgain(): Promise<void>;
}

/**
 * The real fleet monitor for the calling describe, `kiosks` (id → password) and the operator in its
 * credential files, its broker on a free port: started before the first test. After the last,
 * `stopFirst` (what the suite runs on `kioskDir`: its daemon), then the monitor stopped and the
 * folder removed.
 */
export function fleetMonitorForSuite(
  kiosks: Readonly<Record<string, string>>,
  stopFirst: () => Promise<unknown> | undefined,
): FleetMonitorForSuite {
  let dir: string | undefined;
  let monitor: FleetMonitorProcess | undefined;
  let mqttPort = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-suite-'));
    mkdirSync(join(dir, 'kiosk'));
    writeFleetCredentials(dir, kiosks);
    monitor = await startFleetMonitor(dir);
    mqttPort = Number(new URL(monitor.mqtt).port);
  }, 60_000); // the monitor may take its 30 s to be ready
  afterAll(async () => {
    await stopFirst();
    await monitor?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }, 30_000); // each stop is killed after 10 s: their own messages, not Jest's timeout
  const started = <T>(value: T | undefined): T => startedForSuite(value, 'fleet monitor');
  return {
    get dir() {
      return started(dir);
    },
    get kioskDir() {
      return join(started(dir), 'kiosk');
    },
    get monitor() {
      return started(monitor);
    },
    kioskArgs: (password) => kioskBrokerArgs(started(monitor).mqtt, password),
    async startAgain() {
      monitor = await startFleetMonitor(started(dir), mqttPort);
    },
  };
}
