/**
 * Two staff refills left for staff in one visit (ADR 0022), end to end: the built daemon with the
 * card printer's byte-level emulator set to answer nothing (`noAnswer`, through the demo panel's
 * control), an engineer refilling its card hopper and its ribbon at once. Past `timeouts.supplyActMs`
 * both are refused MAINTENANCE_SUPPLY_ACT_TIMEOUT naming the visit's transaction, each with its own
 * `recovery.needsStaff`; the staff screen's list shows both; an answer naming only the visit is
 * MAINTENANCE_SUPPLY_ACT_AMBIGUOUS; each is answered by its device and supply, and the transaction
 * closes with the last one, its `maintenance_supply` entries what staff said. On SQLite and
 * PostgreSQL. Needs `npx tsc -b` and the daemon bundle.
 */
import { onPostgres, sqliteStore, type JournalStore, storeForSuite } from './kill-harness-store.js';
import { KIOSKS, openWorld, WAIT_MS, type LiveWorld } from './kill-harness-world.js';
import { DEMO_ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { cutOff } from './supply-act-restart-kiosk.js';
import { boot } from './uncounted-bin-kiosk.js';

/** how long the daemon waits for a device's answer to a refill (`timeouts.supplyActMs`) */
const BOUND_MS = 2_000;
const HOPPER = { device: 'cardPrinter', supply: 'cardHopper' } as const;
const RIBBON = { device: 'cardPrinter', supply: 'ribbon' } as const;

async function transactionStatus(world: LiveWorld, id: string): Promise<string | undefined> {
  const [row] = await world.journal.all<{ status: string }>(
    `SELECT "status" FROM "journal_transaction" WHERE "id" = $1`,
    id,
  );
  return row?.status;
}

async function needsStaff(world: LiveWorld, id: string): Promise<unknown[]> {
  const rows = await world.journal.all<{ detail: string }>(
    `SELECT "detail" FROM "journal_step" WHERE "transactionId" = $1 AND "step" = 'recovery.needsStaff' ORDER BY "seq"`,
    id,
  );
  return rows
    .map((r) => JSON.parse(r.detail) as unknown)
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function twoRefillsOn(store: () => JournalStore): void {
  const opened = storeForSuite(store);

  it('two refills left for staff in one visit: both shown, both answered by name, the visit closing with the last', async () => {
    const world = await openWorld(opened(), KIOSKS[0], 'wang', ['--set', `timeouts.supplyActMs=${BOUND_MS}`]);
    try {
      const { daemon, ui } = await boot(world);
      try {
        await ui.waitForKiosk((k) => k.mode === 'inService', WAIT_MS);
        const token = ((await staffLogIn(ui.url, ui, DEMO_ENGINEER)).body as { token: string }).token;
        const call = (method: string, path: string, body?: unknown) =>
          maintenanceCall(ui.url, method, path, { token, body });
        // the printer hangs: it takes every frame and answers none
        expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'noAnswer' })).toEqual({
          ok: true,
        });
        const refused = await Promise.all([
          call('POST', '/maintenance/refill', { ...HOPPER, added: 10 }),
          call('POST', '/maintenance/refill', { ...RIBBON, added: 300 }),
        ]);
        for (const answer of refused)
          expect(answer).toMatchObject({ status: 504, body: { code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT' } });
        const visit = (refused[0]!.body as { details: { unsettledTransactionId: string } }).details
          .unsettledTransactionId;
        expect(refused[1]!.body.details.unsettledTransactionId).toBe(visit);

        // both on the staff screen, each on its own row
        const rows = (await cutOff(ui, token)).map((r) => [r.transactionId, r.device, r.supply, r.quantity]);
        expect(rows.sort()).toEqual([
          [visit, HOPPER.device, HOPPER.supply, 10],
          [visit, RIBBON.device, RIBBON.supply, 300],
        ]);
        const view = await call('GET', '/maintenance/view');
        expect((view.body.pendingSupplyActs as unknown[]).length).toBe(2);
        expect(await needsStaff(world, visit)).toEqual([
          expect.objectContaining({ ...HOPPER, quantity: 10, noAnswerMs: BOUND_MS }),
          expect.objectContaining({ ...RIBBON, quantity: 300, noAnswerMs: BOUND_MS }),
        ]);

        // the visit alone cannot tell which
        expect(
          await call('POST', '/maintenance/settle-supply-act', { transactionId: visit, verdict: 'done' }),
        ).toMatchObject({ status: 409, body: { code: 'MAINTENANCE_SUPPLY_ACT_AMBIGUOUS' } });
        // the blanks are in: answered by name, the ribbon still left, the visit open for it
        expect(
          await call('POST', '/maintenance/settle-supply-act', {
            transactionId: visit,
            ...HOPPER,
            verdict: 'done',
          }),
        ).toMatchObject({ status: 200, body: { ...HOPPER, verdict: 'done' } });
        expect((await cutOff(ui, token)).map((r) => r.supply)).toEqual([RIBBON.supply]);
        expect(await transactionStatus(world, visit)).toBe('open');
        // the ribbon was not changed: the last answer closes the visit's transaction
        expect(
          await call('POST', '/maintenance/settle-supply-act', {
            transactionId: visit,
            ...RIBBON,
            verdict: 'notDone',
          }),
        ).toMatchObject({ status: 200, body: { ...RIBBON, verdict: 'notDone' } });
        expect(await cutOff(ui, token)).toEqual([]);
        expect(await transactionStatus(world, visit)).toBe('closed');
        const entries = await world.journal.all<{ supply: string; quantity: number }>(
          `SELECT "supply", "quantity" FROM "maintenance_supply" WHERE "transactionId" = $1 ORDER BY "id"`,
          visit,
        );
        expect(entries).toEqual([
          { supply: HOPPER.supply, quantity: 10 },
          { supply: RIBBON.supply, quantity: 0 },
        ]);

        expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: null })).toEqual({ ok: true });
        expect((await call('POST', '/maintenance/logout')).status).toBe(204);
      } finally {
        ui.close();
        expect(await daemon.stop()).toBe(0);
      }
    } finally {
      await world.dispose();
    }
  }, 180_000);
}

describe('two supply acts left for staff in one visit (the card printer answering nothing)', () => {
  describe('journal on SQLite', () => twoRefillsOn(sqliteStore));
  describe('journal on PostgreSQL', () => {
    onPostgres('supply-acts-left-in-one-visit', (store) => twoRefillsOn(() => store));
  });
});
