/**
 * What field staff do with a withdrawal recovery could not decide (`recovery.needsStaff`): they
 * count the cash (cassettes, presenter, bins) and say whether the resident was paid. The verdict
 * is journaled with who gave it, notes still in the presenter go to the retract bin, the host's
 * hold is confirmed (paid) or reversed (not paid) under the transaction's idempotency key, and the
 * transaction is closed. The maintenance room offers it to a logged-in engineer.
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { HostService } from '../host/host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { journaledAct, recordDeviceCounters } from './journey-tools.js';

export type StaffVerdict = 'paid' | 'notPaid';

export interface StaffSettlementDeps {
  readonly journal: JournalService;
  readonly host: HostService;
  readonly dispenser: CashDispenserPort;
}

/** Returns what the host holds afterwards (0) and how the hold ended. */
export async function settleWithdrawalByStaff(
  deps: StaffSettlementDeps,
  transactionId: string,
  verdict: StaffVerdict,
  staffId: string,
): Promise<{ readonly hostStatus: string }> {
  const { journal, host, dispenser } = deps;
  const tx = (await journal.openTransactions()).find((t) => t.id === transactionId);
  if (!tx || tx.journey !== 'withdraw') {
    throw new KioskError(ErrorCode.SESSION_NOT_FOUND, 'No open withdrawal has this transaction number.', {
      transactionId,
    });
  }
  await journal.recordStep(transactionId, 'recovery.staffVerdict', 'event', { verdict, staff: staffId });
  if (dispenser.presenter().state !== 'empty') {
    await journaledAct(journal, transactionId, 'recovery.cash.retract', () => dispenser.retract());
    await recordDeviceCounters(journal, dispenser.status(), dispenser.cassettes());
  }
  const held = await host.withdrawalByKey(transactionId);
  let hostStatus = held?.status ?? 'unknown to the host';
  if (held && held.heldFen > 0) {
    const answer =
      verdict === 'paid'
        ? await journaledAct(journal, transactionId, 'recovery.withdrawal.confirm', () =>
            host.confirmWithdrawal(held.authorisationId, transactionId),
          )
        : await journaledAct(
            journal,
            transactionId,
            'recovery.withdrawal.reverse',
            () =>
              host.reverseWithdrawal(held.authorisationId, transactionId, {
                amountFen: held.heldFen,
                reason: 'dispenseFault',
              }),
            { amountFen: held.heldFen, reason: 'staffCounted' },
          );
    hostStatus = answer.status;
  }
  await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
  return { hostStatus };
}
