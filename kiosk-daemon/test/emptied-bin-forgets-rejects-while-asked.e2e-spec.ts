/**
 * Fault: a bin emptying cut off by a restart, confirmed done by staff at a later visit, set the
 * journal's count of the bin to 0, forgetting what the kiosk filed in it while the act waited for
 * staff's word. On a card printer without counters the journal is the bin's only count (ADR 0008),
 * the kiosk stays in service while the act waits (ADR 0022), and a blank spoiled meanwhile goes in
 * the emptied bin: the journal then said 0 with a card in the bin, and staff's next emptying,
 * counting that card, was refused MAINTENANCE_COUNT_MISMATCH. Now staff's "emptied" sets the count
 * to what the kiosk filed since the act (the journal's count now less its count at the act).
 *
 * The built daemon, that printer model, killed by the kill harness's hook during the emptying (the
 * bin emptied, its outcome not journaled), on a SQLite file and on PostgreSQL. Meanwhile field
 * staff's test card files a blank in the bin; then staff confirm the emptying.
 */
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import { KIOSKS, openWorld } from './kill-harness-world.js';
import { maintenanceCall } from './maintenance-client.js';
import { bootAndVisit, cutOff, entriesOf, visitKilledAt } from './supply-act-restart-kiosk.js';
import { journalBin, printerOf, UNCOUNTED } from './uncounted-bin-kiosk.js';

const EMPTY = (counted: number) => ({
  path: '/maintenance/empty-bin',
  body: { device: 'cardPrinter', supply: 'rejectBin', counted },
});

function caseOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it('fault: an emptying confirmed after the kiosk filed a blank in the bin: the journal counts that blank, the next emptying accepted', async () => {
    const world = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      // staff count the bin empty, a test card files one blank in it
      await bootAndVisit(world, async (token, ui) => {
        const first = EMPTY(0);
        expect(await maintenanceCall(ui.url, 'POST', first.path, { token, body: first.body })).toMatchObject({
          status: 200,
        });
        expect(await maintenanceCall(ui.url, 'POST', '/maintenance/test-card', { token })).toMatchObject({
          status: 200,
          body: { rejected: true },
        });
      });
      expect(await journalBin(world)).toBe(1);
      // the emptying: the bin emptied, the daemon killed before its outcome
      await visitKilledAt(world, 'before:maintenance.emptyBin:done', EMPTY(1));
      expect(printerOf(world).rejectBin).toBe(0);
      // in service while the act waits: another test card's blank goes in the emptied bin
      await bootAndVisit(world, async (token, ui) => {
        expect(await cutOff(ui, token)).toEqual([
          expect.objectContaining({ action: 'emptyBin', quantity: 1 }),
        ]);
        expect(await maintenanceCall(ui.url, 'POST', '/maintenance/test-card', { token })).toMatchObject({
          status: 200,
        });
      });
      expect(printerOf(world).rejectBin).toBe(1);
      // staff say it was emptied: the bin holds the blank filed since
      await bootAndVisit(world, async (token, ui) => {
        const [cut] = await cutOff(ui, token);
        const settled = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-supply-act', {
          token,
          body: { transactionId: cut!.transactionId, verdict: 'done' },
        });
        expect(settled).toMatchObject({ status: 200, body: { verdict: 'done', journalCount: 1 } });
      });
      expect(await journalBin(world)).toBe(1);
      // the next emptying, counting that blank, is accepted; each emptying logged once
      await bootAndVisit(world, async (token, ui) => {
        const next = EMPTY(1);
        expect(await maintenanceCall(ui.url, 'POST', next.path, { token, body: next.body })).toMatchObject({
          status: 200,
        });
      });
      expect(await journalBin(world)).toBe(0);
      expect((await entriesOf(world, 'rejectBin')).map((e) => e.quantity)).toEqual([0, 1, 1]);
    } finally {
      await world.dispose();
    }
  }, 120_000);
}

describe('a bin emptying confirmed by staff after a restart: the kiosk filed blanks in it meanwhile', () => {
  describe('journal on SQLite', () => caseOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('emptied-bin-forgets-rejects-while-asked', (store) => caseOn(() => store));
  });
});
