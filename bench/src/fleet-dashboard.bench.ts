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
 * The monitor, the kiosk's status and the floor's broker: `fleet-dashboard.rig.ts`.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectAsync, type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { externalStack } from '@kiosk/fleet-monitor';
import { launchChromium } from '@kiosk/fleet-monitor/testing/chromium';
import {
  epoch,
  KIOSK,
  KIOSK_SECRET,
  startMonitor,
  startMqttFloor,
  status,
  VIEWER,
  type DashboardStack,
} from './fleet-dashboard.rig.js';
import { percentile } from './startup.bench.js';

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
