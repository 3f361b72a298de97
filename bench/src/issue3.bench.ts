/**
 * Issue 3's goals, measured and written as their RESULTS.md sections: the daemon's start-up
 * against an empty Nest app started the same way in the same run, and the balance journey's
 * software overhead. `npm run bench` runs them once with every other benchmark;
 * `npm run issue3 -w @kiosk/bench` runs only them, the start-up several times.
 */
import { existsSync } from 'node:fs';
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
/** the same daemon bundled by `npm run build:bundle -w @kiosk/kiosk-daemon` (part of the root build) */
const BUNDLED_DAEMON = fileURLToPath(new URL('../../kiosk-daemon/dist/bundle/main.js', import.meta.url));
const EMPTY_NEST = fileURLToPath(new URL('./empty-nest-app.js', import.meta.url));
const HOST_SIMULATOR = fileURLToPath(new URL('../../host-simulator/dist/main.js', import.meta.url));
const KIOSK_KEY = 'bench-kiosk-key-JZ-9001-not-secret';
const STARTS = 11;
const JOURNEYS = 200;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export interface StartupRun {
  readonly baseline: readonly StartupSample[];
  readonly daemon: readonly StartupSample[];
  /** the same daemon and arguments from the bundled entry */
  readonly bundled: readonly StartupSample[];
  /** the daemon with the host simulator inside it, as `npm start` runs it */
  readonly embedded: readonly StartupSample[];
  readonly loadBefore: number;
  readonly loadAfter: number;
}

/** The ratio of the median times to ready (the goal's measure), of the daemon or its bundled entry. */
export const readyRatio = (run: StartupRun, entry: 'daemon' | 'bundled' = 'daemon'): number =>
  median(run[entry].map((s) => s.readyMs)) / median(run.baseline.map((s) => s.readyMs));

/**
 * Starts the empty app, the daemon, the bundled daemon and the daemon with the embedded host in
 * turn, `STARTS` rounds.
 */
export async function measureStartupRun(): Promise<StartupRun> {
  if (!existsSync(BUNDLED_DAEMON)) {
    throw new Error(
      'no kiosk-daemon/dist/bundle/main.js: run `npm run build` (or `npm run build:bundle -w @kiosk/kiosk-daemon`)',
    );
  }
  // The back office is another system: a terminal's daemon talks to it over the network. The
  // simulator runs as its own process here so the daemon's start-up is measured alone.
  const host = await startHostSimulator(HOST_SIMULATOR, ['--kiosk-key', `JZ-9001=${KIOSK_KEY}`]);
  try {
    const common = [DAEMON, '--profile', 'test', '--set', 'gateway.port=0', '--set', 'journal.path=:memory:'];
    const external = ['--set', 'host.mode=external', '--set', `host.url=${host.url}`];
    const daemonArgs = [...common, ...external, '--set', `host.kioskKey=${KIOSK_KEY}`];
    const bundledArgs = [BUNDLED_DAEMON, ...daemonArgs.slice(1)];
    // a warm-up of each so that no side pays the cold file cache alone
    await measureStartup([EMPTY_NEST], 1);
    await measureStartup(daemonArgs, 1);
    await measureStartup(bundledArgs, 1);
    const loadBefore = loadavg()[0]!;
    const [baseline, daemon, bundled, embedded] = await measureStartupInterleaved(
      [[EMPTY_NEST], daemonArgs, bundledArgs, common],
      STARTS,
    );
    return {
      baseline: baseline!,
      daemon: daemon!,
      bundled: bundled!,
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
  const baseCpu = med(run.baseline, 'cpuMs');
  // the goal's verdict per entry: the median over the runs of each run's ratio
  const daemonRatio = median(runs.map((r) => readyRatio(r, 'daemon')));
  const bundledRatio = median(runs.map((r) => readyRatio(r, 'bundled')));
  const rows = (name: string, samples: readonly StartupSample[], ratio: number): string[] => {
    const rss = med(samples, 'rssMb');
    return [
      `| ${name} | ${fmt(med(samples, 'readyMs'))} | ${fmt(rss)} | ${fmt(med(samples, 'cpuMs'), 0)} |`,
      `| ratio | ${fmt(ratio, 2)}× (goal ≤ 1.3×: ${ratio <= 1.3 ? 'met' : 'NOT met'}) | goal ≤ 150 MB: ${rss <= 150 ? 'met' : 'NOT met'} | ${fmt(med(samples, 'cpuMs') / baseCpu, 2)}× |`,
    ];
  };
  const cpuRatio = (entry: 'daemon' | 'bundled') =>
    median(runs.map((r) => med(r[entry], 'cpuMs') / med(r.baseline, 'cpuMs')));
  const list = (entry: 'daemon' | 'bundled') =>
    runs.map((r) => `${fmt(readyRatio(r, entry), 2)}×`).join(', ');
  return [
    '## Daemon start-up (issue 3)',
    '',
    `Median of ${STARTS} starts each, from spawn to the \`{"event":"ready"}\` line; RSS and CPU time (user + system) read from /proc at that moment.`,
    'The daemon runs the test profile: every emulator, an in-memory journal, and the host simulator as a separate',
    'process (as the back office is on a terminal); the last row starts the simulator inside the daemon, as `npm start` does.',
    'The daemon starts from two entries with the same arguments: `kiosk-daemon/dist/main.js`, the tsc output that `npm start`',
    'runs, and `kiosk-daemon/dist/bundle/main.js`, the same code bundled by `npm run build:bundle -w @kiosk/kiosk-daemon`',
    '(part of `npm run build`: the rooms with zod, yaml and xstate in one file, Nest and the other packages from node_modules).',
    'The programs start in turn, round after round, so that each meets the same load on a shared machine',
    `(1-minute load average ${fmt(run.loadBefore, 2)} before the rounds, ${fmt(run.loadAfter, 2)} after, on ${cpus().length} cores).`,
    ...(runs.length > 1
      ? [
          `The table is the run with the median ratio of ${runs.length} runs. The ratios of the runs: daemon ${list('daemon')};`,
          `bundled daemon ${list('bundled')}. The goal is judged on the median of the runs' ratios: ${fmt(daemonRatio, 2)}× and ${fmt(bundledRatio, 2)}×.`,
        ]
      : []),
    '',
    '| program | time to ready (ms) | RSS at ready (MB) | CPU time to ready (ms) |',
    '| --- | ---: | ---: | ---: |',
    `| empty Nest app (baseline) | ${fmt(baseReady)} | ${fmt(med(run.baseline, 'rssMb'))} | ${fmt(baseCpu, 0)} |`,
    ...rows('kiosk daemon (`dist/main.js`)', run.daemon, readyRatio(run, 'daemon')),
    ...rows('kiosk daemon, bundled (`dist/bundle/main.js`)', run.bundled, readyRatio(run, 'bundled')),
    `| kiosk daemon + in-process host simulator (demo set-up, \`dist/main.js\`) | ${fmt(med(run.embedded, 'readyMs'))} | ${fmt(med(run.embedded, 'rssMb'))} | ${fmt(med(run.embedded, 'cpuMs'), 0)} |`,
    '',
    `CPU time to ready, median over the runs of each run's ratio to the empty app: daemon ${fmt(cpuRatio('daemon'), 2)}×, bundled daemon ${fmt(cpuRatio('bundled'), 2)}×.`,
    '',
    ...startupVerdict(daemonRatio, bundledRatio, baseReady),
  ];
}

/** Which entry meets the time goal, which one production should run, and the notes if neither does. */
function startupVerdict(daemonRatio: number, bundledRatio: number, baseReady: number): string[] {
  const gain = `${fmt((1 - bundledRatio / daemonRatio) * 100, 0)} % less time than the tsc output`;
  if (daemonRatio <= 1.3 && bundledRatio <= 1.3) {
    return [`Both entries meet the 1.3× goal; the bundle takes ${gain}.`, ''];
  }
  if (bundledRatio <= 1.3) {
    return [
      `The bundled entry meets the 1.3× goal (${fmt(bundledRatio, 2)}×); the tsc output does not (${fmt(daemonRatio, 2)}×).`,
      'Production (the supervisor unit) should start `kiosk-daemon/dist/bundle/main.js`.',
      '',
    ];
  }
  return [
    `Neither entry meets the 1.3× goal: the tsc output by ${fmt(daemonRatio - 1.3, 2)}×, the bundle by ${fmt(bundledRatio - 1.3, 2)}×`,
    `(1.3× is ${fmt(1.3 * baseReady, 0)} ms in the tabled run). The bundle takes ${gain}${bundledRatio < daemonRatio ? ', so production should start it all the same' : ''}.`,
    '',
    ...STARTUP_GAP,
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
