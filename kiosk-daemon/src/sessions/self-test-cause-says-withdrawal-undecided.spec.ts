/**
 * The fault: boot recovery that could not decide a withdrawal (the host away or undecided, the
 * dispenser unable to say whether notes left) failed the self test with SESSION_INTERRUPTED, the
 * code the journal closes every interrupted transaction with: the staff screen and the fleet read
 * "Session interrupted", nothing of money perhaps owed nor of a withdrawal a supervisor must
 * settle. Now the self test's cause says what recovery left for staff (`undecided-for-staff.ts`):
 * WITHDRAWAL_UNDECIDED for a withdrawal (before anything else: money), CARD_MAKING_UNDECIDED for a
 * card making alone. The journal's closing code stays SESSION_INTERRUPTED (history).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { selfTestCauseOf } from '@kiosk/state-machines';
import { OLD_CARD_CAPTURE } from '../journeys/old-card-hand-in.js';
import { withdrawalSettlementWorld } from '../maintenance/withdrawal-staff-settlement.spec-support.js';
import { cardKiosk } from './card-kiosk.spec-support.js';
import { undecidedForStaff } from './undecided-for-staff.js';

/** The kiosk machine's `cause` of a self test whose recovery ended so ('passed' when it did not fail). */
const causeOf = (recovery: Promise<unknown>) => recovery.then(() => 'passed', selfTestCauseOf);

describe('the self test’s cause when recovery could not decide', () => {
  it('fault: a withdrawal whose notes nobody can place (host simulator, real journal): WITHDRAWAL_UNDECIDED, naming it, at every boot until a supervisor settles it', async () => {
    const w = await withdrawalSettlementWorld();
    try {
      const boot = w.daemon().recovery;
      await expect(boot.recoverUnfinished()).rejects.toMatchObject({
        code: ErrorCode.WITHDRAWAL_UNDECIDED,
        details: { transactions: w.tx, withdrawals: w.tx, cardMakings: '' },
      });
      expect(await causeOf(boot.recoverUnfinished())).toBe(ErrorCode.WITHDRAWAL_UNDECIDED);
      await boot.settleByStaff(w.tx, 'notPaid', 'FS-0002');
      expect(await causeOf(boot.recoverUnfinished())).toBe('passed');
    } finally {
      await w.close();
    }
  });

  it('fault: a card making whose handed-in card nobody can place: CARD_MAKING_UNDECIDED; settled by staff, the journal closes it SESSION_INTERRUPTED', async () => {
    const k = await cardKiosk();
    try {
      const tx = await k.journal.openTransaction('s1', 'replaceCard');
      await k.reader.insertCard('zhang');
      await k.journal.recordStep(tx, OLD_CARD_CAPTURE, 'intent', { chip: 'read' });
      await k.reader.retract(); // captured, but no count journaled to tell
      const recovery = k.recovery();
      await expect(recovery.recoverUnfinished()).rejects.toMatchObject({
        code: ErrorCode.CARD_MAKING_UNDECIDED,
        details: { transactions: tx, withdrawals: '', cardMakings: tx },
      });
      await recovery.settleOldCardByStaff(tx, 'inCaptureBin', 'E001');
      expect(await causeOf(recovery.recoverUnfinished())).toBe('passed');
      expect(await k.transactions('replaceCard')).toMatchObject([
        { id: tx, outcome: 'interrupted', errorCode: ErrorCode.SESSION_INTERRUPTED },
      ]);
    } finally {
      await k.close();
    }
  });

  it('fault: a withdrawal and a card making both left: WITHDRAWAL_UNDECIDED (money first), each named', () => {
    const error = undecidedForStaff(
      ['JZ-0001-000007', 'JZ-0001-000008', 'JZ-0001-000099'],
      ['JZ-0001-000008'],
    );
    expect(error.toJSON()).toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
      details: {
        transactions: 'JZ-0001-000007,JZ-0001-000008,JZ-0001-000099',
        withdrawals: 'JZ-0001-000007,JZ-0001-000099',
        cardMakings: 'JZ-0001-000008',
      },
    });
    expect(error.message).toMatch(/money may be owed/);
  });
});
