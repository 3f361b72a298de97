/**
 * Issue 3's goals, measured and written as their RESULTS.md sections: the daemon's start-up
 * against an empty Nest app started the same way in the same run, and the balance journey's
 * software overhead. `npm run bench` runs them once with every other benchmark;
 * `npm run issue3 -w @kiosk/bench` runs only them, the start-up several times.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { measureBalanceJourneys } from './balance-journey.bench.js';
import { JOURNEY_GAP, STARTUP_GAP } from './goal-notes.js';
import {
  measureStartup,
  measureStartupInterleaved,
  median,
  percentile,
  startHostSimulator,
  type StartupSample,
} from './startup.bench.js';

const DAEMON = fileURLToPath(new URL('../../kiosk-daemon/dist/main.js', import.meta.url));
const EMPTY_NEST = fileURLToPath(new URL('./empty-nest-app.js', import.meta.url));
const HOST_SIMULATOR = fileURLToPath(new URL('../../host-simulator/dist/main.js', import.meta.url));
const KIOSK_KEY = 'bench-kiosk-key-JZ-9001-not-secret';
const STARTS = 11;
const JOURNEYS = 200;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export interface StartupRun {
  readonly baseline: readonly StartupSample[];
  readonly daemon: readonly StartupSample[];
  /** the daemon with the host simulator inside it, as `npm start` runs it */
  readonly embedded: readonly StartupSample[];
  readonly loadBefore: number;
  readonly loadAfter: number;
}

/** The ratio of the median times to ready (the goal's measure). */
export const readyRatio = (run: StartupRun): number =>
  median(run.daemon.map((s) => s.readyMs)) / median(run.baseline.map((s) => s.readyMs));

/** Starts the empty app, the daemon and the daemon with the embedded host in turn, `STARTS` rounds. */
export async function measureStartupRun(): Promise<StartupRun> {
  // The back office is another system: a terminal's daemon talks to it over the network. The
  // simulator runs as its own process here so the daemon's start-up is measured alone.
  const host = await startHostSimulator(HOST_SIMULATOR, ['--kiosk-key', `JZ-9001=${KIOSK_KEY}`]);
  try {
    const common = [DAEMON, '--profile', 'test', '--set', 'gateway.port=0', '--set', 'journal.path=:memory:'];
    const external = ['--set', 'host.mode=external', '--set', `host.url=${host.url}`];
    const daemonArgs = [...common, ...external, '--set', `host.kioskKey=${KIOSK_KEY}`];
    // a warm-up of each so that neither side pays the cold file cache alone
    await measureStartup([EMPTY_NEST], 1);
    await measureStartup(daemonArgs, 1);
    const loadBefore = loadavg()[0]!;
    const [baseline, daemon, embedded] = await measureStartupInterleaved(
      [[EMPTY_NEST], daemonArgs, common],
      STARTS,
    );
    return {
      baseline: baseline!,
      daemon: daemon!,
      embedded: embedded!,
      loadBefore,
      loadAfter: loadavg()[0]!,
    };
  } finally {
    await host.stop();
  }
}

/** The start-up section from one or more runs: the table of the run with the median ratio. */
export function startupSection(runs: readonly StartupRun[]): string[] {
  const ranked = [...runs].sort((a, b) => readyRatio(a) - readyRatio(b));
  const run = ranked[Math.floor((ranked.length - 1) / 2)]!;
  const med = (samples: readonly StartupSample[], key: keyof StartupSample) =>
    median(samples.map((s) => s[key]));
  const baseReady = med(run.baseline, 'readyMs');
  const daemonReady = med(run.daemon, 'readyMs');
  const daemonRss = med(run.daemon, 'rssMb');
  const baseCpu = med(run.baseline, 'cpuMs');
  const daemonCpu = med(run.daemon, 'cpuMs');
  const timeRatio = daemonReady / baseReady;
  return [
    '## Daemon start-up (issue 3)',
    '',
    `Median of ${STARTS} starts each, from spawn to the \`{"event":"ready"}\` line; RSS and CPU time (user + system) read from /proc at that moment.`,
    'The daemon runs the test profile: every emulator, an in-memory journal, and the host simulator as a separate',
    'process (as the back office is on a terminal); the last row starts the simulator inside the daemon, as `npm start` does.',
    'The programs start in turn, round after round, so that each meets the same load on a shared machine',
    `(1-minute load average ${fmt(run.loadBefore, 2)} before the rounds, ${fmt(run.loadAfter, 2)} after, on ${cpus().length} cores).`,
    ...(runs.length > 1
      ? [
          `The table is the run with the median ratio of ${runs.length} runs; their ratios: ${ranked.map((r) => `${fmt(readyRatio(r), 2)}×`).join(', ')}.`,
        ]
      : []),
    '',
    '| program | time to ready (ms) | RSS at ready (MB) | CPU time to ready (ms) |',
    '| --- | ---: | ---: | ---: |',
    `| empty Nest app (baseline) | ${fmt(baseReady)} | ${fmt(med(run.baseline, 'rssMb'))} | ${fmt(baseCpu, 0)} |`,
    `| kiosk daemon | ${fmt(daemonReady)} | ${fmt(daemonRss)} | ${fmt(daemonCpu, 0)} |`,
    `| ratio | ${fmt(timeRatio, 2)}× (goal ≤ 1.3×: ${timeRatio <= 1.3 ? 'met' : 'NOT met'}) | ${daemonRss <= 150 ? 'goal ≤ 150 MB: met' : 'goal ≤ 150 MB: NOT met'} | ${fmt(daemonCpu / baseCpu, 2)}× |`,
    `| kiosk daemon + in-process host simulator (demo set-up) | ${fmt(med(run.embedded, 'readyMs'))} | ${fmt(med(run.embedded, 'rssMb'))} | ${fmt(med(run.embedded, 'cpuMs'), 0)} |`,
    '',
    ...(timeRatio <= 1.3
      ? []
      : [
          `Not met by ${fmt(timeRatio - 1.3, 2)}×: the daemon would have to be ready in ${fmt(1.3 * baseReady, 0)} ms instead of ${fmt(daemonReady, 0)} ms.`,
          '',
          ...STARTUP_GAP,
        ]),
  ];
}

export interface JourneyRun {
  readonly samples: readonly number[];
  readonly loadBefore: number;
  readonly loadAfter: number;
  /** GC pauses of this process during the journeys (daemon, host simulator and client share it) */
  readonly gcPauses: readonly number[];
}

export async function measureJourneyRun(): Promise<JourneyRun> {
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const loadBefore = loadavg()[0]!;
  try {
    const samples = await measureBalanceJourneys(JOURNEYS);
    return { samples, loadBefore, loadAfter: loadavg()[0]!, gcPauses };
  } finally {
    gcObserver.disconnect();
  }
}

export function journeySection(run: JourneyRun): string[] {
  const p50 = percentile(run.samples, 50);
  const p99 = percentile(run.samples, 99);
  const gcTotal = run.gcPauses.reduce((a, b) => a + b, 0);
  const gcLongest = Math.max(0, ...run.gcPauses);
  return [
    '## Balance journey software overhead (issue 3)',
    '',
    `${JOURNEYS} journeys after 10 warm-up ones, each from \`session.start\` to the \`ended\` view, with a client that answers every screen at once`,
    '(insert card, six PIN keys and enter, finish, take card) against the real daemon in-process on emulators with no motor delay,',
    'the in-process host simulator over HTTP and a SQLite journal file (WAL, synchronous FULL).',
    '',
    '| p50 (ms) | p99 (ms) | goal |',
    '| ---: | ---: | --- |',
    `| ${fmt(p50, 2)} | ${fmt(p99, 2)} | p99 ≤ 50 ms: ${p99 <= 50 ? 'met' : 'NOT met'} |`,
    '',
    `1-minute load average ${fmt(run.loadBefore, 2)} before the journeys, ${fmt(run.loadAfter, 2)} after; garbage collection in the`,
    `process during them (warm-up included): ${run.gcPauses.length} pauses, ${fmt(gcTotal, 0)} ms in all, the longest ${fmt(gcLongest, 1)} ms.`,
    '',
    ...(p99 <= 50 ? [] : [`Not met by ${fmt(p99 - 50, 1)} ms.`, '', ...JOURNEY_GAP]),
  ];
}
