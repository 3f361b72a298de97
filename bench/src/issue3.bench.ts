/**
 * Issue 3's goals, measured and written as their RESULTS.md sections: the daemon's start-up
 * against an empty Nest app started the same way in the same run, and the balance journey's
 * software overhead. `npm run bench` runs them once with every other benchmark;
 * `npm run issue3 -w @kiosk/bench` runs only them, the start-up several times.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { measureBalanceJourneys } from './balance-journey.bench.js';
import { JOURNEY_GAP, STARTUP_GAP, STARTUP_NOTES } from './goal-notes.js';
import { runToEnd } from './ready-program.js';
import {
  measureStartup,
  measureStartupInterleaved,
  median,
  percentile,
  startHostSimulator,
  type StartupSample,
} from './startup.bench.js';

const DAEMON = fileURLToPath(new URL('../../kiosk-daemon/dist/main.js', import.meta.url));
/** the daemon as a terminal starts it: bundled by `npm run build:bundle -w @kiosk/kiosk-daemon` (part of the root build) */
const BUNDLED_DAEMON = fileURLToPath(new URL('../../kiosk-daemon/dist/bundle/main.js', import.meta.url));
const BUNDLER = fileURLToPath(new URL('../../kiosk-daemon/scripts/build-bundle.mjs', import.meta.url));
const EMPTY_NEST = fileURLToPath(new URL('./empty-nest-app.js', import.meta.url));
const EMPTY_NEST_BUNDLE_DIR = fileURLToPath(new URL('./empty-nest-app-bundle/', import.meta.url));
const HOST_SIMULATOR = fileURLToPath(new URL('../../host-simulator/dist/main.js', import.meta.url));
const KIOSK_KEY = 'bench-kiosk-key-JZ-9001-not-secret';
const STARTS = 11;
const JOURNEYS = 200;
const GOAL = 1.3;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export interface StartupRun {
  /** the empty Nest app as tsc writes it: the goal's baseline */
  readonly baseline: readonly StartupSample[];
  /** the same empty app bundled by the daemon's bundler, to show the bundle is no lever for it */
  readonly baselineBundled: readonly StartupSample[];
  /** the daemon's tsc output */
  readonly daemon: readonly StartupSample[];
  /** the same daemon and arguments from the bundled entry, the one a terminal starts */
  readonly bundled: readonly StartupSample[];
  /** the bundled daemon with the host simulator inside it, as `npm start` runs it */
  readonly embedded: readonly StartupSample[];
  readonly loadBefore: number;
  readonly loadAfter: number;
}

type Program = Exclude<keyof StartupRun, 'loadBefore' | 'loadAfter'>;

const medianOf = (samples: readonly StartupSample[], key: keyof StartupSample): number =>
  median(samples.map((s) => s[key]));

/** The ratio of the median times to ready (the goal's measure) of one program to the empty app's. */
export const readyRatio = (run: StartupRun, entry: Program = 'bundled', base: Program = 'baseline'): number =>
  medianOf(run[entry], 'readyMs') / medianOf(run[base], 'readyMs');

/**
 * Bundles the empty Nest app with the daemon's bundler and options, then starts the empty app
 * (as built and bundled), the daemon (as built and bundled) and the bundled daemon with the
 * embedded host in turn, `STARTS` rounds.
 */
export async function measureStartupRun(): Promise<StartupRun> {
  if (!existsSync(BUNDLED_DAEMON)) {
    throw new Error(
      'no kiosk-daemon/dist/bundle/main.js: run `npm run build` (or `npm run build:bundle -w @kiosk/kiosk-daemon`)',
    );
  }
  runToEnd([BUNDLER, '--entry', EMPTY_NEST, '--out', EMPTY_NEST_BUNDLE_DIR]);
  const emptyBundled = join(EMPTY_NEST_BUNDLE_DIR, 'empty-nest-app.js');
  // The back office is another system: a terminal's daemon talks to it over the network. The
  // simulator runs as its own process here so the daemon's start-up is measured alone.
  const host = await startHostSimulator(HOST_SIMULATOR, ['--kiosk-key', `JZ-9001=${KIOSK_KEY}`]);
  try {
    const common = ['--profile', 'test', '--set', 'gateway.port=0', '--set', 'journal.path=:memory:'];
    const external = [
      '--set',
      'host.mode=external',
      '--set',
      `host.url=${host.url}`,
      '--set',
      `host.kioskKey=${KIOSK_KEY}`,
    ];
    const programs: readonly (readonly string[])[] = [
      [EMPTY_NEST],
      [emptyBundled],
      [DAEMON, ...common, ...external],
      [BUNDLED_DAEMON, ...common, ...external],
      [BUNDLED_DAEMON, ...common],
    ];
    // a warm-up of each so that no side pays the cold file cache alone
    for (const args of programs) await measureStartup(args, 1);
    const loadBefore = loadavg()[0]!;
    const [baseline, baselineBundled, daemon, bundled, embedded] = await measureStartupInterleaved(
      programs,
      STARTS,
    );
    return {
      baseline: baseline!,
      baselineBundled: baselineBundled!,
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
  const ranked = [...runs].sort(
    (a, b) => readyRatio(a, 'bundled', 'baselineBundled') - readyRatio(b, 'bundled', 'baselineBundled'),
  );
  const run = ranked[Math.floor((ranked.length - 1) / 2)]!;
  // the goal's verdict: the median over the runs of each run's ratio, like with like
  const over = (entry: Program, base: Program) => median(runs.map((r) => readyRatio(r, entry, base)));
  const list = (entry: Program, base: Program) =>
    runs.map((r) => `${fmt(readyRatio(r, entry, base), 2)}×`).join(', ');
  const bundled = over('bundled', 'baselineBundled');
  const plain = over('daemon', 'baseline');
  const met = bundled <= GOAL && plain <= GOAL;
  const row = (name: string, program: Program, base: Program, goal: boolean): string => {
    const rss = medianOf(run[program], 'rssMb');
    const ratio = readyRatio(run, program, base);
    const cpu = medianOf(run[program], 'cpuMs');
    const verdict = goal ? ` (goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'NOT met'})` : '';
    const rssVerdict = goal ? ` (goal ≤ 150: ${rss <= 150 ? 'met' : 'NOT met'})` : '';
    return `| ${name} | ${fmt(medianOf(run[program], 'readyMs'))} | ${fmt(ratio, 2)}×${verdict} | ${fmt(rss)}${rssVerdict} | ${fmt(cpu, 0)} | ${fmt(cpu / medianOf(run[base], 'cpuMs'), 2)}× |`;
  };
  return [
    '## Daemon start-up (issue 3)',
    '',
    `Median of ${STARTS} starts each, from spawn to the \`{"event":"ready"}\` line; RSS and CPU time (user + system) read from /proc at that moment.`,
    'Every program is started the same way: the same Node binary with no flags, one program file, the same ready line on stdout.',
    'The daemon runs the test profile: every emulator, an in-memory journal, and the host simulator as a separate process',
    '(as the back office is on a terminal); the last row starts the simulator inside the daemon, as `npm start` does.',
    "Both the daemon and the empty Nest app are measured as tsc writes them and as bundled by the daemon's bundler",
    '(`kiosk-daemon/scripts/build-bundle.mjs`, the same options; `kiosk-daemon/dist/bundle/main.js` is what `npm start` and the',
    'systemd unit run). Each daemon row is compared with the empty app built the same way: like with like.',
    'The programs start in turn, round after round, so that each meets the same load on a shared machine',
    `(1-minute load average ${fmt(run.loadBefore, 2)} before the rounds, ${fmt(run.loadAfter, 2)} after, on ${cpus().length} cores).`,
    ...(runs.length > 1
      ? [
          `The table is the run with the median ratio of ${runs.length} runs. The bundled daemon's ratios in the runs: ${list('bundled', 'baselineBundled')};`,
          `the tsc output's: ${list('daemon', 'baseline')}.`,
        ]
      : []),
    '',
    '| program | time to ready (ms) | ratio to the empty app built alike | RSS at ready (MB) | CPU time to ready (ms) | CPU ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('empty Nest app, tsc output', 'baseline', 'baseline', false),
    row('kiosk daemon, tsc output (`dist/main.js`)', 'daemon', 'baseline', true),
    row('empty Nest app, bundled', 'baselineBundled', 'baselineBundled', false),
    row(
      'kiosk daemon, bundled (`dist/bundle/main.js`, what a terminal starts)',
      'bundled',
      'baselineBundled',
      true,
    ),
    row(
      'kiosk daemon, bundled, + in-process host simulator (`npm start`)',
      'embedded',
      'baselineBundled',
      false,
    ),
    '',
    `Goal: time to ready ≤ ${GOAL}× the empty Nest app built alike, judged on the median of the runs' ratios: bundled ${fmt(bundled, 2)}×,`,
    `tsc output ${fmt(plain, 2)}×: **${met ? 'met' : 'NOT met'}**. The bundle is the real gain for a terminal: ${fmt(over('bundled', 'daemon'), 2)}× of the tsc output's time`,
    `(against the empty app as tsc writes it, the bundled daemon is ${fmt(over('bundled', 'baseline'), 2)}×: that compares two builds, not two apps).`,
    '',
    ...STARTUP_NOTES,
    ...(met ? [] : STARTUP_GAP),
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
