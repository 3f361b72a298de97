/**
 * Fault: the power goes right after a supervisor's verdict on an undecided card making is
 * journaled, before the office hears it (`journal.crashAt=after:recovery.staffVerdict:event`).
 * The next boot carries the verdict through as given: the office is told the card was issued, the
 * transaction closed, and the kiosk goes back in service by itself; recovery does not decide the
 * card again, nor leave it for staff a second time. Real daemons on one SQLite journal, the host
 * simulator in its own process (the application outlives the daemons).
 */
import {
  bootInService,
  startRecoveryWorld,
  transactionStatus,
  transactionSteps,
  verdictCutShort,
  type RecoveryWorld,
} from './recovery-world.js';
import { killDuringRetractWithCardGone } from './undecided-card-making.js';

describe('a card-making verdict cut short by a power loss', () => {
  let world: RecoveryWorld;

  beforeAll(async () => {
    world = await startRecoveryWorld({ dirPrefix: 'kiosk-card-verdict-', cards: true });
  }, 30_000);

  afterAll(async () => {
    await world?.dispose();
  });

  it('the next boot tells the office the verdict given (issued), closes it and goes back in service without staff', async () => {
    const { transactionId, later } = await killDuringRetractWithCardGone(world.dir, world.args, 'taken');
    // the next boots on the printer that does not count its bin
    const back = { ...world, args: later };

    // the supervisor says the resident took it; the power goes once that is journaled
    await verdictCutShort(back, async () => ({
      path: '/maintenance/settle-card-making',
      body: { transactionId, card: 'taken' },
    }));
    const cut = transactionSteps(world.dir, transactionId);
    expect(cut.filter((s) => s === 'recovery.staffVerdict:event')).toHaveLength(1);
    expect(cut).not.toContain('recovery.host.issued:intent');

    const third = await bootInService(back, 15_000);
    try {
      expect(third.kiosk.journeysOffered).toContain('issueCard');
      const settled = transactionSteps(world.dir, transactionId);
      expect(settled.filter((s) => s === 'recovery.needsStaff:event')).toHaveLength(1);
      expect(settled.filter((s) => s === 'recovery.staffVerdict:event')).toHaveLength(1);
      expect(settled.filter((s) => s === 'recovery.staffCounted:event')).toHaveLength(1);
      expect(settled.filter((s) => s === 'recovery.host.issued:done')).toHaveLength(1);
      expect(transactionStatus(world.dir, transactionId)).toEqual([{ status: 'closed' }]);
    } finally {
      expect(await third.daemon.stop()).toBe(0);
    }
  }, 180_000);
});
