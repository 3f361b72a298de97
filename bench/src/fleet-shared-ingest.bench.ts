/**
 * The large-fleet path: events per second stored through a real Mosquitto into one PostgreSQL
 * database by one fleet-monitor process, and by two sharing the ingest (MQTT v5 shared
 * subscriptions), in the same run under the same load; also events per CPU-second of the monitor
 * processes together. One monitor is the baseline: two should store every event once at a similar
 * CPU cost per event. On a shared 2-core machine the wall-clock ratio says little about a fleet's
 * servers; the cost per event does.
 *
 *   node bench/dist/fleet-shared-ingest.bench.js [--kiosks 20] [--per-kiosk 200] [--rounds 2]
 * Needs mosquitto installed, KIOSK_TEST_POSTGRES_URL set and `npx tsc -b` (fleet-monitor's dist).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectAsync, type MqttClient } from 'mqtt';
import { DataSource } from 'typeorm';
import {
  createTestDatabase,
  externalStack,
  startTestMosquitto,
  type TestMosquitto,
} from '@kiosk/fleet-monitor';

const MAIN = fileURLToPath(new URL('../../fleet-monitor/dist/main.js', import.meta.url));
const CLOCK_TICKS = 100; // USER_HZ on Linux

interface Run {
  readonly monitors: number;
  readonly eventsPerS: number;
  readonly eventsPerCpuS: number;
  /** heartbeats that never reached the store (QoS 0); always 0 for events */
  readonly lost: number;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
}

async function startMonitor(broker: TestMosquitto, db: string, name: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      '--port',
      '0',
      '--db',
      db,
      '--kiosks',
      join(broker.dir, 'kiosks.json'),
      '--broker',
      broker.url,
      '--broker-user',
      'fleet-monitor',
      '--broker-password-file',
      join(broker.dir, 'fleet-monitor.password'),
      '--broker-client-id',
      `bench-${name}-${randomUUID().slice(0, 8)}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  for await (const line of createInterface({ input: child.stdout! }))
    if (line.includes('"ready"')) return child;
  throw new Error('fleet monitor exited before it was ready');
}

async function stopMonitor(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function measure(
  broker: TestMosquitto,
  serverUrl: string,
  kiosks: string[],
  secrets: Record<string, string>,
  perKiosk: number,
  monitorCount: number,
  kind: 'events' | 'heartbeats',
): Promise<Run> {
  const db = await createTestDatabase(serverUrl, 'fleet_bench');
  const monitors: ChildProcess[] = [];
  const clients: MqttClient[] = [];
  const counter = new DataSource({ type: 'postgres', url: db.url, extra: { max: 1 } });
  try {
    for (let i = 0; i < monitorCount; i++) monitors.push(await startMonitor(broker, db.url, `m${i}`));
    await counter.initialize();
    for (const id of kiosks)
      clients.push(
        await connectAsync(broker.url, {
          clientId: id,
          username: id,
          password: secrets[id],
          reconnectPeriod: 0,
        }),
      );
    const count = async (sql: string, params: unknown[] = []): Promise<number> =>
      ((await counter.query(sql, params)) as { n: number }[])[0]!.n;
    if (kind === 'heartbeats') {
      // a heartbeat counts only for a kiosk whose status is stored
      await Promise.all(
        clients.map((client, k) =>
          client.publishAsync(
            `kiosk/${kiosks[k]}/status`,
            JSON.stringify({
              connection: 'online',
              kioskId: kiosks[k],
              mode: 'inService',
              version: 'bench',
              journeysOffered: ['balance'],
              devices: [],
              heartbeatIntervalS: 10,
              at: new Date().toISOString(),
            }),
            { qos: 1 },
          ),
        ),
      );
      while ((await count('SELECT count(*)::int AS n FROM kiosks')) < kiosks.length)
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cpuBefore = monitors.map((child) => cpuSeconds(child.pid!));
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, k) => {
        for (let seq = 0; seq < perKiosk; seq++)
          if (kind === 'heartbeats')
            await client.publishAsync(
              `kiosk/${kiosks[k]}/heartbeat`,
              JSON.stringify({
                kioskId: kiosks[k],
                seq,
                at: new Date().toISOString(),
                uptimeS: seq,
                queued: 0,
              }),
              { qos: 0 },
            );
          else
            await client.publishAsync(
              `kiosk/${kiosks[k]}/events`,
              JSON.stringify({
                id: randomUUID(),
                kioskId: kiosks[k],
                seq,
                at: new Date().toISOString(),
                type: 'journeyOutcome',
                journey: 'balance',
                outcome: 'completed',
                durationMs: 3,
              }),
              { qos: 1 },
            );
      }),
    );
    const total = kiosks.length * perKiosk;
    // events: every one is stored (QoS 1). Heartbeats (QoS 0, as kiosks send them) may be dropped
    // on the way, so they count as the kiosks' last sequence numbers reached, until that stops moving
    const progress = (): Promise<number> =>
      kind === 'heartbeats'
        ? count('SELECT coalesce(sum(last_heartbeat_seq + 1), 0)::int AS n FROM kiosks')
        : count('SELECT count(*)::int AS n FROM events');
    let stored = 0;
    let movedAt = performance.now();
    for (;;) {
      const now = await progress();
      if (now !== stored) [stored, movedAt] = [now, performance.now()];
      if (stored >= total || (kind === 'heartbeats' && performance.now() - movedAt > 3000)) break;
      if (performance.now() - started > 120_000)
        throw new Error(`only ${stored} of ${total} ${kind} stored in 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (movedAt - started) / 1000;
    const cpu = monitors.reduce((sum, child, i) => sum + cpuSeconds(child.pid!) - cpuBefore[i]!, 0);
    return {
      monitors: monitorCount,
      eventsPerS: stored / seconds,
      eventsPerCpuS: stored / cpu,
      lost: total - stored,
    };
  } finally {
    for (const client of clients) await client.endAsync(true);
    for (const child of monitors) await stopMonitor(child);
    if (counter.isInitialized) await counter.destroy();
    await db.drop();
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number): string => Math.round(value).toLocaleString('en');

const { values } = parseArgs({
  options: { kiosks: { type: 'string' }, 'per-kiosk': { type: 'string' }, rounds: { type: 'string' } },
});
const kioskCount = Number(values.kiosks ?? 20);
const perKiosk = Number(values['per-kiosk'] ?? 200);
const rounds = Number(values.rounds ?? 2);
const stack = externalStack();
if ('missing' in stack) {
  process.stderr.write(`fleet-shared-ingest bench: ${stack.missing.join('; ')}\n`);
  process.exit(69);
}
const secrets = Object.fromEntries(
  Array.from({ length: kioskCount }, (_, i) => [
    `bench-k${String(i).padStart(4, '0')}`,
    `secret-of-bench-${i}`,
  ]),
);
const broker = await startTestMosquitto({
  kiosks: secrets,
  monitors: { 'fleet-monitor': 'bench-monitor-secret' },
});
try {
  const lines = [
    `${kioskCount} kiosks × ${perKiosk} through Mosquitto into PostgreSQL (events QoS 1, heartbeats QoS 0), median of ${rounds} interleaved rounds.`,
    '',
    '| messages | monitors | stored/s | per monitor CPU-second | lost (QoS 0) |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const kind of ['events', 'heartbeats'] as const) {
    const one: Run[] = [];
    const two: Run[] = [];
    for (let r = 0; r < rounds; r++) {
      one.push(await measure(broker, stack.postgresUrl, Object.keys(secrets), secrets, perKiosk, 1, kind));
      two.push(await measure(broker, stack.postgresUrl, Object.keys(secrets), secrets, perKiosk, 2, kind));
    }
    const [rate1, rate2] = [median(one.map((r) => r.eventsPerS)), median(two.map((r) => r.eventsPerS))];
    const [cpu1, cpu2] = [median(one.map((r) => r.eventsPerCpuS)), median(two.map((r) => r.eventsPerCpuS))];
    lines.push(
      `| ${kind} | 1 (baseline) | ${round(rate1)} | ${round(cpu1)} | ${one.map((r) => r.lost).join(', ')} |`,
      `| ${kind} | 2 sharing the ingest | ${round(rate2)} | ${round(cpu2)} | ${two.map((r) => r.lost).join(', ')} |`,
      `| ${kind} | 2 / 1 | ${(rate2 / rate1).toFixed(2)}× | ${(cpu2 / cpu1).toFixed(2)}× | |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await broker.close();
}
