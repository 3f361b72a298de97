/**
 * Fault: on a card printer that does not count its own cards (a model without card counters: the
 * emulator's `reportsCounters: false`, refusing the counters read as that firmware does), the card
 * blanks' reconciliation gave nothing: the journal kept no count of the hopper, and the report
 * (RULES.md: every blank issued, rejected or still in the hopper, reconciled with what field staff
 * loaded) needs one. Now the journal keeps it as it keeps that printer's reject bin: staff's refill
 * (the count they enter before loading, plus what they load) sets it, and every blank the kiosk
 * feeds sets it one down, journal first (`journeys/kiosk-fed-blank.ts`: the feed's intent carries
 * the count it makes, set once after it; a restart between the feed and its count is caught up by
 * boot recovery from the journaled step, never subtracted twice).
 *
 * The real daemon (the built one) with that printer model, its mechanism kept in its file beside
 * the journal, a host process of its own, on a SQLite file and on PostgreSQL. Staff refill the
 * hopper (counting the 40 blanks in it, loading 5) and empty the bin in a visit; then a new card
 * is made, and the kill harness's hook (`journal.crashAt`, ADR 0007) kills the daemon at the
 * feed's critical points. After the last boot, and one more, the journal's hopper count is the
 * blanks in the printer's hopper, and the reconciliation report balances: 40 + 5 loaded = issued
 * + spoiled + what is left, difference 0. Field staff's test card killed between its feed and the
 * feed's count likewise; its blank, left at the chip station, is filed in the reject bin by boot
 * recovery of the open visit (left there, it was neither spoiled nor in the hopper: difference 1).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DaemonProcess } from './daemon-process.js';
import { newCardChipFails, newCardTaken } from './kill-harness-cards.js';
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import {
  BLANKS_LOADED,
  KIOSKS,
  openWorld,
  WAIT_MS,
  type JourneyEntry,
  type LiveWorld,
} from './kill-harness-world.js';
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { boot, journalBin, printerOf, staffEmptyTheBin, UNCOUNTED } from './uncounted-bin-kiosk.js';
import type { UiClient } from './ui-client.js';

const LOADED = 5;

/** The hopper's count in the journal's last card printer counters record (undefined: none). */
async function journalHopper(world: LiveWorld): Promise<number | undefined> {
  const [row] = await world.journal.all<{ counters: string }>(
    `SELECT "counters" FROM "device_counters" WHERE "kind" = 'cardPrinter' ORDER BY "id" DESC LIMIT 1`,
  );
  return row ? (JSON.parse(row.counters) as { blanks?: number }).blanks : undefined;
}

const hopperOf = (world: LiveWorld) => printerOf(world) as unknown as { hopper: number };

/** Staff's visit: the hopper refilled (counted first: the printer shows no count), the bin emptied. */
async function staffRefillAndEmpty(world: LiveWorld, ui: UiClient): Promise<void> {
  await staffEmptyTheBin(ui, {
    counted: 0,
    journalCount: null,
    first: async (token) => {
      const view = await maintenanceCall(ui.url, 'GET', '/maintenance/view', { token });
      const hopper = (view.body.supplies as { device: string; supply: string }[]).find(
        (s) => s.device === 'cardPrinter' && s.supply === 'cardHopper',
      );
      expect(hopper).toMatchObject({ count: null, journalCount: null });
      const refilled = await maintenanceCall(ui.url, 'POST', '/maintenance/refill', {
        token,
        body: { device: 'cardPrinter', supply: 'cardHopper', added: LOADED, countedBefore: BLANKS_LOADED },
      });
      expect(refilled).toMatchObject({ status: 200, body: { quantity: LOADED, after: null } });
    },
  });
  expect(await journalHopper(world)).toBe(BLANKS_LOADED + LOADED);
  expect(hopperOf(world).hopper).toBe(BLANKS_LOADED + LOADED);
}

/** A boot that recovers what the last left, in service; the reconciliation since `since` read by staff. */
async function bootAndReconcile(world: LiveWorld, since: string): Promise<Record<string, unknown>> {
  const { daemon, ui } = await boot(world);
  try {
    await ui.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('issueCard'), WAIT_MS);
    const login = await staffLogIn(ui.url, ui, DEMO_ENGINEER);
    const token = (login.body as { token: string }).token;
    const report = await maintenanceCall(
      ui.url,
      'GET',
      `/maintenance/reconciliation?since=${encodeURIComponent(since)}`,
      { token },
    );
    expect(report.status).toBe(200);
    await maintenanceCall(ui.url, 'POST', '/maintenance/logout', { token });
    return report.body.cardBlanks as Record<string, unknown>;
  } finally {
    ui.close();
    expect(await daemon.stop()).toBe(0);
  }
}

interface Scenario {
  readonly entry: JourneyEntry;
  /** where the journey's daemon is killed; none: it runs to the card taken */
  readonly journey?: string;
  /** where the boot after it is killed in its recovery */
  readonly recovery?: string;
  /** blanks fed, issued and spoiled by the end */
  readonly fed: number;
  readonly issued: number;
  readonly spoiled: number;
}

const SCENARIOS: readonly [string, Scenario][] = [
  [
    'uncounted hopper reconciles: a new card made and taken, no restart',
    { entry: newCardTaken, fed: 1, issued: 1, spoiled: 0 },
  ],
  [
    'uncounted hopper reconciles: the first blank spoiled, the next taken, no restart',
    { entry: newCardChipFails, fed: 2, issued: 1, spoiled: 1 },
  ],
  [
    "fault: restart between the feed step and its count (after the feed's done): caught up at boot",
    { entry: newCardTaken, journey: 'after:card.feed:done', fed: 1, issued: 0, spoiled: 1 },
  ],
  [
    'fault: restart during the feed (before its done, the blank inside): caught up at boot from its intent',
    { entry: newCardTaken, journey: 'before:card.feed:done', fed: 1, issued: 0, spoiled: 1 },
  ],
  [
    'fault: restart after boot recovery caught the feed up, before it closed the card making: not counted again',
    {
      entry: newCardTaken,
      journey: 'after:card.feed:done',
      recovery: 'before:recovery.host.issued:done',
      fed: 1,
      issued: 0,
      spoiled: 1,
    },
  ],
];

/** Whether the daemon was killed (SIGKILL) within `WAIT_MS` (its timer called off either way). */
async function killedWithin(daemon: DaemonProcess): Promise<boolean> {
  const grace = new AbortController();
  try {
    const ended = await Promise.race([
      daemon.ended,
      sleep(WAIT_MS, undefined, { signal: grace.signal }).catch(() => undefined),
    ]);
    return ended?.signal === 'SIGKILL';
  } finally {
    grace.abort();
  }
}

/** The daemon started with `crashAt` armed, driven (or not) until it dies there. */
async function driveUntilKilled(world: LiveWorld, entry: JourneyEntry, crashAt: string): Promise<void> {
  const { daemon, ui } = await boot(world, crashAt);
  await staffRefillAndEmpty(world, ui);
  await entry.drive(world, ui).catch(() => undefined);
  const killed = await killedWithin(daemon);
  ui.close();
  if (killed) return;
  await daemon.stop('SIGKILL');
  throw new Error(`the daemon did not die at ${crashAt}`);
}

/** A boot killed inside its recovery at `crashAt` (before or after its ready line). */
async function bootKilledInRecovery(world: LiveWorld, crashAt: string): Promise<void> {
  let started: Awaited<ReturnType<typeof boot>>;
  try {
    started = await boot(world, crashAt);
  } catch (e) {
    // killed before its ready line: the error carries what the daemon said
    expect(String(e)).toContain(`kill harness point ${crashAt}`);
    return;
  }
  const killed = await killedWithin(started.daemon);
  started.ui.close();
  if (killed) return;
  await started.daemon.stop('SIGKILL');
  throw new Error(`boot recovery did not die at ${crashAt}`);
}

function scenariosOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it.each(SCENARIOS)(
    '%s',
    async (_name, scenario) => {
      const world = await openWorld(opened(), KIOSKS[0], 'wang', [
        ...UNCOUNTED,
        ...(scenario.entry.args ?? []),
      ]);
      try {
        const since = new Date(Date.now() - 1000).toISOString();
        if (scenario.journey) {
          await driveUntilKilled(world, scenario.entry, scenario.journey);
          // killed before the feed's count was recorded
          expect(hopperOf(world).hopper).toBe(BLANKS_LOADED + LOADED - 1);
          expect(await journalHopper(world)).toBe(BLANKS_LOADED + LOADED);
        } else {
          const { daemon, ui } = await boot(world);
          await staffRefillAndEmpty(world, ui);
          await scenario.entry.drive(world, ui);
          ui.close();
          expect(await daemon.stop()).toBe(0);
        }
        if (scenario.recovery) await bootKilledInRecovery(world, scenario.recovery);
        const remaining = BLANKS_LOADED + LOADED - scenario.fed;
        // the boot after the last kill, and one more: the hopper counted once, the blanks reconcile
        for (const _again of [1, 2]) {
          const blanks = await bootAndReconcile(world, since);
          expect(hopperOf(world).hopper).toBe(remaining);
          expect(await journalHopper(world)).toBe(remaining);
          expect(blanks).toEqual({
            hopperBefore: BLANKS_LOADED,
            loaded: LOADED,
            issued: scenario.issued,
            spoiled: scenario.spoiled,
            missing: 0,
            remaining,
            difference: 0,
            reconciles: true,
          });
        }
      } finally {
        await world.dispose();
      }
    },
    240_000,
  );

  testCardOn(() => opened());
}

/**
 * Field staff's test card killed between its feed and the feed's count (the blank at the chip
 * station): boot recovery catches the count up from the open visit's steps, once.
 */
function testCardOn(store: () => JournalStore): void {
  it("fault: restart between the test card's feed and its count (its blank left at the chip station): caught up at boot, the blank filed in the bin, each counted once", async () => {
    const world = await openWorld(store(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      const since = new Date(Date.now() - 1000).toISOString();
      const first = await boot(world, 'after:maintenance.testCard.feed:done');
      await staffRefillAndEmpty(world, first.ui);
      const login = await staffLogIn(first.ui.url, first.ui, DEMO_ENGINEER);
      const token = (login.body as { token: string }).token;
      // the daemon dies inside the test card: its answer never comes
      const tested = maintenanceCall(first.ui.url, 'POST', '/maintenance/test-card', { token });
      await expect(tested).rejects.toThrow();
      first.ui.close();
      expect((await first.daemon.ended).signal).toBe('SIGKILL');
      expect(printerOf(world)).toMatchObject({ position: 'chipStation' });
      expect(hopperOf(world).hopper).toBe(BLANKS_LOADED + LOADED - 1);
      expect(await journalHopper(world)).toBe(BLANKS_LOADED + LOADED);
      // the power back: the feed counted once, the blank left inside filed in the bin and counted
      for (const _again of [1, 2]) {
        const blanks = await bootAndReconcile(world, since);
        expect(printerOf(world)).toMatchObject({ position: 'none', rejectBin: 1, rejected: 1 });
        expect(hopperOf(world).hopper).toBe(BLANKS_LOADED + LOADED - 1);
        expect(await journalHopper(world)).toBe(BLANKS_LOADED + LOADED - 1);
        expect(await journalBin(world)).toBe(1);
        expect(blanks).toEqual({
          hopperBefore: BLANKS_LOADED,
          loaded: LOADED,
          issued: 0,
          spoiled: 1,
          missing: 0,
          remaining: BLANKS_LOADED + LOADED - 1,
          difference: 0,
          reconciles: true,
        });
      }
    } finally {
      await world.dispose();
    }
  }, 240_000);
}

describe('card blanks on a printer that does not count its hopper: the journal keeps its count', () => {
  describe('journal on SQLite', () => scenariosOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('uncounted-hopper-reconciles', (store) => scenariosOn(() => store));
  });
});
