/// <reference lib="dom" />
/**
 * Dashboard latency: from a kiosk's status published on MQTT to the change painted on the
 * operators' dashboard in Debian's Chromium (playwright-core). The fleet monitor runs as its own
 * process (built dist, embedded broker, SQLite file); the kiosk is an MQTT client here; the page
 * is logged in as a viewer on the fleet list. Each sample flips the kiosk's paper between ok and
 * low with a new count, so the row's supply text changes and the low-paper alert is raised or
 * cleared: the sample ends in the first frame painted after the row shows the new count and the
 * alerts badge the new number. Times are wall-clock epoch milliseconds on both sides
 * (`performance.timeOrigin + performance.now()` in Node and in the page, the same machine's clock).
 *
 * In the same run, from the same publish: a socket.io client (Node) logged in to the monitor
 * receiving the kiosk's pushed row (the monitor's whole path without the browser); and, as the
 * floor, the same status through a bare aedes broker to a plain MQTT subscriber (no auth, no
 * ingest, no store). Runs alone with `node bench/dist/fleet-dashboard.bench.js` (prints its section).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { createTestDatabase, externalStack, hashSecret, startTestMosquitto } from '@kiosk/fleet-monitor';
import { launchChromium } from '@kiosk/fleet-monitor/testing/chromium';
import { percentile } from './startup.bench.js';

const MONITOR = fileURLToPath(new URL('../../fleet-monitor/dist/main.js', import.meta.url));
const KIOSK = 'bench-k01';
const KIOSK_SECRET = 'bench-kiosk-secret-not-for-kiosks';
const VIEWER = { username: 'bench-viewer', password: 'bench-viewer-password' };

export interface DashboardRun {
  /** bare aedes → plain MQTT subscriber */
  readonly mqttFloor: readonly number[];
  /** fleet monitor → socket.io client in Node: the pushed kiosk row */
  readonly socketPush: readonly number[];
  /** fleet monitor → dashboard in Chromium: row and alert badge painted */
  readonly screen: readonly number[];
  /** 1-minute load average before and after the samples */
  readonly load: readonly [number, number];
}

export interface DashboardLatency {
  readonly samples: number;
  readonly embedded: DashboardRun;
  /** on Mosquitto + PostgreSQL, or what was missing to run there */
  readonly external: DashboardRun | { readonly missing: readonly string[] };
}

const epoch = (): number => performance.timeOrigin + performance.now();

function status(paper: 'ok' | 'low', count: number): string {
  return JSON.stringify({
    connection: 'online',
    kioskId: KIOSK,
    hallId: 'hall-bench',
    mode: 'inService',
    version: 'bench',
    journeysOffered: ['balance'],
    devices: [
      { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: paper, count }] },
    ],
    heartbeatIntervalS: 60,
    at: new Date().toISOString(),
  });
}

/** Where the monitor runs: its embedded broker and SQLite, or a real Mosquitto and PostgreSQL. */
export type DashboardStack =
  { readonly kind: 'embedded' } | { readonly kind: 'external'; readonly postgresUrl: string };

interface StartedMonitor {
  readonly child: ChildProcess;
  readonly http: string;
  /** where the kiosk connects */
  readonly mqtt: string;
  cleanup(): Promise<void>;
}

async function startMonitor(dir: string, stack: DashboardStack): Promise<StartedMonitor> {
  writeFileSync(join(dir, 'kiosks.json'), JSON.stringify({ kiosks: { [KIOSK]: hashSecret(KIOSK_SECRET) } }));
  writeFileSync(
    join(dir, 'operators.json'),
    JSON.stringify({
      users: [{ username: VIEWER.username, role: 'viewer', password: hashSecret(VIEWER.password) }],
    }),
  );
  let args = ['--db', join(dir, 'fleet.sqlite'), '--kiosks', join(dir, 'kiosks.json')];
  let cleanup = async (): Promise<void> => undefined;
  let kioskBroker: string | undefined;
  if (stack.kind === 'external') {
    const broker = await startTestMosquitto({
      kiosks: { [KIOSK]: KIOSK_SECRET },
      monitors: { 'fleet-monitor': 'bench-monitor-secret-not-for-monitors' },
    });
    const db = await createTestDatabase(stack.postgresUrl, 'bench');
    args = [
      ...['--db', db.url, '--kiosks', join(broker.dir, 'kiosks.json')],
      ...[
        '--broker',
        broker.url,
        '--broker-user',
        'fleet-monitor',
        '--broker-client-id',
        'fleet-monitor-bench',
      ],
      ...['--broker-password-file', join(broker.dir, 'fleet-monitor.password')],
    ];
    kioskBroker = broker.url;
    cleanup = async () => {
      await db.drop();
      await broker.close();
    };
  }
  const child = spawn(
    process.execPath,
    [MONITOR, '--port', '0', '--mqtt-port', '0', '--operators', join(dir, 'operators.json'), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<{ url: string; mqtt: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('fleet monitor not ready in 30 s')), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const json = JSON.parse(line) as { event?: string; url?: string; mqtt?: string };
      if (json.event === 'ready' && json.url && json.mqtt) {
        clearTimeout(timer);
        resolve({ url: json.url, mqtt: json.mqtt });
      }
    });
    child.once('exit', (code) => reject(new Error(`fleet monitor exited with ${code}`)));
  });
  return { child, http: ready.url, mqtt: kioskBroker ?? ready.mqtt, cleanup };
}

/** A bare aedes broker on a free port with one plain subscriber: the MQTT hop alone. */
async function startMqttFloor(): Promise<{
  publisher: MqttClient;
  next: () => Promise<number>;
  stop: () => Promise<void>;
}> {
  const aedes = await Aedes.createBroker();
  const server = createServer((socket) => aedes.handle(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const subscriber = await connectAsync(url, { clientId: 'floor-sub', reconnectPeriod: 0 });
  await subscriber.subscribeAsync(`kiosk/${KIOSK}/status`, { qos: 1 });
  const publisher = await connectAsync(url, { clientId: 'floor-pub', reconnectPeriod: 0 });
  let waiting: ((at: number) => void) | undefined;
  subscriber.on('message', () => waiting?.(epoch()));
  return {
    publisher,
    next: () => new Promise<number>((resolve) => (waiting = resolve)),
    async stop() {
      await publisher.endAsync(true);
      await subscriber.endAsync(true);
      server.close();
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}

/** Arms the page: resolves (inside the page) with the epoch time of the frame painted after the row and badge show the change. */
async function armScreen(page: Page, supplyText: string, badge: string): Promise<void> {
  await page.evaluate(
    ({ kioskId, supplyText, badge }) => {
      const shown = (): boolean =>
        document.querySelector(`[data-testid="kiosk-row-${kioskId}"] [data-supply="paper"]`)?.textContent ===
          supplyText && (document.querySelector('nav .badge')?.textContent?.trim() ?? '') === badge;
      (window as unknown as { shownAt: Promise<number> }).shownAt = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => resolve(performance.timeOrigin + performance.now()), 0),
          );
        });
        observer.observe(document, { subtree: true, childList: true, characterData: true });
      });
    },
    { kioskId: KIOSK, supplyText, badge },
  );
}

/** One run against a monitor on `stack`, with the bare-aedes floor interleaved. */
async function measureOn(stack: DashboardStack, samples: number, warmup: number): Promise<DashboardRun> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-dashboard-bench-'));
  const monitor = await startMonitor(dir, stack);
  const floor = await startMqttFloor();
  const browser = await launchChromium();
  let kiosk: MqttClient | undefined;
  let socket: Socket | undefined;
  try {
    kiosk = await connectAsync(monitor.mqtt, {
      clientId: KIOSK,
      username: KIOSK,
      password: KIOSK_SECRET,
      reconnectPeriod: 0,
    });
    await kiosk.publishAsync(`kiosk/${KIOSK}/status`, status('ok', 800), { qos: 1, retain: true });

    const login = await fetch(`${monitor.http}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(VIEWER),
    });
    const { token } = (await login.json()) as { token: string };
    socket = io(monitor.http, { path: '/socket.io', transports: ['websocket'], auth: { token } });
    await new Promise<void>((resolve) => socket!.once('connect', () => resolve()));
    let pushed: ((at: number) => void) | undefined;
    let expectedCount = -1;
    socket.on('dashboard.kiosk', (row: { kioskId: string; supplies: { name: string; count?: number }[] }) => {
      if (row.kioskId === KIOSK && row.supplies.some((s) => s.name === 'paper' && s.count === expectedCount))
        pushed?.(epoch());
    });

    const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    await page.goto(monitor.http);
    await page.getByLabel('User name').fill(VIEWER.username);
    await page.getByLabel('Password').fill(VIEWER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId(`kiosk-row-${KIOSK}`).getByText('Paper: ok (800)').waitFor({ timeout: 30_000 });

    const loadBefore = loadavg()[0]!;
    const mqttFloor: number[] = [];
    const socketPush: number[] = [];
    const screen: number[] = [];
    for (let i = 0; i < warmup + samples; i++) {
      const paper = i % 2 === 0 ? 'low' : 'ok';
      const count = paper === 'low' ? 50 + (i % 30) : 500 + i;
      const body = status(paper, count);

      const floorAt = floor.next();
      const floorSent = epoch();
      floor.publisher.publish(`kiosk/${KIOSK}/status`, body, { qos: 1 });
      const floorLatency = (await floorAt) - floorSent;

      expectedCount = count;
      await armScreen(page, `Paper: ${paper} (${count})`, paper === 'low' ? '1' : '');
      const pushedAt = new Promise<number>((resolve) => (pushed = resolve));
      const sent = epoch();
      kiosk.publish(`kiosk/${KIOSK}/status`, body, { qos: 1, retain: true });
      const pushLatency = (await pushedAt) - sent;
      const shownAt = await page.evaluate(() => (window as unknown as { shownAt: Promise<number> }).shownAt);
      if (i >= warmup) {
        mqttFloor.push(floorLatency);
        socketPush.push(pushLatency);
        screen.push(shownAt - sent);
      }
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return { mqttFloor, socketPush, screen, load: [loadBefore, loadavg()[0]!] };
  } finally {
    socket?.close();
    await kiosk?.endAsync(true);
    await browser.close();
    await floor.stop();
    monitor.child.kill('SIGTERM');
    await once(monitor.child, 'exit');
    await monitor.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The embedded default, then Mosquitto + PostgreSQL when both are there (KIOSK_TEST_POSTGRES_URL, mosquitto). */
export async function measureDashboardLatency(samples = 60, warmup = 6): Promise<DashboardLatency> {
  const embedded = await measureOn({ kind: 'embedded' }, samples, warmup);
  const stack = externalStack();
  const external =
    'missing' in stack
      ? { missing: stack.missing }
      : await measureOn({ kind: 'external', postgresUrl: stack.postgresUrl }, samples, warmup);
  return { samples, embedded, external };
}

export function dashboardLatencySection(r: DashboardLatency): string[] {
  const fmt = (n: number) => n.toFixed(1);
  const p50 = (v: readonly number[]) => percentile(v, 50);
  const p99 = (v: readonly number[]) => percentile(v, 99);
  const rows = (stack: string, run: DashboardRun) => {
    const row = (name: string, v: readonly number[]) =>
      `| ${stack} | ${name} | ${fmt(p50(v))} | ${fmt(p99(v))} | ${(p50(v) / p50(run.mqttFloor)).toFixed(1)}× |`;
    return [
      row('bare aedes → plain MQTT subscriber (floor)', run.mqttFloor),
      row('MQTT → ingest → store → socket.io push, received in Node', run.socketPush),
      row('→ dashboard in Chromium: row and alert badge painted', run.screen),
    ];
  };
  const load = (run: DashboardRun) => `${run.load[0].toFixed(2)} before, ${run.load[1].toFixed(2)} after`;
  const external = 'missing' in r.external ? undefined : r.external;
  return [
    '## Fleet dashboard latency: event to screen (issue 11)',
    '',
    `A kiosk's status published on MQTT (its paper flipped between ok and low with a new count, so the low-paper alert is`,
    `raised or cleared each time) until the operators' dashboard in Debian's Chromium has painted the row's new count and the`,
    `alerts badge: the first task after the animation frame in which both were in the DOM. ${r.samples} samples after 6 warm-up`,
    'ones, one after the other. The fleet monitor is its own process (built dist): on its embedded aedes broker with',
    'per-kiosk auth and an SQLite file (WAL), and, when Mosquitto and a PostgreSQL server are at hand, behind a real',
    'Mosquitto (password and ACL files) on PostgreSQL. Times are wall-clock epoch milliseconds taken in Node and in the',
    'page on the same machine. From the same publish, a socket.io client in Node logged in to the monitor times the pushed',
    'row (the whole monitor path without the browser). Floor, interleaved in each run: the same status through a bare',
    'aedes broker to a plain MQTT subscriber (no auth, no ingest, no store, no socket.io). The browser rows include the',
    'wait for the next animation frame (up to 16.7 ms at 60 Hz).',
    '',
    '| stack | path | p50 (ms) | p99 (ms) | p50 vs floor |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows('embedded (aedes, SQLite)', r.embedded),
    ...(external ? rows('Mosquitto + PostgreSQL', external) : []),
    '',
    `1-minute load average: embedded run ${load(r.embedded)}${external ? `; Mosquitto + PostgreSQL run ${load(external)}` : ''}.`,
    ...('missing' in r.external
      ? [`Mosquitto + PostgreSQL not measured here: ${r.external.missing.join('; ')}.`]
      : []),
    '',
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(dashboardLatencySection(await measureDashboardLatency()).join('\n'));
}
