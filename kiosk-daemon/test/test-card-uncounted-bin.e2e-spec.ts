/**
 * Fault: field staff's test card (a blank through the chip station and the print station into the
 * reject bin) on a card printer that does not count its reject bin went into the bin uncounted. The
 * journal keeps that bin's count (the printer has none: the emulator's `reportsCounters: false`),
 * and the test card's reject did not raise it, so the next emptying of the bin, the one card
 * counted out, was refused MAINTENANCE_COUNT_MISMATCH ('does not agree with the journal'), and the
 * card blanks' reconciliation missed a spoiled blank. Now the test card's reject is a journaled act
 * of its own (`maintenance.testCard.reject`) counted as the kiosk's own rejects are
 * (`journeys/kiosk-rejected-blank.ts`).
 *
 * A restart between the reject's step and its count (the kill harness's `journal.crashAt`, ADR
 * 0007, right before and right after the step's done) is caught up by boot recovery from the
 * visit's steps, once.
 *
 * The real daemon with that printer model, a host process of its own, on a SQLite file and on
 * PostgreSQL: staff count the bin (empty it: 0), run the test card, and empty the bin again.
 */
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import { KIOSKS, openWorld, WAIT_MS } from './kill-harness-world.js';
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { boot, journalBin, printerOf, staffEmptyTheBin, UNCOUNTED } from './uncounted-bin-kiosk.js';

function testCardOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it("test card on a printer without card counters: its blank counted in the journal's bin, the emptying agrees", async () => {
    const world = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      const { daemon, ui } = await boot(world);
      try {
        await staffEmptyTheBin(ui, { counted: 0, journalCount: null });
        expect(await journalBin(world)).toBe(0);
        // the next visit: the test card, then the bin emptied of the one card in it
        await staffEmptyTheBin(ui, {
          counted: 1,
          journalCount: 1,
          first: async (token) => {
            const tested = await maintenanceCall(ui.url, 'POST', '/maintenance/test-card', { token });
            expect(tested).toMatchObject({ status: 200, body: { rejected: true } });
            expect(printerOf(world)).toMatchObject({ position: 'none', rejectBin: 1, rejected: 1 });
            expect(await journalBin(world)).toBe(1);
          },
        });
        expect(printerOf(world)).toMatchObject({ rejectBin: 0, rejected: 1 });
        expect(await journalBin(world)).toBe(0);
      } finally {
        ui.close();
        expect(await daemon.stop()).toBe(0);
      }
    } finally {
      await world.dispose();
    }
  }, 120_000);

  it.each(['before', 'after'])(
    "fault: restart between the test card's reject and its count (%s its done): caught up at boot, counted once",
    async (position) => {
      const world = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
      try {
        const first = await boot(world, `${position}:maintenance.testCard.reject:done`);
        await staffEmptyTheBin(first.ui, { counted: 0, journalCount: null });
        const login = await staffLogIn(first.ui.url, first.ui, DEMO_ENGINEER);
        const token = (login.body as { token: string }).token;
        // the daemon dies inside the test card: its answer never comes
        const tested = maintenanceCall(first.ui.url, 'POST', '/maintenance/test-card', { token });
        await expect(tested).rejects.toThrow();
        first.ui.close();
        expect((await first.daemon.ended).signal).toBe('SIGKILL');
        expect(printerOf(world)).toMatchObject({ position: 'none', rejectBin: 1 });
        expect(await journalBin(world)).toBe(0);

        // the power back: boot recovery catches the count up; another restart adds nothing
        for (const _again of [1, 2]) {
          const { daemon, ui } = await boot(world);
          await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
          ui.close();
          expect(await daemon.stop()).toBe(0);
          expect(await journalBin(world)).toBe(1);
        }
        // staff take the one card out: the counts agree
        const { daemon, ui } = await boot(world);
        try {
          await staffEmptyTheBin(ui, { counted: 1, journalCount: 1 });
        } finally {
          ui.close();
          expect(await daemon.stop()).toBe(0);
        }
        expect(printerOf(world)).toMatchObject({ rejectBin: 0, rejected: 1 });
      } finally {
        await world.dispose();
      }
    },
    120_000,
  );
}

describe("field staff's test card on a printer without card counters", () => {
  describe('journal on SQLite', () => testCardOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('test-card-uncounted-bin', (store) => testCardOn(() => store));
  });
});
