/**
 * Fleet ingest, status burst: a fleet's statuses coming back together (a broker restarted, every
 * retained status delivered again), each raising one alert (its receipt paper low), ingested by the
 * fleet monitor's FleetIngest into an SQLite file (WAL), one after the other as the broker hands
 * them over. Baseline, in the same run: the same burst of statuses raising no alert (paper ok), so
 * the ratio tells what the alerts cost. Each kiosk's status before the burst (paper ok, no alert)
 * is stored first, untimed. Rounds interleave the fleet sizes and both bursts, each on a new file.
 *
 * The goal: the cost per status does not grow with the fleet (each status reads its own kiosk's
 * active alerts, `activeAlertsOf`, not the fleet's): with alerts, the time per status of the
 * largest fleet within 1.5× of the smallest's.
 *
 *   node bench/dist/fleet-status-burst.bench.js [--rounds 3]
 * or `measureStatusBurst(options)` from another bench.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { FleetIngest, SqliteFleetStore, type OnlineStatus } from '@kiosk/fleet-monitor';
import { median } from './startup.bench.js';

export interface StatusBurstOptions {
  /** the fleet sizes, smallest first */
  readonly fleets: readonly number[];
  readonly rounds: number;
}

export interface StatusBurstRun {
  readonly kiosks: number;
  /** median time per status (µs) of the burst raising no alert */
  readonly noAlertUs: number;
  /** median time per status (µs) of the burst each raising one alert */
  readonly alertUs: number;
}

export interface StatusBurst {
  readonly options: StatusBurstOptions;
  readonly runs: readonly StatusBurstRun[];
  readonly load: readonly [number, number];
}

/** the goal: with alerts, the largest fleet's time per status within this of the smallest's */
export const STATUS_BURST_GROWTH_GOAL = 1.5;

const kioskIdOf = (i: number): string => `burst-k${String(i).padStart(5, '0')}`;

const statusOf = (kioskId: string, paper: 'ok' | 'low', at: string): OnlineStatus => ({
  connection: 'online',
  kioskId,
  mode: 'inService',
  version: 'bench',
  journeysOffered: ['balance'],
  devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: paper }] }],
  heartbeatIntervalS: 10,
  at,
});

/** One burst of `kiosks` statuses into a new file; the time per status in µs. */
async function burst(dir: string, name: string, kiosks: number, paper: 'ok' | 'low'): Promise<number> {
  const store = new SqliteFleetStore(join(dir, `${name}.sqlite`));
  try {
    const before = '2026-11-30T06:00:00.000Z';
    await store.transaction(async (tx) => {
      for (let i = 0; i < kiosks; i++) await tx.saveStatus(statusOf(kioskIdOf(i), 'ok', before), before);
    });
    const at = '2026-11-30T06:05:00.000Z';
    const messages = Array.from({ length: kiosks }, (_, i) => ({
      topic: `kiosk/${kioskIdOf(i)}/status`,
      payload: Buffer.from(JSON.stringify(statusOf(kioskIdOf(i), paper, at))),
    }));
    const ingest = new FleetIngest(store);
    const t0 = performance.now();
    for (const { topic, payload } of messages) await ingest.accept(topic, payload);
    const us = ((performance.now() - t0) * 1000) / kiosks;
    const alerts = (await store.activeAlerts()).length;
    const wanted = paper === 'low' ? kiosks : 0;
    if (ingest.counters.status !== kiosks || ingest.counters.failed !== 0 || alerts !== wanted)
      throw new Error(
        `burst of ${kiosks} (${paper}): ${ingest.counters.status} statuses, ${ingest.counters.failed} failed, ${alerts} alerts`,
      );
    return us;
  } finally {
    await store.close();
  }
}

export async function measureStatusBurst(partial: Partial<StatusBurstOptions> = {}): Promise<StatusBurst> {
  const options: StatusBurstOptions = { fleets: [1000, 3000], rounds: 3, ...partial };
  const dir = mkdtempSync(join(tmpdir(), 'fleet-status-burst-'));
  const loadBefore = loadavg()[0]!;
  const times = options.fleets.map(() => ({ none: [] as number[], alert: [] as number[] }));
  try {
    // warm-up, untimed: the first burst of a process pays for its compiling
    await burst(dir, 'warm-none', 200, 'ok');
    await burst(dir, 'warm-alert', 200, 'low');
    // interleaved, so no fleet size or burst has the machine to itself at a better moment
    for (let round = 0; round < options.rounds; round++)
      for (const [f, kiosks] of options.fleets.entries()) {
        times[f]!.none.push(await burst(dir, `none-${kiosks}-${round}`, kiosks, 'ok'));
        times[f]!.alert.push(await burst(dir, `alert-${kiosks}-${round}`, kiosks, 'low'));
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    options,
    runs: options.fleets.map((kiosks, f) => ({
      kiosks,
      noAlertUs: median(times[f]!.none),
      alertUs: median(times[f]!.alert),
    })),
    load: [loadBefore, loadavg()[0]!],
  };
}

export function statusBurstSection(r: StatusBurst): string[] {
  const n = (value: number): string => value.toLocaleString('en');
  const first = r.runs[0]!;
  const last = r.runs[r.runs.length - 1]!;
  const growth = last.alertUs / first.alertUs;
  const goal = growth <= STATUS_BURST_GROWTH_GOAL ? 'met' : 'NOT met';
  const row = (run: StatusBurstRun): string =>
    `| ${n(run.kiosks)} | ${run.noAlertUs.toFixed(0)} | ${run.alertUs.toFixed(0)} | ${(run.alertUs / run.noAlertUs).toFixed(2)}× | ${n(Math.round((run.alertUs * run.kiosks) / 1000))} |`;
  return [
    '## Fleet ingest: a burst of statuses each raising an alert',
    '',
    `Measured on ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, 1-minute load average ${r.load[0].toFixed(2)} before, ${r.load[1].toFixed(2)} after.`,
    '',
    "A fleet's statuses coming back together (a broker restarted, every retained status delivered again), each raising",
    "one alert (its receipt paper low), taken by the fleet monitor's ingest (`FleetIngest.accept`: zod, the status, the",
    "kiosk's active alerts read to clear those it resolves, the alert raised, one transaction) into an SQLite file (WAL),",
    'one after the other. Baseline, in the same run: the same burst raising no alert (paper ok). Each kiosk had a status',
    'before (paper ok, stored untimed); a new file for each burst; after an untimed warm-up burst of 200 of each, the',
    `median of ${r.options.rounds} interleaved rounds.`,
    '',
    '| kiosks | no alert (µs per status) | one alert each (µs per status) | alert / no alert | burst with alerts (ms) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...r.runs.map(row),
    '',
    `Goal: the cost per status does not grow with the fleet (each status reads its own kiosk's alerts, \`activeAlertsOf\`):`,
    `with alerts, ${n(last.kiosks)} kiosks' time per status is ${growth.toFixed(2)}× ${n(first.kiosks)} kiosks'`,
    `(goal ≤ ${STATUS_BURST_GROWTH_GOAL}×: ${goal}; no alert: ${(last.noAlertUs / first.noAlertUs).toFixed(2)}×).`,
    '',
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
  const r = await measureStatusBurst({ ...(values.rounds && { rounds: Number(values.rounds) }) });
  process.stdout.write(`${statusBurstSection(r).join('\n')}\n`);
}
