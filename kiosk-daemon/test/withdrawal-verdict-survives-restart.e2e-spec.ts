/**
 * Fault: the power goes right after a supervisor's verdict on an undecided withdrawal is journaled,
 * before the host hears it (`journal.crashAt=after:recovery.staffVerdict:event`). The next boot
 * carries the verdict through as given: the hold is confirmed at the host once (the resident was
 * paid), the transaction closed, and the kiosk goes back in service by itself; recovery does not
 * decide the withdrawal again (it could not: two notes are still missing), nor leave it for staff a
 * second time. Real daemons on one SQLite journal, the host simulator in its own process (it
 * outlives the daemons).
 */
import { maintenanceCall } from './maintenance-client.js';
import {
  KIOSK_ID,
  KIOSK_KEY,
  bootInService,
  startRecoveryWorld,
  transactionStatus,
  transactionSteps,
  verdictCutShort,
  type RecoveryWorld,
} from './recovery-world.js';
import { killDuringDispenseWithNotesMissing } from './undecided-withdrawal.js';

describe('a withdrawal verdict cut short by a power loss', () => {
  let world: RecoveryWorld;

  beforeAll(async () => {
    world = await startRecoveryWorld({ dirPrefix: 'kiosk-withdrawal-verdict-' });
  }, 30_000);

  afterAll(async () => {
    await world?.dispose();
  });

  const count = (all: string[], step: string) => all.filter((s) => s === step).length;

  const atHost = (transactionId: string) =>
    world.host
      .as(KIOSK_ID, KIOSK_KEY)
      .request<{ withdrawals: { status: string; heldFen: number }[] }>(
        'GET',
        `/v1/withdrawals?transactionSerial=${transactionId}`,
      )
      .then((r) => r.withdrawals.map((w) => [w.status, w.heldFen]));

  it('the next boot confirms the verdict given (paid) at the host once, closes it and goes back in service without staff', async () => {
    await killDuringDispenseWithNotesMissing(world.dir, world.args);

    // the supervisor counted the cash and says the resident was paid; the power goes once that is journaled
    let transactionId = '';
    await verdictCutShort(world, async (url, token) => {
      const view = await maintenanceCall(url, 'GET', '/maintenance/view', { token });
      expect(view.body.pendingSettlements).toMatchObject([{ verdict: null }]);
      transactionId = view.body.pendingSettlements[0].transactionId as string;
      return { path: '/maintenance/settle-withdrawal', body: { transactionId, verdict: 'paid' } };
    });
    const cut = transactionSteps(world.dir, transactionId);
    expect(count(cut, 'recovery.staffVerdict:event')).toBe(1);
    expect(cut).not.toContain('recovery.withdrawal.confirm:intent');
    expect(await atHost(transactionId)).toEqual([['authorised', 20_000]]);

    const third = await bootInService(world, 15_000);
    try {
      expect(third.kiosk.journeysOffered).toContain('withdraw');
      const settled = transactionSteps(world.dir, transactionId);
      // decided once (undecided, by the second daemon's boot), then only carried through as given
      expect(count(settled, 'recovery.withdrawal:event')).toBe(1);
      expect(count(settled, 'recovery.needsStaff:event')).toBe(1);
      expect(count(settled, 'recovery.staffVerdict:event')).toBe(1);
      expect(count(settled, 'recovery.withdrawal.confirm:intent')).toBe(1);
      expect(count(settled, 'recovery.withdrawal.confirm:done')).toBe(1);
      expect(settled).not.toContain('recovery.withdrawal.reverse:intent');
      expect(await atHost(transactionId)).toEqual([['confirmed', 0]]);
      expect(transactionStatus(world.dir, transactionId)).toEqual([{ status: 'closed' }]);
    } finally {
      expect(await third.daemon.stop()).toBe(0);
    }
  }, 180_000);
});
