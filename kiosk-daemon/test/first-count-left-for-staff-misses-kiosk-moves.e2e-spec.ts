/**
 * Fault: on a card printer without counters, a refill or bin emptying where the journal had no
 * count of the supply yet (staff's count before it is the first), cut off by a restart and left for
 * staff (ADR 0022), lost what the kiosk moved while it waited. The kiosk serves meanwhile, but a
 * blank fed or filed moves no count the journal does not have (none is made up from nothing); staff's
 * word then set the count from their count before the act as if nothing had moved: the hopper one
 * blank over what it holds (the reconciliation not reconciling, the next refill refused
 * MAINTENANCE_COUNT_MISMATCH), the bin one card short. Now boot recovery, leaving such an act for
 * staff, records staff's count before it as the journal's (a fact whether or not the act was done),
 * once, so the kiosk's moves count from it; staff's word sets the count from there.
 *
 * The built daemon with that printer model, killed by the kill harness's hook inside the act (the
 * device acted, its outcome not journaled), on a SQLite file and on PostgreSQL; a test card while
 * the act waits (a blank from the hopper into the bin); then staff confirm it.
 */
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import { BLANKS_LOADED, KIOSKS, openWorld } from './kill-harness-world.js';
import { maintenanceCall } from './maintenance-client.js';
import {
  bootAndVisit,
  cutOff,
  journalPrinterCount,
  printerHopper,
  reconciliation,
  visitKilledAt,
  type Visit,
} from './supply-act-restart-kiosk.js';
import { printerOf, UNCOUNTED } from './uncounted-bin-kiosk.js';

const LOADED = 5;

const testCard: Visit = async (token, ui) => {
  const tested = await maintenanceCall(ui.url, 'POST', '/maintenance/test-card', { token });
  expect(tested).toMatchObject({ status: 200, body: { rejected: true } });
};

/** Staff confirm the one act left for them. */
const confirm: Visit = async (token, ui) => {
  const [cut] = await cutOff(ui, token);
  const settled = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-supply-act', {
    token,
    body: { transactionId: cut!.transactionId, verdict: 'done' },
  });
  expect(settled).toMatchObject({ status: 200, body: { verdict: 'done' } });
};

function casesOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it('fault: the first refill left for staff, a blank fed while it waited: the hopper counted as it is, the blanks reconcile, the next refill accepted', async () => {
    const world = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      const since = new Date(Date.now() - 1000).toISOString();
      // the bin counted (empty), so the reconciliation knows what was spoiled; the hopper never
      await bootAndVisit(world, async (token, ui) => {
        const emptied = await maintenanceCall(ui.url, 'POST', '/maintenance/empty-bin', {
          token,
          body: { device: 'cardPrinter', supply: 'rejectBin', counted: 0 },
        });
        expect(emptied).toMatchObject({ status: 200 });
      });
      await visitKilledAt(world, 'before:maintenance.refill:done', {
        path: '/maintenance/refill',
        body: { device: 'cardPrinter', supply: 'cardHopper', added: LOADED, countedBefore: BLANKS_LOADED },
      });
      await bootAndVisit(world, testCard);
      const left = BLANKS_LOADED + LOADED - 1;
      expect(printerHopper(world)).toBe(left);
      await bootAndVisit(world, async (token, ui) => {
        await confirm(token, ui);
        const report = await reconciliation(ui, token, since);
        expect(report.cardBlanks).toMatchObject({ remaining: left, difference: 0, reconciles: true });
      });
      expect(await journalPrinterCount(world, 'blanks')).toBe(left);
      await bootAndVisit(world, async (token, ui) => {
        const again = await maintenanceCall(ui.url, 'POST', '/maintenance/refill', {
          token,
          body: { device: 'cardPrinter', supply: 'cardHopper', added: 1, countedBefore: left },
        });
        expect(again).toMatchObject({ status: 200 });
      });
      expect(await journalPrinterCount(world, 'blanks')).toBe(left + 1);
    } finally {
      await world.dispose();
    }
  }, 120_000);

  it('fault: the first bin emptying left for staff, a blank filed while it waited: the bin counted as it is, the next emptying accepted', async () => {
    const world = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      // a blank in the bin, the journal never counted the bin
      await bootAndVisit(world, testCard);
      expect(await journalPrinterCount(world, 'rejectBin')).toBeUndefined();
      await visitKilledAt(world, 'before:maintenance.emptyBin:done', {
        path: '/maintenance/empty-bin',
        body: { device: 'cardPrinter', supply: 'rejectBin', counted: 1 },
      });
      await bootAndVisit(world, testCard);
      expect(printerOf(world).rejectBin).toBe(1);
      await bootAndVisit(world, confirm);
      expect(await journalPrinterCount(world, 'rejectBin')).toBe(1);
      await bootAndVisit(world, async (token, ui) => {
        const next = await maintenanceCall(ui.url, 'POST', '/maintenance/empty-bin', {
          token,
          body: { device: 'cardPrinter', supply: 'rejectBin', counted: 1 },
        });
        expect(next).toMatchObject({ status: 200 });
      });
      expect(await journalPrinterCount(world, 'rejectBin')).toBe(0);
    } finally {
      await world.dispose();
    }
  }, 120_000);
}

describe('a supply act the journal never counted, left for staff while the kiosk served', () => {
  describe('journal on SQLite', () => casesOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('first-count-left-for-staff-misses-kiosk-moves', (store) => casesOn(() => store));
  });
});
