/**
 * Fault: a restart in the middle of field staff's refill was never caught up. The refill journaled
 * its intent, the device acted, then the journal's count and the `maintenance_supply` entry were
 * written and the act done: a restart between left the intent alone, boot recovered nothing of it,
 * and the reconciliation's "refilled" missed a load the device had counted (its hopper rose with
 * no staff act to explain it: not reconciled).
 *
 * Here the supply is one the device counts itself (the card printer's hopper, counted by the
 * printer): boot decides from the device's count against the one the intent carries (ADR 0022).
 * Moved as the act said: done (recovered), the entry written once. Not moved: failed, coded, no
 * entry. The act's own outcome journaled but its entry cut off: written once. The built daemon,
 * the printer's mechanism kept in its file beside the journal, killed by the kill harness's hook,
 * on a SQLite file and on PostgreSQL; after the boot, and one more, the reconciliation line of the
 * hopper balances: 40 + what was loaded = what is in it.
 */
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import { BLANKS_LOADED, KIOSKS, openWorld, type LiveWorld } from './kill-harness-world.js';
import { maintenanceCall } from './maintenance-client.js';
import {
  actSteps,
  bootAndVisit,
  cutOff,
  entriesOf,
  journalPrinterCount,
  printerHopper,
  reconciliation,
  visitKilledAt,
} from './supply-act-restart-kiosk.js';

const LOADED = 5;
const REFILL = {
  path: '/maintenance/refill',
  body: { device: 'cardPrinter', supply: 'cardHopper', added: LOADED, countedBefore: BLANKS_LOADED },
};

interface Scenario {
  readonly crashAt: string;
  /** whether the printer took the blanks before the restart */
  readonly moved: boolean;
  /** the act's steps after the boot */
  readonly steps: readonly string[];
}

const SCENARIOS: readonly [string, Scenario][] = [
  [
    'fault: restart after the refill intent, before the printer was told: failed at boot (not moved), no entry',
    {
      crashAt: 'after:maintenance.refill:intent',
      moved: false,
      steps: ['maintenance.refill:intent', 'maintenance.refill:failed'],
    },
  ],
  [
    'fault: restart after the printer took the blanks, before the outcome: done at boot, the entry written once',
    {
      crashAt: 'before:maintenance.refill:done',
      moved: true,
      steps: ['maintenance.refill:intent', 'maintenance.refill:done'],
    },
  ],
  [
    "fault: restart after the refill's done, before its entry: the entry written once at boot",
    {
      crashAt: 'after:maintenance.refill:done',
      moved: true,
      steps: ['maintenance.refill:intent', 'maintenance.refill:done'],
    },
  ],
];

function scenariosOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it.each(SCENARIOS)(
    '%s',
    async (_name, scenario) => {
      const world: LiveWorld = await openWorld(opened(), KIOSKS[0], 'wang', []);
      try {
        const since = new Date(Date.now() - 1000).toISOString();
        await visitKilledAt(world, scenario.crashAt, REFILL);
        const inHopper = BLANKS_LOADED + (scenario.moved ? LOADED : 0);
        expect(printerHopper(world)).toBe(inHopper);
        for (const _again of [1, 2]) {
          await bootAndVisit(world, async (token, ui) => {
            // nothing left for staff: the device told
            expect(await cutOff(ui, token)).toEqual([]);
            const report = await reconciliation(ui, token, since);
            const hopper = (report.lines as Record<string, unknown>[]).find(
              (l) => l.device === 'cardPrinter' && l.supply === 'cardHopper',
            );
            expect(hopper).toMatchObject({
              before: BLANKS_LOADED,
              byStaff: scenario.moved ? LOADED : 0,
              after: inHopper,
              deviceNow: inHopper,
              reconciles: true,
            });
          });
          expect(await actSteps(world, 'maintenance.refill')).toEqual(scenario.steps);
          expect(await journalPrinterCount(world, 'blanks')).toBe(inHopper);
          const entries = await entriesOf(world, 'cardHopper');
          expect(entries).toEqual(
            scenario.moved
              ? [
                  expect.objectContaining({
                    kind: 'cardPrinter',
                    action: 'refill',
                    quantity: LOADED,
                    deviceBefore: BLANKS_LOADED,
                    deviceAfter: BLANKS_LOADED + LOADED,
                  }),
                ]
              : [],
          );
        }
        // the next refill of the same supply goes as usual
        await bootAndVisit(world, async (token, ui) => {
          const again = await maintenanceCall(ui.url, 'POST', '/maintenance/refill', {
            token,
            body: { device: 'cardPrinter', supply: 'cardHopper', added: 1 },
          });
          expect(again).toMatchObject({ status: 200, body: { after: inHopper + 1 } });
        });
      } finally {
        await world.dispose();
      }
    },
    240_000,
  );
}

describe('a refill of a supply the device counts, cut off by a restart: finished at boot from its steps', () => {
  describe('journal on SQLite', () => scenariosOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('supply-act-restart-counting-device', (store) => scenariosOn(() => store));
  });
});
