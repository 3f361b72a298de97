/**
 * The fault: a withdrawal boot recovery left undecided for the dispenser's silence is settled once
 * the dispenser answers again (`dispenser-back-settlement.ts`, ADR 0020): its hold reversed at the
 * host, then the journal refuses its close. Nothing looked at it again while the kiosk ran (a
 * journal fault is no dispenser's, no comeback follows), and a pass that did look skipped one whose
 * notes a journey had left in the presenter (no longer waiting for the dispenser, still open): the
 * decided withdrawal stayed open and undecided, the kiosk held out of service and the staff screen
 * showing money owed that is not, until the next boot. Now the pass says it settled but unclosed,
 * it still waits, the watch tries again with the reopen's backoff, and the next pass closes it from
 * the journal alone (the host not asked again, nothing decided twice); a restart meanwhile closes it
 * at boot from the host's state by key. Never a second reversal.
 *
 * The real journal (SQLite in memory, refusing the close by a trigger, as the store refuses a write
 * it cannot make), the embedded host simulator, the dispenser emulator, recovery and the watch.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { CASH_LEFT_IN_PRESENTER } from '../journeys/withdrawal-retract.js';
import { withdrawalWorld } from '../journeys/withdrawal-settlement.spec-support.js';
import { DISPENSER_BACK_STEP } from './dispenser-back-settlement.js';
import {
  leftForTheDispenser,
  restartAfterTheRefusal,
  watchTriesAgainUntilClosed,
} from './dispenser-back.spec-support.js';
import { dispenserOnlyDevices } from './recovery-devices.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';

const REFUSE_CLOSE = `CREATE TRIGGER refuse BEFORE UPDATE OF "status" ON "journal_transaction"
  BEGIN SELECT RAISE(ABORT, 'no space'); END`;

describe('dispenser-back-settled-close-refused', () => {
  it('fault: the journal refuses the close after the host settled: still waiting and said unclosed; the next pass closes it from the journal, the host not asked again', async () => {
    const { w, recovery, isOpen, count } = await leftForTheDispenser();
    await w.db.query(REFUSE_CLOSE);
    await expect(recovery.settleWhenTheDispenserIsBack()).resolves.toEqual({
      leftForStaff: 1,
      stillWaiting: 0,
      failed: [],
      unclosed: 1,
    });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
    expect(await isOpen()).toBe(true);
    expect(recovery.waitsForTheDispenser).toBe(true);
    const decisions = await count('recovery.withdrawal:event');

    await w.db.query('DROP TRIGGER refuse');
    await expect(recovery.settleWhenTheDispenserIsBack()).resolves.toEqual({
      leftForStaff: 0,
      stillWaiting: 0,
      failed: [],
    });
    expect(await isOpen()).toBe(false);
    expect(recovery.waitsForTheDispenser).toBe(false);
    expect(await count('recovery.withdrawal:event')).toBe(decisions);
    expect(await count(`${DISPENSER_BACK_STEP}:event`)).toBe(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
  });

  it('fault: notes a journey left in the presenter, its transaction open, the close refused: the next pass closes it rather than skip it', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    await w.tools.step(CASH_LEFT_IN_PRESENTER, {
      forStaff: true,
      code: ErrorCode.DEVICE_TIMEOUT,
      presenter: 'presented',
    });
    const recovery = new SessionRecoveryService(dispenserOnlyDevices(w.dispenser), w.journal, w.host);
    await recovery.notesLeftInPresenter(w.tx);
    await w.db.query(REFUSE_CLOSE);
    await recovery.settleWhenTheDispenserIsBack();
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect((await w.journal.openTransactions()).map((t) => t.id)).toContain(w.tx);
    expect(recovery.waitsForTheDispenser).toBe(true);

    await w.db.query('DROP TRIGGER refuse');
    await recovery.settleWhenTheDispenserIsBack();
    expect((await w.journal.openTransactions()).map((t) => t.id)).not.toContain(w.tx);
    expect(recovery.waitsForTheDispenser).toBe(false);
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });

  it('fault: no comeback follows the refused close: the watch tries it again after the first interval and the kiosk is placed once it closes', async () => {
    const { w, recovery } = await leftForTheDispenser();
    await w.db.query(REFUSE_CLOSE);
    await watchTriesAgainUntilClosed(
      w,
      recovery,
      'recovery: the journal did not close the late settlement (JOURNAL_WRITE_FAILED): tried again in 20 ms (1 of 5)',
    );
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });

  it('a restart after the refused close: boot recovery closes it from the host by key, never a second reversal', async () => {
    await restartAfterTheRefusal(REFUSE_CLOSE);
  });
});
