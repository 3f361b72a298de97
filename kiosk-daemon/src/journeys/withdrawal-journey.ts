import type { KioskConfig } from '@kiosk/config';
import { withdrawalReceipt, type CashDispenserPort, type ReceiptPrinterPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { withdrawalMachine, type WithdrawalMachine } from '@kiosk/state-machines';
import { fromPromise } from 'xstate';
import type { HostService } from '../host/host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { cardAtPrintLimit, logWithdrawalOnCard, type CardLogDeps } from './card-log-write.js';
import { assertIdCardAtAct, ID_CARD_CHECKED, type IdCardReader } from './id-card-at-act.js';
import { receiptContextFor } from './journey-tools.js';
import type { NotesLeftOwedSteps } from './notes-left-owed.js';
import { afterOwedPinOutcomes, PIN_OUTCOMES_OWED_STEP } from './owed-pin-outcomes.js';
import type { WithdrawalHoldRelease } from './withdrawal-hold-release.js';
import { confirmAtHost, reverseAtHost, type HostSettlementDeps } from './withdrawal-host-settlement.js';
import { ScopeKey, type ScopeOf } from './session-scope.js';
import type { NotesAtSlot } from './retracted-notes.js';
import { dispenserCounts, retractNotTaken, retractUnknownDispense } from './withdrawal-retract.js';

export interface WithdrawalJourneyDeps {
  readonly host: HostService;
  readonly dispenser: CashDispenserPort;
  readonly printer: ReceiptPrinterPort;
  readonly config: KioskConfig;
  /** releases a hold whose authorisation's answer was not read (timed out, unknown status) */
  readonly holdRelease: Pick<WithdrawalHoldRelease, 'releaseUnreadAuthorisation'>;
  /**
   * tries a reversal or confirm the host did not answer again in the background; the card's PIN
   * outcomes owed to the host drained there first, before the limits and the authorisation
   */
  readonly retries: HostSettlementDeps['retries'] & Pick<JournaledHostRetries, 'drained'>;
  /** the ID card the identification checked is asked after before the authorisation (ADR 0019) */
  readonly idReader?: IdCardReader;
  /** the card's log takes the withdrawal's record (`card-log-write.ts`); absent: none is written */
  readonly cardReader?: CardLogDeps['cardReader'];
  /** told the serial of a withdrawal whose notes a failed retract left in the presenter (journaled) */
  readonly notesLeft?: (serial: string) => void;
  /** the daemon's owed notes-left steps (`notes-left-owed.ts`): held back by, and owing, one; absent: none */
  readonly notesLeftOwed?: Pick<NotesLeftOwedSteps, 'owed' | 'journalLater'>;
}

export { reversalReason } from './withdrawal-host-settlement.js';
export { dispenserCounts } from './withdrawal-retract.js';

/**
 * What a withdrawal in progress knows between its actors: the hold, the balance after it, and the
 * notes the dispense counted into the presenter (what its retract is to take back).
 */
const WITHDRAWAL_AMOUNTS = new ScopeKey('withdrawalAmounts', () => ({
  balanceAfterFen: undefined as number | undefined,
  authorisedFen: 0,
  atSlot: undefined as NotesAtSlot | undefined,
}));

/**
 * The withdrawal's side effects, in the order of the domain rules: authorise at the host (the
 * journal serial is the idempotency key) → journal → dispense → present → taken or retracted →
 * confirm or reverse → receipt. Every act on money or notes is journaled before and after. The
 * serial is the journey's own journal transaction: a second withdrawal in the session has another.
 */
export function provideWithdrawalJourney(deps: WithdrawalJourneyDeps, scopeOf: ScopeOf): WithdrawalMachine {
  return withdrawalMachine.provide({
    actors: {
      fetchWithdrawalQuota: fromPromise(async ({ input, signal, system }) => {
        // a new withdrawal (the first actor it runs): nothing carried over from one before it
        const amounts = scopeOf(system).get(WITHDRAWAL_AMOUNTS);
        amounts.balanceAfterFen = undefined;
        amounts.authorisedFen = 0;
        amounts.atSlot = undefined;
        // notes left in the presenter (a retract that failed, for staff): every dispense would be
        // refused, so the withdrawal is refused before the host is asked or holds anything
        // as while the journal has not yet taken the notes an earlier one left (`notes-left-owed.ts`)
        if (deps.dispenser.presenter().state !== 'empty' || deps.notesLeftOwed?.owed() === true) {
          throw new KioskError(
            ErrorCode.DEVICE_BUSY,
            'The cash dispenser holds notes for field staff; no cash can be paid out now and nothing was taken from your account.',
          );
        }
        // the host counts the wrong PINs just typed before it answers (ADR 0006, owed-pin-outcomes.ts)
        await afterOwedPinOutcomes(
          deps.retries,
          input.cardNumber,
          deps.config.host.timeoutMs,
          signal,
          (refusal) => scopeOf(system).tools.step(PIN_OUTCOMES_OWED_STEP, { ...refusal }),
          'limits',
        );
        const limits = await deps.host.limits(input.cardNumber, input.idNumber, signal);
        if (limits.withdrawalsBlocked) {
          throw new KioskError(
            ErrorCode.ANOMALY_BLOCKED,
            'Withdrawals on this card are held; please go to a counter.',
          );
        }
        return {
          balanceFen: limits.balanceFen,
          withdrawnTodayFen: limits.usedTodayFen,
          withdrawalsToday: limits.countToday,
          // where the host is stricter than this kiosk's caps, the kiosk offers no more than it
          hostCaps: {
            singleMaxFen: limits.singleCapFen,
            dailyMaxFen: limits.dailyCapFen,
            dailyCountMax: limits.dailyCount,
          },
        };
      }),

      authoriseWithdrawal: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        const amounts = scopeOf(system).get(WITHDRAWAL_AMOUNTS);
        // the card's PIN outcomes owed answered first, then the ID card looked at just before the hold
        await afterOwedPinOutcomes(
          deps.retries,
          input.cardNumber,
          deps.config.host.timeoutMs,
          signal,
          (refusal) => tools.step(PIN_OUTCOMES_OWED_STEP, { ...refusal }),
          'authorisation',
        );
        // the ID card checked (this session's identification) is the one on the reader, or none
        // is: another person's laid there since, however quickly, is refused before any hold
        const checked = scopeOf(system).get(ID_CARD_CHECKED).idNumber;
        if (deps.idReader && checked !== null) {
          const act = { sessionId: input.sessionId, idNumber: checked, mustLie: false };
          await assertIdCardAtAct(deps.idReader, act, signal);
        }
        const view = await tools.irreversible(
          'withdrawal.authorise',
          () =>
            deps.host.authoriseWithdrawal(
              {
                cardNumber: input.cardNumber,
                idNumber: input.idNumber,
                amountFen: input.amountFen,
                transactionSerial: tools.transactionId,
              },
              signal,
            ),
          { amountFen: input.amountFen },
        );
        amounts.balanceAfterFen = view.balanceAfterFen;
        amounts.authorisedFen = input.amountFen;
        return { transactionId: view.authorisationId };
      }),

      journalWithdrawal: fromPromise(({ input, system }) =>
        scopeOf(system).tools.step('withdrawal.authorised', {
          authorisationId: input.transactionId,
          amountFen: input.amountFen,
        }),
      ),

      dispenseCash: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        // the last counters record before the intent: the staff's "before the withdrawal" is read
        // up to it, never from a record written as the notes move (even in the intent's millisecond)
        const countersRecord = await tools.lastCountersRecord?.();
        const result = await tools
          .irreversible(
            'cash.dispense',
            () => deps.dispenser.dispense(input.amountFen, signal),
            // the dispenser's own counts before a note moves: recovery compares them with its counts
            // after a crash to tell "nothing moved" from "notes left the cassettes"
            {
              amountFen: input.amountFen,
              ...dispenserCounts(deps.dispenser),
              ...(countersRecord === undefined ? {} : { countersRecordBefore: countersRecord }),
            },
          )
          .catch(async (error: unknown) => {
            if (KioskError.is(error) && error.details['outcomeUnknown'] === true) {
              await retractUnknownDispense(deps, tools, error);
            }
            throw error;
          });
        await tools.counters?.(deps.dispenser.status(), deps.dispenser.cassettes());
        const atSlotNotes = result.notes.reduce((sum, n) => sum + n.count, 0);
        scopeOf(system).get(WITHDRAWAL_AMOUNTS).atSlot = { atSlotFen: result.amountFen, atSlotNotes };
        if (result.result === 'partial') {
          // a fault stopped the count: what was counted waits in the presenter, the rest is reversed
          await tools.step('cash.partial', { code: result.code, countedFen: result.amountFen });
        }
        return { dispensedFen: result.amountFen };
      }),

      presentCash: fromPromise(async ({ signal, system }) => {
        const { tools } = scopeOf(system);
        await tools.irreversible('cash.present', () => deps.dispenser.present(signal));
      }),

      retractCash: fromPromise(async ({ signal, system }) => {
        // a retract that fails leaves the notes for staff and for the dispenser's comeback; one
        // that takes back fewer notes than were dispensed leaves the withdrawal for staff
        const { atSlot } = scopeOf(system).get(WITHDRAWAL_AMOUNTS);
        await retractNotTaken(deps, scopeOf(system).tools, signal, atSlot);
      }),

      confirmWithdrawal: fromPromise(async ({ input, signal, system }) => {
        const scope = scopeOf(system);
        const { tools } = scope;
        const amounts = scope.get(WITHDRAWAL_AMOUNTS);
        // the resident took the notes: from here on the money is paid out, whatever happens next
        await tools.step('cash.taken', { paidFen: input.paidFen });
        // a partial dispense: the host's confirm settles the whole hold, so what was not paid out
        // goes back first. The host not answering: both tried again in the background
        const unpaidFen = amounts.authorisedFen - input.paidFen;
        const { transactionId, paidFen } = input;
        let confirmed = true;
        try {
          const view = await confirmAtHost(deps, tools, transactionId, paidFen, unpaidFen, signal);
          amounts.balanceAfterFen = view.balanceAfterFen;
        } catch {
          // not answered in the session: the confirm is owed to the background tries (journaled by
          // confirmAtHost); the money is paid all the same, and the card still takes its record
          confirmed = false;
        }
        // paid, the confirm sent (answered or owed): the card's log takes its record, once (ADR 0026)
        await logWithdrawalOnCard(deps, scope, tools, paidFen, signal);
        // the card's count after the record, not the host's answer, says whether it is at its limit:
        // the resident is told at "anything else?" and as the session ends
        return { confirmed, ...(cardAtPrintLimit(deps, scope) ? { recordsPrintRequired: true } : {}) };
      }),

      reverseWithdrawal: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        const amounts = scopeOf(system).get(WITHDRAWAL_AMOUNTS);
        if (!input.transactionId) {
          // the authorisation's answer was not read (timed out, unknown status): the host may hold
          // the money all the same. Released now by the serial, not at the next boot; a host that
          // does not answer is tried again in the background (withdrawal-hold-release.ts)
          const released = await deps.holdRelease.releaseUnreadAuthorisation(
            tools.transactionId,
            input.amountFen,
            input.reason,
          );
          if (!released) throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The hold is released later.');
          return;
        }
        // the host not answering: the same reversal is tried again in the background
        const view = await reverseAtHost(
          deps,
          tools,
          input.transactionId,
          input.amountFen,
          input.reason,
          signal,
        );
        amounts.balanceAfterFen = view.balanceAfterFen;
      }),

      printWithdrawalReceipt: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        const amounts = scopeOf(system).get(WITHDRAWAL_AMOUNTS);
        const card = tools.card();
        // no card read left in the session (released): no holder for the receipt, none printed,
        // journaled as the print's failure so the machine says no receipt (not a skip taken as printed)
        const print = async () => {
          if (!card) {
            throw new KioskError(
              ErrorCode.RECEIPT_INVALID,
              'The receipt has no card holder: none was printed.',
            );
          }
          const receipt = withdrawalReceipt(receiptContextFor(deps.config, tools), {
            holder: { name: card.name, cardNumber: card.cardNumber },
            amountFen: input.paidFen,
            balanceAfterFen: amounts.balanceAfterFen ?? 0,
          });
          await deps.printer.print(receipt, signal);
        };
        await tools.irreversible('receipt.print', print, { kind: 'withdrawal' });
      }),
    },
  });
}
