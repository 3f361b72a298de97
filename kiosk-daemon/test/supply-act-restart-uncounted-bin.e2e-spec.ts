/**
 * Fault: a restart in the middle of field staff's emptying of a reject bin the printer does not
 * count (`reportsCounters: false`: the journal keeps the bin's count) was lost: the journal's bin
 * kept the cards staff had taken out, the reconciliation's "emptied" missed them, and staff's next
 * emptying (counting 0) was refused MAINTENANCE_COUNT_MISMATCH. Now (ADR 0022) it is listed for the
 * next visit, a new emptying of that bin waits for the answer, and staff's "emptied" sets the
 * journal's bin to 0 and writes the entry once. The built daemon on SQLite and PostgreSQL.
 */
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import { KIOSKS, openWorld, type LiveWorld } from './kill-harness-world.js';
import { maintenanceCall } from './maintenance-client.js';
import {
  bootAndVisit,
  cutOff,
  emptyTheBin,
  entriesOf,
  handsEmptyRejectBin,
  journalPrinterCount,
  reconciliation,
  visitKilledAt,
} from './supply-act-restart-kiosk.js';
import { UNCOUNTED } from './uncounted-bin-kiosk.js';

function binOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it('fault: restart after the reject bin emptying intent (staff had emptied it): listed, a new emptying refused, confirmed emptied, counted once', async () => {
    const world: LiveWorld = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      const since = new Date(Date.now() - 1000).toISOString();
      const EMPTY = {
        path: '/maintenance/empty-bin',
        body: { device: 'cardPrinter', supply: 'rejectBin', counted: 1 },
      };
      // the bin counted (0), a test card spoiled into it (1); the next visit's emptying cut off
      await bootAndVisit(world, async (token, ui) => {
        await emptyTheBin(token, ui);
        const tested = await maintenanceCall(ui.url, 'POST', '/maintenance/test-card', { token });
        expect(tested).toMatchObject({ status: 200, body: { rejected: true } });
      });
      await visitKilledAt(world, 'after:maintenance.emptyBin:intent', EMPTY);
      expect(await journalPrinterCount(world, 'rejectBin')).toBe(1);
      handsEmptyRejectBin(world);
      await bootAndVisit(world, async (token, ui) => {
        const [listed] = await cutOff(ui, token);
        expect(listed).toMatchObject({
          supply: 'rejectBin',
          action: 'emptyBin',
          quantity: 1,
          journalCount: 1,
        });
        const refused = await maintenanceCall(ui.url, 'POST', '/maintenance/empty-bin', {
          token,
          body: { device: 'cardPrinter', supply: 'rejectBin', counted: 1 },
        });
        expect(refused.body.code).toBe('MAINTENANCE_SUPPLY_UNSETTLED');
        const answered = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-supply-act', {
          token,
          body: { transactionId: listed!.transactionId, verdict: 'done' },
        });
        expect(answered).toMatchObject({ status: 200, body: { journalCount: 0 } });
      });
      for (const _again of [1, 2]) {
        await bootAndVisit(world, async (token, ui) => {
          const report = await reconciliation(ui, token, since);
          const bin = (report.lines as Record<string, unknown>[]).find(
            (l) => l.device === 'cardPrinter' && l.supply === 'rejectBin',
          );
          expect(bin).toMatchObject({ byKiosk: 1, byStaff: 1, after: 0, reconciles: true });
        });
        expect(await journalPrinterCount(world, 'rejectBin')).toBe(0);
        expect(await entriesOf(world, 'rejectBin')).toEqual([
          expect.objectContaining({ action: 'empty', quantity: 0 }),
          expect.objectContaining({ action: 'empty', quantity: 1 }),
        ]);
      }
    } finally {
      await world.dispose();
    }
  }, 240_000);
}

describe('an emptying of a reject bin the printer does not count, cut off by a restart: left for staff to confirm', () => {
  describe('journal on SQLite', () => binOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('supply-act-restart-uncounted-bin', (store) => binOn(() => store));
  });
});
