/**
 * Fleet ingest: heartbeats per second, and per CPU-second of the receiving process ("per core"),
 * for the fleet monitor (embedded aedes broker with per-kiosk auth → zod → SQLite, WAL) against a
 * plain MQTT subscriber baseline (aedes without auth, one mqtt.js client subscribed to
 * `kiosk/+/heartbeat` that only counts) in the same run, under the same load.
 *
 * The load comes from a child process (this file with `--load`), so the receiving side's CPU time
 * is its own. A fleet of `kiosks` (default 10,000) is seeded in the monitor's store; `connections`
 * kiosks (default 100: each kiosk's scrypt log-in costs ~40 ms, 10,000 would take minutes) send the
 * fleet's heartbeats, `kiosks × perKiosk` in all, as fast as they can (QoS 0).
 *
 *   node bench/dist/fleet-ingest.bench.js [--kiosks 10000] [--connections 100] [--per-kiosk 5] [--rounds 3]
 * or `measureFleetIngest(options)` from another bench. A burst of statuses each raising an alert:
 * `fleet-status-burst.bench.ts` beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { FleetMonitor, hashSecret } from '@kiosk/fleet-monitor';

export interface FleetIngestOptions {
  readonly kiosks: number;
  readonly connections: number;
  readonly perKiosk: number;
  readonly rounds: number;
}

export interface IngestRate {
  readonly perSecond: number;
  readonly perCpuSecond: number;
}

export interface FleetIngestRates {
  readonly options: FleetIngestOptions;
  readonly heartbeats: number;
  readonly monitor: IngestRate;
  /** a separate plain MQTT subscriber client */
  readonly baseline: IngestRate;
  /** a subscription inside the broker that only counts: aedes's own floor */
  readonly brokerOnly: IngestRate;
}

const SELF = fileURLToPath(import.meta.url);
const secretOf = (i: number): string => `bench-secret-${i}-not-for-kiosks`;
const kioskIdOf = (i: number): string => `bench-k${String(i).padStart(5, '0')}`;

/** The load: `connections` kiosks, each sending `count` heartbeats when told "go" on stdin. */
async function load(url: string, connections: number, count: number): Promise<void> {
  const clients: MqttClient[] = [];
  for (let i = 0; i < connections; i++)
    clients.push(
      await connectAsync(url, {
        clientId: kioskIdOf(i),
        username: kioskIdOf(i),
        password: secretOf(i),
        reconnectPeriod: 0,
      }),
    );
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const at = new Date().toISOString();
  await Promise.all(
    clients.map(async (client, i) => {
      const topic = `kiosk/${kioskIdOf(i)}/heartbeat`;
      for (let seq = 0; seq < count; seq++) {
        const body = JSON.stringify({ kioskId: kioskIdOf(i), seq, at, uptimeS: 60, queued: 0 });
        if (!client.publish(topic, body, { qos: 0 }) && seq % 64 === 0)
          await new Promise((resolve) => setImmediate(resolve));
      }
      await client.endAsync();
    }),
  );
  process.stdout.write('done\n');
}

async function startLoad(
  url: string,
  connections: number,
  count: number,
): Promise<{ child: ChildProcess; go: () => void }> {
  const child = spawn(process.execPath, [SELF, '--load', url, String(connections), String(count)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) if (line === 'ready') break;
  return { child, go: () => child.stdin!.write('go\n') };
}

/** Runs the load against a receiver and measures until `received()` reaches the total. */
async function measure(
  url: string,
  options: FleetIngestOptions,
  received: () => number,
): Promise<IngestRate> {
  const total = options.kiosks * options.perKiosk;
  const perConnection = Math.ceil(total / options.connections);
  const expected = perConnection * options.connections;
  const { child, go } = await startLoad(url, options.connections, perConnection);
  const start = received();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  go();
  while (received() - start < expected) {
    if (child.exitCode !== null && child.exitCode !== 0)
      throw new Error(`the load process failed (${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (child.exitCode === null) await once(child, 'exit');
  return { perSecond: expected / seconds, perCpuSecond: expected / cpuSeconds };
}

/**
 * The baselines: aedes without auth, and either a separate mqtt.js client subscribed to
 * `kiosk/+/heartbeat` (the plain MQTT subscriber) or a subscription inside the broker (what the
 * monitor uses, without its auth, validation and store), each only counting.
 */
async function baselineRate(options: FleetIngestOptions, inBroker: boolean): Promise<IngestRate> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let count = 0;
  let subscriber: MqttClient | undefined;
  if (inBroker)
    await new Promise<void>((resolve) =>
      broker.subscribe(
        'kiosk/+/heartbeat',
        (_packet, done) => {
          count++;
          done();
        },
        resolve,
      ),
    );
  else {
    subscriber = await connectAsync(url, { clientId: 'baseline-subscriber', reconnectPeriod: 0 });
    await subscriber.subscribeAsync('kiosk/+/heartbeat', { qos: 0 });
    subscriber.on('message', () => count++);
  }
  try {
    return await measure(url, options, () => count);
  } finally {
    await subscriber?.endAsync(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  }
}

async function monitorRate(options: FleetIngestOptions, dir: string, round: number): Promise<IngestRate> {
  const kiosks: Record<string, string> = {};
  for (let i = 0; i < options.connections; i++) kiosks[kioskIdOf(i)] = hashSecret(secretOf(i));
  const fleet = new FleetMonitor({
    mqttHost: '127.0.0.1',
    mqttPort: 0,
    db: join(dir, `fleet-${round}.sqlite`),
    kiosks: { kiosks },
    operators: { users: [] },
    sweepIntervalMs: 60_000,
  });
  const { port } = await fleet.start();
  const at = new Date().toISOString();
  await fleet.store.transaction(async (store) => {
    for (let i = 0; i < options.kiosks; i++)
      await store.saveStatus(
        {
          connection: 'online',
          kioskId: kioskIdOf(i),
          mode: 'inService',
          version: 'bench',
          journeysOffered: ['balance'],
          devices: [],
          heartbeatIntervalS: 10,
          at,
        },
        at,
      );
  });
  try {
    return await measure(`mqtt://127.0.0.1:${port}`, options, () => fleet.ingest.counters.heartbeats);
  } finally {
    await fleet.stop();
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureFleetIngest(
  partial: Partial<FleetIngestOptions> = {},
): Promise<FleetIngestRates> {
  const options: FleetIngestOptions = {
    kiosks: 10_000,
    connections: 100,
    perKiosk: 5,
    rounds: 3,
    ...partial,
  };
  const dir = mkdtempSync(join(tmpdir(), 'fleet-ingest-bench-'));
  const monitor: IngestRate[] = [];
  const baseline: IngestRate[] = [];
  const brokerOnly: IngestRate[] = [];
  try {
    // interleaved, so no side has the machine to itself at a better moment
    for (let round = 0; round < options.rounds; round++) {
      baseline.push(await baselineRate(options, false));
      brokerOnly.push(await baselineRate(options, true));
      monitor.push(await monitorRate(options, dir, round));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pick = (rates: IngestRate[]): IngestRate => ({
    perSecond: median(rates.map((rate) => rate.perSecond)),
    perCpuSecond: median(rates.map((rate) => rate.perCpuSecond)),
  });
  const heartbeats =
    Math.ceil((options.kiosks * options.perKiosk) / options.connections) * options.connections;
  return {
    options,
    heartbeats,
    monitor: pick(monitor),
    baseline: pick(baseline),
    brokerOnly: pick(brokerOnly),
  };
}

export function fleetIngestTable(rates: FleetIngestRates): string[] {
  const fmt = (n: number): string => Math.round(n).toLocaleString('en');
  const goal = rates.monitor.perCpuSecond >= 5000 ? 'met' : 'NOT met';
  return [
    `${rates.heartbeats.toLocaleString('en')} heartbeats of a ${rates.options.kiosks.toLocaleString('en')}-kiosk fleet over ${rates.options.connections} connections, QoS 0, median of ${rates.options.rounds} interleaved rounds.`,
    '',
    '| receiver | heartbeats/s | heartbeats per CPU-second |',
    '| --- | ---: | ---: |',
    `| plain MQTT subscriber (baseline) | ${fmt(rates.baseline.perSecond)} | ${fmt(rates.baseline.perCpuSecond)} |`,
    `| aedes with an in-broker subscriber that only counts | ${fmt(rates.brokerOnly.perSecond)} | ${fmt(rates.brokerOnly.perCpuSecond)} |`,
    `| fleet monitor (auth, zod, SQLite) | ${fmt(rates.monitor.perSecond)} | ${fmt(rates.monitor.perCpuSecond)} |`,
    `| monitor / plain subscriber | ${(rates.monitor.perSecond / rates.baseline.perSecond).toFixed(2)}× | ${(rates.monitor.perCpuSecond / rates.baseline.perCpuSecond).toFixed(2)}× (goal ≥ 5,000/s per core: ${goal}) |`,
    `| monitor / in-broker counter | ${(rates.monitor.perSecond / rates.brokerOnly.perSecond).toFixed(2)}× | ${(rates.monitor.perCpuSecond / rates.brokerOnly.perCpuSecond).toFixed(2)}× |`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--load') {
    await load(args[1]!, Number(args[2]), Number(args[3]));
    process.exit(0);
  }
  const { values } = parseArgs({
    args,
    options: {
      kiosks: { type: 'string' },
      connections: { type: 'string' },
      'per-kiosk': { type: 'string' },
      rounds: { type: 'string' },
    },
  });
  const rates = await measureFleetIngest({
    ...(values.kiosks && { kiosks: Number(values.kiosks) }),
    ...(values.connections && { connections: Number(values.connections) }),
    ...(values['per-kiosk'] && { perKiosk: Number(values['per-kiosk']) }),
    ...(values.rounds && { rounds: Number(values.rounds) }),
  });
  process.stdout.write(`${fleetIngestTable(rates).join('\n')}\n`);
}
