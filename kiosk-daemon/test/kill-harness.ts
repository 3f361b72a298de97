/**
 * Proof by killing (issue 9, ADR 0007): the real daemon runs as a child process on a real journal
 * (a SQLite file, or a PostgreSQL database of its own) with the emulated dispenser's and card
 * printer's mechanisms and the virtual cards kept in files beside it (notes and blanks stay where
 * they were when the process dies), against the host simulator in a process of its own (the back
 * office outlives the kiosk). A reference run journals a journey's steps; then, for every journaled
 * step, the daemon is started with `journal.crashAt` so that it SIGKILLs itself right AFTER
 * journaling that step, and for every `done`/`failed` step (and the events an entry names) right
 * BEFORE journaling it (the act between an intent and its outcome happened, the journal does not
 * know yet). The step names come from the reference run, never from a list here, so a journey
 * whose steps change is killed at its new steps.
 *
 * Each start recovers the previous kill and is checked: the entry's invariants (money, blanks,
 * cards, the host's records), no transaction left open, the kiosk in service (or, for an entry
 * that expects it, out of service with the alert). Points are chained (the start that recovers
 * point k arms point k+1), so a point costs one daemon start; a journey that used up its
 * resident (a card issued) goes on in a fresh world (host, folder, journal). A table of step ×
 * outcome is printed to the test output.
 *
 * Here: an entry's reference run, its points split over two chains, and the table. The worlds and
 * the entry's contract are in kill-harness-world.ts, one chain of points in kill-harness-chain.ts,
 * the journal stores in kill-harness-store.ts, the entries in kill-harness-withdrawal.ts and
 * kill-harness-cards.ts.
 */
import { startDaemon } from './daemon-process.js';
import { killPoints, runChain, WorldsAhead, type Row } from './kill-harness-chain.js';
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import {
  daemonStart,
  KIOSKS,
  lastTransaction,
  openWorld,
  stepsOf,
  type JourneyEntry,
  type LiveWorld,
  type World,
} from './kill-harness-world.js';
import { UiClient } from './ui-client.js';

/** step:phase pairs killed already, per group of entries */
const killedAlready = new Set<string>();

/** The entry's reference run, its kill points, both chains, and the table. */
async function runEntry(store: JournalStore, entry: JourneyEntry): Promise<void> {
  const started = Date.now();
  const open = (chain: 0 | 1) => () =>
    openWorld(store, KIOSKS[chain], entry.residents[chain], entry.args ?? []);
  // the chains' first worlds open while the reference run runs
  const chains = ([0, 1] as const).map((c) => new WorldsAhead(open(c)));
  for (const worlds of chains) worlds.openAhead();
  let steps: string[];
  try {
    steps = await referenceSteps(entry, open(0));
  } catch (e) {
    await Promise.allSettled(chains.map((worlds) => worlds.dispose()));
    throw e;
  }
  const group = entry.group ?? entry.journey;
  const points = killPoints(steps, entry.killBeforeEveryEvent).filter(
    (p, i, all) =>
      all.indexOf(p) === i &&
      (entry.only?.(p) ?? true) &&
      (!killedAlready.has(`${group}/${p}`) || entry.killAgain?.(p) === true),
  );
  if (entry.killAgain) expect(points.filter(entry.killAgain)).not.toEqual([]);
  for (const p of points) killedAlready.add(`${group}/${p}`);
  // KIOSK_KILL_ONLY=<regex> narrows the points when chasing one of them on a workstation
  const only = process.env.KIOSK_KILL_ONLY ? new RegExp(process.env.KIOSK_KILL_ONLY) : undefined;
  if (only) points.splice(0, points.length, ...points.filter((p) => only.test(p)));
  const perChain = await Promise.all(
    ([0, 1] as const).map((c) =>
      runChain(
        entry,
        chains[c]!,
        points.filter((_, i) => i % 2 === c),
      ),
    ),
  );
  // a point no chain has a row for was never killed: said, as a point not reached is
  const rows: Row[] = points.map(
    (point) =>
      perChain.flat().find((r) => r.point === point) ?? {
        point,
        outcome: 'no chain came to it',
        problems: ['kill point not run'],
      },
  );
  rows.push(...perChain.flat().filter((r) => !points.includes(r.point)));
  const width = Math.max(...rows.map((r) => r.point.length));
  const table = rows
    .map((r) => `${r.point.padEnd(width)}  ${r.problems.length === 0 ? 'ok  ' : 'FAIL'}  ${r.outcome}`)
    .join('\n');
  process.stdout.write(
    `\nkill harness on ${store.name}, ${entry.name}: ${rows.length} kill points on 2 kiosks in ${Math.round((Date.now() - started) / 1000)} s\n${table}\n`,
  );
  expect(
    rows.filter((r) => r.problems.length > 0).map((r) => `${r.point}: ${r.problems.join('; ')}`),
  ).toEqual([]);
  expect(rows.length).toBeGreaterThan(only || entry.only ? 0 : 2);
}

/** The reference run: the steps this journey journals when nothing goes wrong (the kill points). */
async function referenceSteps(entry: JourneyEntry, open: () => Promise<LiveWorld>): Promise<string[]> {
  const reference = await open();
  try {
    const daemon = await startDaemon([...reference.args], daemonStart(reference.dir));
    const ui = new UiClient(daemon.url);
    try {
      await ui.connected();
      await entry.prepare?.(reference, ui);
      await entry.drive(reference, ui);
    } finally {
      ui.close();
      expect(await daemon.stop()).toBe(0);
    }
    const transactionId = await lastTransaction(reference.journal, entry.journey);
    expect(transactionId).toBeDefined();
    const steps = await stepsOf(reference.journal, transactionId!);
    // its steps are the kill points: a step it did not journal is a point never killed, unsaid
    expect(await referenceProblems(reference, transactionId!, daemon.output)).toEqual([]);
    expect(await entry.invariants(reference)).toEqual([]);
    return steps;
  } finally {
    await reference.dispose();
  }
}

/**
 * What makes a reference run unfit to name the kill points: its transaction not closed by the
 * daemon's clean stop (a close lost at the stop takes the steps held for it: their points are
 * never killed), or the daemon saying a journal write failed.
 */
async function referenceProblems(
  world: World,
  transactionId: string,
  said: readonly string[],
): Promise<string[]> {
  const [row] = await world.journal.all<{ status: string }>(
    `SELECT "status" FROM "journal_transaction" WHERE "id" = $1`,
    transactionId,
  );
  const problems = said
    .filter((line) => /JOURNAL_WRITE_FAILED|journal close failed/.test(line))
    .map((line) => `reference run: the daemon said: ${line.slice(0, 300)}`);
  if (row?.status !== 'closed') {
    problems.push(
      `reference run: ${transactionId} left ${row?.status ?? 'absent'} after a clean stop; its steps (the kill points) may lack what its close carried`,
    );
  }
  return problems;
}

/**
 * The harness's tests on one journal store, one per entry, in order (an entry kills only where the
 * entries of its group before it did not). PostgreSQL without KIOSK_TEST_POSTGRES_URL fails with
 * CI=true; on a workstation the file says loudly that it ran nothing.
 */
export function describeKillHarness(
  storeName: 'SQLite' | 'PostgreSQL',
  title: string,
  entries: readonly JourneyEntry[],
  timeoutMs = 420_000,
): void {
  describe(`kill harness on ${storeName}, ${title}: SIGKILL at every journaled step, restart, nothing lost or doubled`, () => {
    if (storeName === 'SQLite') {
      testsOf(sqliteStore, entries, timeoutMs);
      return;
    }
    onPostgres(`kill harness (${title})`, (store) => testsOf(() => store, entries, timeoutMs));
  });
}

function testsOf(store: () => JournalStore, entries: readonly JourneyEntry[], timeoutMs: number): void {
  const opened = storeForSuite(store);
  for (const entry of entries) {
    it(
      `${entry.name}: every kill point recovers to a consistent host, journal and devices`,
      async () => {
        await runEntry(opened(), entry);
      },
      timeoutMs,
    );
  }
}
