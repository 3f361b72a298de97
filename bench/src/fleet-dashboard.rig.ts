/**
 * What the fleet dashboard bench (`fleet-dashboard.bench.ts`) measures against: the fleet monitor
 * as its own process (built dist) on its embedded broker and SQLite or behind a real Mosquitto on
 * PostgreSQL, with one kiosk and one viewer; the kiosk's status as it publishes it; and the floor,
 * a bare aedes broker with one plain subscriber.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { createTestDatabase, hashSecret, startTestMosquitto } from '@kiosk/fleet-monitor';

const MONITOR = fileURLToPath(new URL('../../fleet-monitor/dist/main.js', import.meta.url));
export const KIOSK = 'bench-k01';
export const KIOSK_SECRET = 'bench-kiosk-secret-not-for-kiosks';
export const VIEWER = { username: 'bench-viewer', password: 'bench-viewer-password' };

/** Wall-clock epoch milliseconds, as the page takes them too. */
export const epoch = (): number => performance.timeOrigin + performance.now();

/** The kiosk's status with its paper `paper` at `count`. */
export function status(paper: 'ok' | 'low', count: number): string {
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

/** The monitor started in `dir` on `stack`, the kiosk and the viewer known to it; ready when this resolves. */
export async function startMonitor(dir: string, stack: DashboardStack): Promise<StartedMonitor> {
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
export async function startMqttFloor(): Promise<{
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
