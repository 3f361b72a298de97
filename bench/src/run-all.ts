/**
 * `npm run bench`: runs every benchmark and writes bench/RESULTS.md. Ratios are against a
 * baseline run in the same run on the same machine, never against a number from elsewhere.
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { measureBalanceJourneys } from './balance-journey.bench.js';
import { cardMakingSection, measureCardMaking } from './card-making.bench.js';
import { JOURNEY_GAP, STARTUP_GAP } from './goal-notes.js';
import { measureJournalCommits } from './journal.bench.js';
import { measurePcsc, pcscSection } from './pcsc.bench.js';
import { measureReceipt, receiptSection } from './receipt.bench.js';
import { measureTouchLatency, touchLatencySection } from './touch-latency.bench.js';
import { dashboardLatencySection, measureDashboardLatency } from './fleet-dashboard.bench.js';
import {
  measureStartup,
  measureStartupInterleaved,
  median,
  percentile,
  startHostSimulator,
} from './startup.bench.js';

const DAEMON = fileURLToPath(new URL('../../kiosk-daemon/dist/main.js', import.meta.url));
const EMPTY_NEST = fileURLToPath(new URL('./empty-nest-app.js', import.meta.url));
const HOST_SIMULATOR = fileURLToPath(new URL('../../host-simulator/dist/main.js', import.meta.url));
const KIOSK_KEY = 'bench-kiosk-key-JZ-9001-not-secret';
const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const RUNS = 11;
const JOURNEYS = 200;
const JOURNAL_COMMITS = 2000;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  // The back office is another system: a terminal's daemon talks to it over the network. The
  // simulator runs as its own process here so the daemon's start-up is measured alone.
  const host = await startHostSimulator(HOST_SIMULATOR, ['--kiosk-key', `JZ-9001=${KIOSK_KEY}`]);
  const common = [DAEMON, '--profile', 'test', '--set', 'gateway.port=0', '--set', 'journal.path=:memory:'];
  const external = [
    '--set',
    'host.mode=external',
    '--set',
    `host.url=${host.url}`,
    '--set',
    `host.kioskKey=${KIOSK_KEY}`,
  ];
  const daemonArgs = [...common, ...external];
  // a warm-up of each so that neither side pays the cold file cache alone
  await measureStartup([EMPTY_NEST], 1);
  await measureStartup(daemonArgs, 1);
  const loadBefore = loadavg()[0]!;
  const [baseline, daemon, embedded] = await measureStartupInterleaved(
    [[EMPTY_NEST], daemonArgs, common],
    RUNS,
  );
  const loadAfter = loadavg()[0]!;
  await host.stop();
  const baseCpu = median(baseline!.map((s) => s.cpuMs));
  const daemonCpu = median(daemon!.map((s) => s.cpuMs));
  const embeddedCpu = median(embedded!.map((s) => s.cpuMs));
  const baseReady = median(baseline!.map((s) => s.readyMs));
  const daemonReady = median(daemon!.map((s) => s.readyMs));
  const baseRss = median(baseline!.map((s) => s.rssMb));
  const daemonRss = median(daemon!.map((s) => s.rssMb));
  const embeddedReady = median(embedded!.map((s) => s.readyMs));
  const embeddedRss = median(embedded!.map((s) => s.rssMb));

  // GC pauses of this process during the journeys (daemon, host simulator and client share it)
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const journeyLoadBefore = loadavg()[0]!;
  const journeys = await measureBalanceJourneys(JOURNEYS);
  const journeyLoadAfter = loadavg()[0]!;
  gcObserver.disconnect();
  const gcTotal = gcPauses.reduce((a, b) => a + b, 0);
  const gcLongest = Math.max(0, ...gcPauses);
  const p50 = percentile(journeys, 50);
  const p99 = percentile(journeys, 99);

  const journal = await measureJournalCommits(JOURNAL_COMMITS);
  const journalRatio = journal.journalPerSecond / journal.rawPerSecond;

  const timeRatio = daemonReady / baseReady;
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} (${arch()}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}.`,
    'Every ratio is against a baseline measured in the same run.',
    '',
    '## Daemon start-up (issue 3)',
    '',
    `Median of ${RUNS} starts each, from spawn to the \`{"event":"ready"}\` line; RSS and CPU time (user + system) read from /proc at that moment.`,
    'The daemon runs the test profile: every emulator, an in-memory journal, and the host simulator as a separate',
    'process (as the back office is on a terminal); the last row starts the simulator inside the daemon, as `npm start` does.',
    'The programs start in turn, round after round, so that each meets the same load on a shared machine',
    `(1-minute load average ${fmt(loadBefore, 2)} before the rounds, ${fmt(loadAfter, 2)} after, on ${cpus().length} cores).`,
    '',
    '| program | time to ready (ms) | RSS at ready (MB) | CPU time to ready (ms) |',
    '| --- | ---: | ---: | ---: |',
    `| empty Nest app (baseline) | ${fmt(baseReady)} | ${fmt(baseRss)} | ${fmt(baseCpu, 0)} |`,
    `| kiosk daemon | ${fmt(daemonReady)} | ${fmt(daemonRss)} | ${fmt(daemonCpu, 0)} |`,
    `| ratio | ${fmt(timeRatio, 2)}× (goal ≤ 1.3×: ${timeRatio <= 1.3 ? 'met' : 'NOT met'}) | ${daemonRss <= 150 ? 'goal ≤ 150 MB: met' : 'goal ≤ 150 MB: NOT met'} | ${fmt(daemonCpu / baseCpu, 2)}× |`,
    `| kiosk daemon + in-process host simulator (demo set-up) | ${fmt(embeddedReady)} | ${fmt(embeddedRss)} | ${fmt(embeddedCpu, 0)} |`,
    '',
    ...(timeRatio <= 1.3
      ? []
      : [
          `Not met by ${fmt(timeRatio - 1.3, 2)}×: the daemon would have to be ready in ${fmt(1.3 * baseReady, 0)} ms instead of ${fmt(daemonReady, 0)} ms.`,
          '',
          ...STARTUP_GAP,
        ]),
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
    `1-minute load average ${fmt(journeyLoadBefore, 2)} before the journeys, ${fmt(journeyLoadAfter, 2)} after; garbage collection in the`,
    `process during them (warm-up included): ${gcPauses.length} pauses, ${fmt(gcTotal, 0)} ms in all, the longest ${fmt(gcLongest, 1)} ms.`,
    '',
    ...(p99 <= 50 ? [] : [`Not met by ${fmt(p99 - 50, 1)} ms.`, '', ...JOURNEY_GAP]),
  ];
  lines.push(
    '## Journal commits (issue 9)',
    '',
    `${JOURNAL_COMMITS} journal steps written one after the other, each its own durable commit, into a SQLite file with WAL and`,
    "synchronous FULL: the daemon's JournalService (TypeORM) against raw better-sqlite3 prepared inserts into the same table. Best of two alternating runs each.",
    '',
    '| raw better-sqlite3 (commits/s) | JournalService (commits/s) | ratio | goal |',
    '| ---: | ---: | ---: | --- |',
    `| ${fmt(journal.rawPerSecond, 0)} | ${fmt(journal.journalPerSecond, 0)} | ${fmt(journalRatio, 2)}× | ≥ 0.8×: ${journalRatio >= 0.8 ? 'met' : 'NOT met'} |`,
    '',
  );
  lines.push(...pcscSection(await measurePcsc()));
  lines.push(...receiptSection(await measureReceipt()));
  lines.push(...cardMakingSection(await measureCardMaking()));
  lines.push(...touchLatencySection(await measureTouchLatency()));
  lines.push(...dashboardLatencySection(await measureDashboardLatency()));
  writeFileSync(RESULTS, lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

await main();
