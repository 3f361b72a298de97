/**
 * Fault: the host answers a withdrawal with a status this kiosk does not know (a newer back office
 * added one). The status is a closed list (ADR 0013): the host client refuses the answer with
 * HOST_UNKNOWN_WITHDRAWAL_STATUS, and the journey reads it as neither paid nor not paid. An
 * authorisation so answered may have held the money: no note moves, and the daemon releases the
 * hold at once, by background tries while the host is away (kiosk-daemon withdrawal-hold-release.ts;
 * a restart in between leaves it to recovery at boot); a confirmation so answered after the notes
 * were taken is never turned into a reversal: the notes were paid; recovery confirms a hold still
 * held, or flags it for staff.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { QUOTA, startWithdrawal } from '../../testing/withdrawal-harness.js';
import { reachDispensing } from './dispenser-waits.spec-support.js';

const unknownStatus = () =>
  new KioskError(
    ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS,
    'The back office answered with a state this kiosk does not know.',
  );

describe('unknown withdrawal status from the host', () => {
  it('dispenses nothing after an authorisation of unknown status and goes to reversal, with its own code', async () => {
    const h = startWithdrawal();
    h.fakes.fetchWithdrawalQuota.last.resolve(QUOTA);
    await waitFor(h.actor, (s) => s.matches('chooseAmount'));
    h.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: 30_000 });
    h.fakes.authoriseWithdrawal.last.reject(unknownStatus());
    await waitFor(h.actor, (s) => s.matches('reversing'));
    expect(h.fakes.reverseWithdrawal.last.input).toEqual({
      sessionId: 's-1',
      transactionId: undefined,
      amountFen: 30_000,
      reason: ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS,
    });
    h.fakes.reverseWithdrawal.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.fakes.dispenseCash.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS },
      paidFen: 0,
      confirmed: false,
    });
  });

  it('never reverses notes taken when the confirmation comes back with a status of unknown meaning', async () => {
    const h = startWithdrawal();
    await reachDispensing(h, 'tx-9');
    h.fakes.dispenseCash.last.resolve({ dispensedFen: 30_000 });
    await waitFor(h.actor, (s) => s.matches('presenting'));
    h.fakes.presentCash.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCash'));
    h.actor.send({ type: 'CASH_TAKEN' });
    await waitFor(h.actor, (s) => s.matches('confirming'));
    h.fakes.confirmWithdrawal.last.reject(unknownStatus());
    await waitFor(h.actor, (s) => s.matches('printingReceipt'));
    h.fakes.printWithdrawalReceipt.last.resolve();
    await waitFor(h.actor, (s) => s.matches('withdrawn'));
    h.actor.send({ type: 'FINISH' });
    expect(h.fakes.reverseWithdrawal.calls).toHaveLength(0);
    expect(h.actor.getSnapshot().output).toMatchObject({
      paidFen: 30_000,
      confirmed: false,
      reversed: false,
    });
  });
});
