/**
 * Fault: a blank the kiosk itself spoils, on a card printer that does not count its reject bin,
 * lost from (or counted twice in) the journal's count of the bin across a restart. Such a printer
 * (a model without card counters: the emulator's `reportsCounters: false`, refusing the counters
 * read as that firmware does) leaves the bin's count to the journal: staff count it when they
 * empty it, and the kiosk's own rejects raise it by one each (`journeys/kiosk-rejected-blank.ts`:
 * journal first, count second, caught up at boot from the journaled step).
 *
 * The real daemon (the built one) with that printer model, its mechanism kept in its file beside
 * the journal (the blanks stay where they were when the process dies), a host process of its own,
 * on a SQLite file and on PostgreSQL. Staff empty the bin in a visit (the journal's count 0), then
 * a new card is made whose first blank's chip cannot be written: the journey files it in the reject
 * bin and makes the next one (or a new card is not taken and pulled back into the bin). The kill
 * harness's hook (`journal.crashAt`, ADR 0007) kills the daemon at the critical points: right
 * after the reject's intent (the blank still inside, boot recovery rejects it), right before and
 * right after its done (the blank in the bin, its count not yet recorded), inside boot recovery's
 * own reject, and after recovery caught the count up but before it closed the card making (the
 * next boot catches up again: set, never added). After every restart the journal's count of the
 * bin is exactly the blanks in it (the printer's mechanism file), and another restart adds nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DaemonProcess } from './daemon-process.js';
import { WorldsAhead } from './kill-harness-chain.js';
import { newCardChipFails, newCardNotTaken } from './kill-harness-cards.js';
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import {
  KIOSKS,
  lastTransaction,
  type JourneyEntry,
  openWorld,
  stepsOf,
  WAIT_MS,
  type LiveWorld,
} from './kill-harness-world.js';
import type { UiClient } from './ui-client.js';
import {
  boot,
  journalBin,
  printerOf,
  staffEmptyTheBin,
  type PrinterState,
  UNCOUNTED,
} from './uncounted-bin-kiosk.js';

/** Whichever comes first: the daemon's end, or `WAIT_MS` after `after` settled (its timer called off). */
async function endedWithin(
  daemon: DaemonProcess,
  after: Promise<unknown> = Promise.resolve(),
): Promise<{ signal: NodeJS.Signals | null } | undefined> {
  const grace = new AbortController();
  try {
    return await Promise.race([
      daemon.ended,
      after.then(() => sleep(WAIT_MS, undefined, { signal: grace.signal }).catch(() => undefined)),
    ]);
  } finally {
    grace.abort();
  }
}

/** The journey driven until the daemon dies at its armed point. */
async function driveUntilKilled(
  entry: JourneyEntry,
  world: LiveWorld,
  daemon: DaemonProcess,
  ui: UiClient,
): Promise<void> {
  const driving = entry.drive(world, ui).catch(() => undefined);
  const ended = await endedWithin(daemon, driving);
  ui.close();
  if (ended?.signal === 'SIGKILL') return;
  await daemon.stop('SIGKILL');
  throw new Error('the daemon did not die at its armed point');
}

/** A boot killed inside its recovery at `crashAt` (before or after its ready line). */
async function bootKilledInRecovery(world: LiveWorld, crashAt: string): Promise<void> {
  let started: { daemon: DaemonProcess; ui: UiClient };
  try {
    started = await boot(world, crashAt);
  } catch (e) {
    // killed before its ready line: the error carries what the daemon said
    expect(String(e)).toContain(`kill harness point ${crashAt}`);
    return;
  }
  const ended = await endedWithin(started.daemon);
  started.ui.close();
  if (ended?.signal === 'SIGKILL') return;
  await started.daemon.stop('SIGKILL');
  throw new Error(`boot recovery did not die at ${crashAt}`);
}

/** A boot that recovers what the last left, checked in service, `then` run on it, stopped cleanly. */
async function bootAndRecover(world: LiveWorld, then?: (ui: UiClient) => Promise<void>): Promise<void> {
  const { daemon, ui } = await boot(world);
  try {
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('issueCard'), WAIT_MS);
    await then?.(ui);
  } finally {
    ui.close();
    expect(await daemon.stop()).toBe(0);
  }
}

interface Scenario {
  /** the journey that spoils the blank; the new card whose first chip cannot be written unless given */
  readonly entry?: JourneyEntry;
  /** where the journey's daemon is killed; none: it runs to the card taken */
  readonly journey?: string;
  /** where the boot after it is killed in its recovery */
  readonly recovery?: string;
  /** the printer at the kill: where the spoiled blank is, and what the bin holds */
  readonly atKill?: Partial<PrinterState>;
  /** steps the transaction journals by the end */
  readonly steps: readonly string[];
}

const SCENARIOS: readonly [string, Scenario][] = [
  ['no restart: the journey rejects the blank and makes the next', { steps: ['card.reject:done'] }],
  [
    "restart after the reject's intent (the blank inside): boot recovery's reject counts it",
    {
      journey: 'after:card.reject:intent',
      atKill: { position: 'chipStation', rejectBin: 0 },
      steps: ['recovery.card.reject:done'],
    },
  ],
  [
    "restart before the reject's done (the blank in the bin, nothing journaled of it): caught up at boot",
    { journey: 'before:card.reject:done', atKill: { position: 'none', rejectBin: 1 }, steps: [] },
  ],
  [
    "restart after the reject's done, before its count: caught up at boot",
    {
      journey: 'after:card.reject:done',
      atKill: { position: 'none', rejectBin: 1 },
      steps: ['card.reject:done'],
    },
  ],
  [
    "restart inside boot recovery's reject, before its done: caught up at the next boot",
    {
      journey: 'after:card.reject:intent',
      recovery: 'before:recovery.card.reject:done',
      atKill: { position: 'chipStation', rejectBin: 0 },
      steps: ['recovery.card.reject:intent'],
    },
  ],
  [
    "restart inside boot recovery's reject, after its done: caught up at the next boot",
    {
      journey: 'after:card.reject:intent',
      recovery: 'after:recovery.card.reject:done',
      atKill: { position: 'chipStation', rejectBin: 0 },
      steps: ['recovery.card.reject:done'],
    },
  ],
  [
    'restart after boot recovery caught the count up, before it closed the card making: not counted again',
    {
      journey: 'after:card.reject:done',
      recovery: 'before:recovery.host.issued:done',
      atKill: { position: 'none', rejectBin: 1 },
      steps: ['card.reject:done', 'recovery.host.issued:done'],
    },
  ],
  [
    'the new card not taken, retracted into the bin; no restart',
    { entry: newCardNotTaken, steps: ['card.retract:done'] },
  ],
  [
    "the new card not taken: restart after the retract's done, before its count: caught up at boot",
    {
      entry: newCardNotTaken,
      journey: 'after:card.retract:done',
      atKill: { position: 'none', rejectBin: 1 },
      steps: ['card.retract:done'],
    },
  ],
];

function scenariosOn(store: () => JournalStore): void {
  // each case's world (its host process, its journal) opens while the case before runs; the one
  // left after the last is disposed before the store closes (afterAll hooks run as declared)
  let worlds: WorldsAhead | undefined;
  afterAll(() => worlds?.dispose(), 30_000);
  const opened = storeForSuite(store);
  /** a fresh world for a case: wang's card to make, the printer without card counters, `args` */
  async function worldFor(args: readonly string[]): Promise<LiveWorld> {
    worlds ??= new WorldsAhead(() => openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED));
    const world = await worlds.take();
    worlds.openAhead();
    return { ...world, args: [...world.args, ...args] };
  }

  it.each(SCENARIOS)(
    '%s: the spoiled blank counted once',
    async (_name, scenario) => {
      const entry = scenario.entry ?? newCardChipFails;
      const world = await worldFor(entry.args ?? []);
      try {
        const { daemon, ui } = await boot(world, scenario.journey);
        await staffEmptyTheBin(ui, { counted: 0, journalCount: null });
        expect(await journalBin(world)).toBe(0);
        if (scenario.journey) {
          await driveUntilKilled(entry, world, daemon, ui);
          expect(printerOf(world)).toMatchObject(scenario.atKill ?? {});
          // killed before the count was recorded
          expect(await journalBin(world)).toBe(0);
        } else {
          await entry.drive(world, ui);
          ui.close();
          expect(await daemon.stop()).toBe(0);
        }
        if (scenario.recovery) await bootKilledInRecovery(world, scenario.recovery);
        // the boot after the last kill
        await bootAndRecover(world);
        expect(printerOf(world)).toMatchObject({ position: 'none', rejectBin: 1, rejected: 1 });
        expect(await journalBin(world)).toBe(1);
        // one more finds nothing left to count, and staff take the one card out: the counts agree
        await bootAndRecover(world, async (ui) => {
          expect(await journalBin(world)).toBe(1);
          await staffEmptyTheBin(ui, { counted: 1, journalCount: 1 });
        });
        expect(printerOf(world)).toMatchObject({ rejectBin: 0, rejected: 1 });
        expect(await journalBin(world)).toBe(0);
        const tx = await lastTransaction(world.journal, 'issueCard');
        const steps = await stepsOf(world.journal, tx!);
        expect(steps).toEqual(expect.arrayContaining([...scenario.steps]));
        const [closed] = await world.journal.all<{ status: string }>(
          `SELECT "status" FROM "journal_transaction" WHERE "id" = $1`,
          tx,
        );
        expect(closed?.status).toBe('closed');
      } finally {
        await world.dispose();
      }
    },
    180_000,
  );
}

describe('a blank the kiosk spoils on a printer without card counters, counted once across restarts', () => {
  describe('journal on SQLite', () => scenariosOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('spoiled-blank-uncounted-bin-restart', (store) => scenariosOn(() => store));
  });
});
