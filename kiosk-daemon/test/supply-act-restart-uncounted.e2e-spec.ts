/**
 * Fault: a restart in the middle of field staff's refill of a supply only the journal or staff
 * count was lost. On a card printer without counters (`reportsCounters: false`) the journal keeps
 * the hopper's count, set by staff's refill: cut off between its intent and its count, the journal
 * kept the hopper short, the card blanks' reconciliation missed the load ("loaded" 0, a difference
 * once the blanks were used), and staff's next refill, counting what is really there, was refused
 * MAINTENANCE_COUNT_MISMATCH. Receipt paper's refill left no entry at all.
 *
 * Nothing at the kiosk can tell whether staff loaded, so boot guesses nothing (ADR 0022): the act is
 * listed for the next staff visit (GET /maintenance/supply-acts-cut-off), the kiosk in service; a
 * new refill of that supply is refused MAINTENANCE_SUPPLY_UNSETTLED, naming it; staff's answer
 * (POST /maintenance/settle-supply-act) is journaled, the journal's count set by it and the entry
 * written once. The built daemon killed by the kill harness's hook, on SQLite and PostgreSQL; after
 * the answer, and after one more boot, the card blanks reconcile with the load counted once.
 */
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import { BLANKS_LOADED, KIOSKS, openWorld, WAIT_MS, type LiveWorld } from './kill-harness-world.js';
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import {
  bootAndVisit,
  cutOff,
  emptyTheBin,
  entriesOf,
  handsLoadHopper,
  journalPrinterCount,
  printerHopper,
  reconciliation,
  visitKilledAt,
} from './supply-act-restart-kiosk.js';
import { boot, UNCOUNTED } from './uncounted-bin-kiosk.js';

const LOADED = 5;
const HOPPER = { device: 'cardPrinter', supply: 'cardHopper' };
const REFILL = {
  path: '/maintenance/refill',
  body: { ...HOPPER, added: LOADED, countedBefore: BLANKS_LOADED },
};

interface Scenario {
  readonly crashAt: string;
  /** staff's hands put the blanks in while the kiosk was off (the refill's device act had not) */
  readonly hands: boolean;
  readonly verdict: 'done' | 'notDone';
}

const SCENARIOS: readonly [string, Scenario][] = [
  [
    'fault: restart after the refill intent (staff had loaded): listed, a new refill refused, confirmed loaded, counted once',
    { crashAt: 'after:maintenance.refill:intent', hands: true, verdict: 'done' },
  ],
  [
    'fault: restart after the printer was told, before the outcome: listed, confirmed loaded, counted once',
    { crashAt: 'before:maintenance.refill:done', hands: false, verdict: 'done' },
  ],
  [
    'fault: restart after the refill intent (staff had not loaded): listed, confirmed not loaded, nothing counted',
    { crashAt: 'after:maintenance.refill:intent', hands: false, verdict: 'notDone' },
  ],
];

function scenariosOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it.each(SCENARIOS)(
    '%s',
    async (_name, scenario) => {
      const world: LiveWorld = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
      try {
        const since = new Date(Date.now() - 1000).toISOString();
        await visitKilledAt(world, scenario.crashAt, REFILL, emptyTheBin);
        if (scenario.hands) handsLoadHopper(world, LOADED);
        const loaded = scenario.verdict === 'done' ? LOADED : 0;
        expect(printerHopper(world)).toBe(BLANKS_LOADED + loaded);
        await bootAndVisit(world, async (token, ui) => {
          // in service after the boot; the act listed for staff, nothing guessed of it: the journal
          // counts what staff counted before it (so the kiosk's feeds meanwhile count from there)
          const [listed, ...more] = await cutOff(ui, token);
          expect(more).toEqual([]);
          expect(listed).toMatchObject({
            ...HOPPER,
            action: 'refill',
            quantity: LOADED,
            countedBefore: BLANKS_LOADED,
            journalCount: BLANKS_LOADED,
            deviceCount: null,
          });
          expect(await entriesOf(world, 'cardHopper')).toEqual([]);
          // a new refill of that hopper waits for the answer, naming the act cut off
          const refused = await maintenanceCall(ui.url, 'POST', '/maintenance/refill', {
            token,
            body: { ...HOPPER, added: 1, countedBefore: BLANKS_LOADED + loaded },
          });
          expect(refused).toMatchObject({
            status: 409,
            body: {
              code: 'MAINTENANCE_SUPPLY_UNSETTLED',
              details: { unsettledTransactionId: listed!.transactionId },
            },
          });
          const answered = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-supply-act', {
            token,
            body: { transactionId: listed!.transactionId, verdict: scenario.verdict },
          });
          expect(answered).toMatchObject({
            status: 200,
            body: { verdict: scenario.verdict, journalCount: BLANKS_LOADED + loaded },
          });
          // answered once: another answer is refused, the list is empty
          const again = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-supply-act', {
            token,
            body: { transactionId: listed!.transactionId, verdict: 'done' },
          });
          expect(again.body.code).toBe('MAINTENANCE_ALREADY_SETTLED');
          expect(await cutOff(ui, token)).toEqual([]);
        });
        for (const _again of [1, 2]) {
          await bootAndVisit(world, async (token, ui) => {
            expect(await cutOff(ui, token)).toEqual([]);
            const report = await reconciliation(ui, token, since);
            expect(report.cardBlanks).toEqual({
              hopperBefore: BLANKS_LOADED,
              loaded,
              issued: 0,
              spoiled: 0,
              missing: 0,
              remaining: BLANKS_LOADED + loaded,
              difference: 0,
              reconciles: true,
            });
          });
          expect(await journalPrinterCount(world, 'blanks')).toBe(BLANKS_LOADED + loaded);
          expect(await entriesOf(world, 'cardHopper')).toEqual([
            expect.objectContaining({ kind: 'cardPrinter', action: 'refill', quantity: loaded }),
          ]);
        }
        // staff's next refill, counting what is there, goes through
        await bootAndVisit(world, async (token, ui) => {
          const next = await maintenanceCall(ui.url, 'POST', '/maintenance/refill', {
            token,
            body: { ...HOPPER, added: 1, countedBefore: BLANKS_LOADED + loaded },
          });
          expect(next.status).toBe(200);
        });
        expect(await journalPrinterCount(world, 'blanks')).toBe(BLANKS_LOADED + loaded + 1);
      } finally {
        await world.dispose();
      }
    },
    240_000,
  );

  it("fault: restart after the refill's done, before the journal's count and its entry: both caught up at boot, once", async () => {
    const world: LiveWorld = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      const since = new Date(Date.now() - 1000).toISOString();
      await visitKilledAt(world, 'after:maintenance.refill:done', REFILL, emptyTheBin);
      expect(await journalPrinterCount(world, 'blanks')).toBeUndefined();
      for (const _again of [1, 2]) {
        await bootAndVisit(world, async (token, ui) => {
          // the printer took the load and the act was done: nothing for staff to answer
          expect(await cutOff(ui, token)).toEqual([]);
          const report = await reconciliation(ui, token, since);
          expect(report.cardBlanks).toMatchObject({
            hopperBefore: BLANKS_LOADED,
            loaded: LOADED,
            difference: 0,
          });
        });
        expect(await journalPrinterCount(world, 'blanks')).toBe(BLANKS_LOADED + LOADED);
        expect(await entriesOf(world, 'cardHopper')).toEqual([expect.objectContaining({ quantity: LOADED })]);
      }
    } finally {
      await world.dispose();
    }
  }, 240_000);

  it("fault: restart between staff's answer and its count: carried through at boot as given, counted once", async () => {
    const world: LiveWorld = await openWorld(opened(), KIOSKS[0], 'wang', UNCOUNTED);
    try {
      await visitKilledAt(world, 'before:maintenance.refill:done', REFILL, emptyTheBin);
      const { daemon, ui } = await boot(world, 'after:recovery.staffVerdict:event');
      try {
        await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
        const token = ((await staffLogIn(ui.url, ui, DEMO_ENGINEER)).body as { token: string }).token;
        const [listed] = await cutOff(ui, token);
        const answer = maintenanceCall(ui.url, 'POST', '/maintenance/settle-supply-act', {
          token,
          body: { transactionId: listed!.transactionId, verdict: 'done' },
        });
        await expect(answer).rejects.toThrow();
      } finally {
        ui.close();
      }
      expect((await daemon.ended).signal).toBe('SIGKILL');
      expect(await entriesOf(world, 'cardHopper')).toEqual([]);
      for (const _again of [1, 2]) {
        await bootAndVisit(world, async (token, ui) => {
          expect(await cutOff(ui, token)).toEqual([]);
        });
        expect(await journalPrinterCount(world, 'blanks')).toBe(BLANKS_LOADED + LOADED);
        expect(await entriesOf(world, 'cardHopper')).toEqual([expect.objectContaining({ quantity: LOADED })]);
      }
    } finally {
      await world.dispose();
    }
  }, 240_000);

  it('fault: restart after the receipt paper refill intent: listed, confirmed loaded, its entry written once', async () => {
    const world: LiveWorld = await openWorld(opened(), KIOSKS[0], 'wang', []);
    try {
      const paper = { device: 'receiptPrinter', supply: 'paper', added: 1 };
      await visitKilledAt(world, 'after:maintenance.refill:intent', {
        path: '/maintenance/refill',
        body: paper,
      });
      await bootAndVisit(world, async (token, ui) => {
        const [listed] = await cutOff(ui, token);
        expect(listed).toMatchObject({
          device: 'receiptPrinter',
          supply: 'paper',
          quantity: 1,
          journalCount: null,
        });
        const answered = await maintenanceCall(ui.url, 'POST', '/maintenance/settle-supply-act', {
          token,
          body: { transactionId: listed!.transactionId, verdict: 'done' },
        });
        expect(answered.status).toBe(200);
      });
      await bootAndVisit(world, async (token, ui) => {
        expect(await cutOff(ui, token)).toEqual([]);
      });
      expect(await entriesOf(world, 'paper')).toEqual([
        expect.objectContaining({ kind: 'receiptPrinter', action: 'refill', quantity: 1 }),
      ]);
    } finally {
      await world.dispose();
    }
  }, 240_000);
}

describe('a refill of a supply only the journal or staff count, cut off by a restart: left for staff to confirm', () => {
  describe('journal on SQLite', () => scenariosOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('supply-act-restart-uncounted', (store) => scenariosOn(() => store));
  });
});
