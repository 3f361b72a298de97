/**
 * A supervisor's verdict on a withdrawal left for staff, and what it does with the host's hold
 * (ADR 0010, ADR 0020's addendum on short retracts). Three verdicts:
 *
 * - `paid`: the resident took the notes presented. The hold is confirmed; after a retract that came
 *   back short with its count known (`reverseFirstOnPaid`), what it took back into the bin is given
 *   back first.
 * - `notPaid`: the resident took none. The whole hold is given back.
 * - `taken`, with `takenFen`: what the resident took, as staff counted it at the visit (the notes
 *   presented less those in the retract bin and the presenter). For a withdrawal whose retracted
 *   count the kiosk does not know (a short retract cut by a restart before its done, notes taken in
 *   part while the kiosk was down), where "paid" or "not paid" would make the resident or the fund
 *   lose the difference: the hold above `takenFen` is given back, the rest confirmed, as an ATM
 *   settles such a case at balancing by the amount counted.
 *
 * Both acts are read from the host's hold as it is now (`withdrawalByKey`, asked anew before each
 * try), so a give-back or confirm the host took before a restart is not made again, and each is
 * journaled first (intent, done) under an idempotency key of its own. One rule for the supervisor's
 * carrying out and for boot's (`decideWithdrawal` on a verdict journaled, `resumeWithdrawalVerdict`).
 */
import type { Cassette } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, MAX_NOTES_PER_DISPENSE, mixNotes } from '@kiosk/domain';
import type { WithdrawalReversal, WithdrawalView } from '@kiosk/host-simulator/contract';
import type { HostService } from '../host/host.service.js';
import type { StepDetail } from '../journal/journal.service.js';
import type { JournaledStep } from '../journal/step-detail.js';
import { paidOnPaid, presentedFenOf, reverseFirstOnPaid } from './retracted-notes.js';

export const STAFF_VERDICTS = ['paid', 'notPaid', 'taken'] as const;
/** A verdict as journaled (`recovery.staffVerdict`'s `verdict`). */
export type StaffVerdict = (typeof STAFF_VERDICTS)[number];

/** A verdict as a supervisor gives it: paid, not paid, or the amount the resident took (counted). */
export type WithdrawalVerdict = Exclude<StaffVerdict, 'taken'> | { readonly takenFen: number };

/** The verdict step's detail key for the amount counted taken. */
export const TAKEN_FEN = 'takenFen';
/** The idempotency key's act of the give-back above the amount taken. */
export const TAKEN_ACT = 'reverse-taken';
/** The idempotency key's act of a paid verdict's give-back of what a short retract took into the bin. */
export const SHORT_RETRACT_ACT = 'reverse-short';
/** The idempotency key's act of a not-paid verdict's give-back of all that is held. */
export const NOT_PAID_ACT = 'reverse-not-paid';

export const verdictKind = (verdict: WithdrawalVerdict): StaffVerdict =>
  typeof verdict === 'string' ? verdict : 'taken';

/** The verdict step's detail (with who gave it, added by the caller). */
export const verdictDetail = (verdict: WithdrawalVerdict): StepDetail =>
  typeof verdict === 'string' ? { verdict } : { verdict: 'taken', [TAKEN_FEN]: verdict.takenFen };

/** Whether two verdicts are the same (a `taken` one: of the same amount). */
export const sameVerdict = (a: WithdrawalVerdict, b: WithdrawalVerdict): boolean =>
  typeof a === 'string' || typeof b === 'string' ? a === b : a.takenFen === b.takenFen;

/** How a part of the hold is given back: the host's reason (its anomaly rules read it) and the journal's. */
export interface GiveBack {
  readonly amountFen: number;
  readonly reason: Exclude<WithdrawalReversal['reason'], 'timeout'>;
  readonly journaled: string;
  /**
   * the act's name in its idempotency key at the host (`HostService.reverseWithdrawal`): each
   * verdict's give-back has one of its own (`reverse-taken`, `reverse-short` after a short retract,
   * `reverse-not-paid`), never the key of an earlier reversal of the same amount under the serial
   * (a partial dispense's), which the host would refuse as reused (another body) or replay (the
   * same: nothing moves, the first answer told again). The amount in the key is read from the hold as the host holds it: a restart between the
   * intent and the done sends the same key, or nothing once the host took it.
   */
  readonly act?: string;
}

/** What a verdict does with what the host holds now: what goes back first, then whether the rest is confirmed. */
export interface VerdictActs {
  readonly giveBack?: GiveBack;
  readonly confirm: boolean;
  /** staff counted paid more than the host holds: only the hold is confirmed (the confirm's intent carries it) */
  readonly aboveHold?: AboveHold;
}

/**
 * What staff counted the resident paid (taken; paid: the notes presented less a short retract's),
 * the host's hold, and the difference: cash out of the kiosk nobody charges. The host confirms at
 * most what it holds (nothing paid twice); the difference is the back office's to reconcile, so it
 * is journaled with the confirm's intent and told to the supervisor (`aboveHoldFen`).
 */
export interface AboveHold {
  readonly countedFen: number;
  readonly heldFen: number;
  readonly aboveHoldFen: number;
}

const aboveHoldOf = (countedFen: number | null, heldFen: number): AboveHold | undefined =>
  countedFen !== null && countedFen > heldFen
    ? { countedFen, heldFen, aboveHoldFen: countedFen - heldFen }
    : undefined;

/** What a partial count did not pay, given back before the confirm (the journey's, boot's). */
export const PARTIAL_DISPENSE = { reason: 'dispenseFault', journaled: 'partialDispense' } as const;

/**
 * A verdict's acts on `heldFen`, the host's hold as it is now. The notes a retract took back into
 * the bin, and the notes staff counted not taken, are given back as retracted (the host counts
 * retracted cash among its anomalies, ADR 0020's addendum): `retractShort` and `staffCountedTaken`
 * in the journal, whether staff's settlement or boot's carries the verdict out.
 */
export function verdictActs(
  verdict: WithdrawalVerdict,
  steps: readonly JournaledStep[],
  heldFen: number,
): VerdictActs {
  if (verdict === 'notPaid')
    return {
      giveBack: { ...giveBack(heldFen, 'dispenseFault', 'staffCounted'), act: NOT_PAID_ACT },
      confirm: false,
    };
  if (verdict === 'paid') {
    const back = reverseFirstOnPaid(steps, heldFen);
    const aboveHold = aboveHoldOf(paidOnPaid(steps), heldFen);
    return {
      ...(back > 0 && {
        giveBack: { ...giveBack(back, 'retracted', 'retractShort'), act: SHORT_RETRACT_ACT },
      }),
      confirm: true,
      ...(aboveHold && { aboveHold }),
    };
  }
  // the hold beyond what was taken goes back (none once given back before a restart); the rest is paid
  const back = Math.max(0, heldFen - verdict.takenFen);
  const aboveHold = aboveHoldOf(verdict.takenFen, heldFen);
  return {
    ...(back > 0 && { giveBack: { ...giveBack(back, 'retracted', 'staffCountedTaken'), act: TAKEN_ACT } }),
    confirm: back < heldFen,
    ...(aboveHold && { aboveHold }),
  };
}

/** Sends a give-back to the host under its own act's idempotency key (the plain reversal's where it names none). */
export function giveBackAtHost(
  host: Pick<HostService, 'reverseWithdrawal'>,
  authorisationId: string,
  transactionSerial: string,
  { amountFen, reason, act }: GiveBack,
): Promise<WithdrawalView> {
  const reversal = { amountFen, reason };
  return act === undefined
    ? host.reverseWithdrawal(authorisationId, transactionSerial, reversal)
    : host.reverseWithdrawal(authorisationId, transactionSerial, reversal, undefined, act);
}

const giveBack = (amountFen: number, reason: GiveBack['reason'], journaled: string): GiveBack => ({
  amountFen,
  reason,
  journaled,
});

/**
 * The amount staff counted taken, checked against what the kiosk can have paid before anything is
 * journaled: a whole number of fen from 0 to the notes presented (`presentedFenOf`), and an amount
 * the notes of the dispenser's denominations make (ADR 0021: the same exact note mix as the amounts
 * the kiosk offers). Else MAINTENANCE_SETTLEMENT_AMOUNT_INVALID, nothing journaled or moved.
 */
export function checkTakenFen(
  transactionId: string,
  takenFen: number,
  steps: readonly JournaledStep[],
  cassettes: readonly Cassette[],
): void {
  const refuse = (why: string) =>
    new KioskError(ErrorCode.MAINTENANCE_SETTLEMENT_AMOUNT_INVALID, `${why}: count the notes again.`, {
      transactionId,
      takenFen,
    });
  if (!Number.isSafeInteger(takenFen) || takenFen < 0)
    throw refuse('The amount taken is not a whole number of fen from 0 up');
  const presentedFen = presentedFenOf(steps);
  if (presentedFen === null)
    throw refuse('The journal does not say what was presented, so no amount taken can be checked');
  if (takenFen > presentedFen)
    throw new KioskError(
      ErrorCode.MAINTENANCE_SETTLEMENT_AMOUNT_INVALID,
      'More was counted taken than the notes presented made: count the notes again.',
      { transactionId, takenFen, presentedFen },
    );
  if (takenFen === 0) return;
  // every denomination the dispenser holds, as many notes as one dispense counts
  const units = [...new Set(cassettes.map((c) => c.denominationFen))].map((denominationFen) => ({
    denominationFen,
    count: MAX_NOTES_PER_DISPENSE,
  }));
  if (!mixNotes(takenFen, units).ok) throw refuse('No notes of this kiosk make the amount taken');
}
