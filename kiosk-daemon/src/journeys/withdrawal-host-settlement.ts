/**
 * The withdrawal journey's reversal and confirm at the host. A try the host does not answer (down,
 * timed out, 5xx) is journaled failed as before and handed to the background tries of
 * `JournaledHostRetries.retryLater`: the same act, under the same idempotency key, is sent again
 * until the host answers, then journaled done. The resident's money is given back (reversal) or
 * the host learns the withdrawal was paid (confirm) without waiting for the next boot; a confirm
 * stays a confirm and a reversal a reversal: one handed over while the other is tried under the
 * serial is refused there (`settles`, journaled WITHDRAWAL_ALREADY_SETTLED). A restart before the
 * host answered leaves it to the boot sweep of held withdrawals (`withdrawal-boot-settlement.ts`),
 * which decides from the journal as before and skips what is still tried in the background.
 */
import { ErrorCode } from '@kiosk/domain';
import type { WithdrawalReversal, WithdrawalView } from '@kiosk/host-simulator/contract';
import type { HostService } from '../host/host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { StepDetail } from '../journal/journal.service.js';
import type { JourneyTools } from './journey-tools.js';

export interface HostSettlementDeps {
  readonly host: HostService;
  /** the background tries of host acts (the daemon's one provider) */
  readonly retries: Pick<JournaledHostRetries, 'retryLater'>;
}

/** Why a hold is given back, in the host's words, from the coded reason the machine gives. */
export function reversalReason(code: string): WithdrawalReversal['reason'] {
  if (code.includes('RETRACT') || code.includes('NOT_TAKEN')) return 'retracted';
  if (code.startsWith('DEVICE_') || code.startsWith('CASH_')) return 'dispenseFault';
  if (code === ErrorCode.SESSION_TIMED_OUT) return 'timeout';
  return 'cancelled';
}

const doneDetail = (view: WithdrawalView): StepDetail => ({
  hostStatus: view.status,
  balanceAfterFen: view.balanceAfterFen,
});

/** Gives `amountFen` of the hold back for the machine's coded `reason` (a retraction, a dispense fault, a cancel). */
export async function reverseAtHost(
  deps: HostSettlementDeps,
  tools: JourneyTools,
  authorisationId: string,
  amountFen: number,
  reason: string,
  signal?: AbortSignal,
): Promise<WithdrawalView> {
  const serial = tools.transactionId;
  const reversal = { amountFen, reason: reversalReason(reason) };
  const send = (s?: AbortSignal) => deps.host.reverseWithdrawal(authorisationId, serial, reversal, s);
  try {
    return await tools.irreversible('withdrawal.reverse', () => send(signal), { amountFen, reason });
  } catch (error) {
    await deps.retries.retryLater(serial, error, {
      step: 'withdrawal.reverse',
      settles: 'givenBack',
      send: async () => doneDetail(await send()),
    });
    throw error;
  }
}

/**
 * The resident took `paidFen`: what a partial count did not pay (`unpaidFen`) goes back first,
 * then the host pays the rest out. In the background both are sent again (the reversal replayed by
 * the host where it went through), journaled as the confirm's done.
 */
export async function confirmAtHost(
  deps: HostSettlementDeps,
  tools: JourneyTools,
  authorisationId: string,
  paidFen: number,
  unpaidFen: number,
  signal?: AbortSignal,
): Promise<WithdrawalView> {
  const serial = tools.transactionId;
  const reverseFirst = (s?: AbortSignal) =>
    deps.host.reverseWithdrawal(
      authorisationId,
      serial,
      { amountFen: unpaidFen, reason: 'dispenseFault' },
      s,
    );
  const confirm = (s?: AbortSignal) => deps.host.confirmWithdrawal(authorisationId, serial, s);
  let confirmJournaled = false;
  try {
    if (unpaidFen > 0) {
      await tools.irreversible('withdrawal.reverse', () => reverseFirst(signal), {
        amountFen: unpaidFen,
        reason: 'partialDispense',
      });
    }
    confirmJournaled = true;
    return await tools.irreversible('withdrawal.confirm', () => confirm(signal), { paidFen });
  } catch (error) {
    await deps.retries.retryLater(serial, error, {
      step: 'withdrawal.confirm',
      settles: 'paid',
      // journal first: a confirm the journey never reached is journaled before it is sent
      intent: confirmJournaled ? undefined : { paidFen },
      send: async () => {
        if (unpaidFen > 0) await reverseFirst();
        return { ...doneDetail(await confirm()), reversedFirstFen: unpaidFen };
      },
    });
    throw error;
  }
}
