/** The withdrawal journey's contract: input, context, events, output and the actors it needs. */
import type { CashUnit, Fen, SpecialWithdrawalKind } from '@kiosk/domain';
import type { CodedError } from '../../coded-error.js';
import type { SessionDeadline } from '../../session/session.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';
import type { WithdrawalQuota, WithdrawalRules } from './withdrawal-rules.js';

export interface WithdrawalInput extends JourneyInputBase {
  readonly cardNumber: string;
  readonly idNumber: string;
  readonly rules: WithdrawalRules;
  /** false when the receipt printer has no paper: the resident is warned before choosing */
  readonly receiptAvailable: boolean;
  /**
   * Whether a receipt can be printed now (the printer's port answers at once): read again as the
   * amounts are offered, since the session's own printing (records, an earlier receipt) may have
   * used the paper up since `receiptAvailable` was read. Without it, `receiptAvailable` stands.
   */
  readonly receiptAvailableNow?: () => boolean;
  /** how long the cash waits at the slot before it is retracted (30 s) */
  readonly cashTakeMs: number;
  /**
   * The notes the dispenser holds now, less any reserve (its port answers at once, as `now` does
   * the time): read as the amounts are offered, since the kiosk's own dispenses and staff change
   * the counts read when the session began.
   */
  readonly cashUnits: () => readonly CashUnit[];
  /**
   * the dispenser's own bounds (`devices.cashDispenser`): the dispensing, presenting and
   * retracting steps wait for its answer, which comes within them; their backstop
   * (`cashActBackstopMs`) is derived from them
   */
  readonly dispenserBounds: DispenserBounds;
}

/** What the dispenser's driver bounds its acts by (the LCDM driver's answer times). */
export interface DispenserBounds {
  /** the answer time of a dispense; a retract refused busy waits up to this for the count */
  readonly dispenseTimeoutMs: number;
  /** the answer time of a short command (STATUS, PRESENT, RETRACT) */
  readonly responseTimeoutMs: number;
}

export interface WithdrawalContext extends WithdrawalInput {
  readonly quota?: WithdrawalQuota;
  /** the notes read as the amounts were offered: only amounts they make are offered and accepted */
  readonly cash?: readonly CashUnit[];
  readonly amountFen?: Fen;
  readonly transactionId?: string;
  /** notes counted out by the dispenser */
  readonly dispensedFen: Fen;
  /** notes the resident took */
  readonly paidFen: Fen;
  /** the notes were taken while their presentation was still being journaled */
  readonly takenWhilePresenting: boolean;
  readonly confirmed: boolean;
  readonly reversed: boolean;
  /** the cash may or may not have been taken: staff and the journal must settle it */
  readonly needsReconciliation: boolean;
  /** the withdrawal's record brought the card to its unprinted-records limit */
  readonly recordsPrintRequired?: boolean;
  /** set once the receipt step ended: true only when the printer printed the receipt */
  readonly receiptPrinted?: boolean;
  readonly error?: CodedError;
  readonly outcome?: JourneyOutcome;
  readonly deadline?: SessionDeadline;
}

export type { SpecialWithdrawalKind } from '@kiosk/domain';

export type WithdrawalEvent =
  | { readonly type: 'AMOUNT_CHOSEN'; readonly amountFen: Fen }
  | { readonly type: 'SPECIAL_WITHDRAWAL'; readonly kind: SpecialWithdrawalKind }
  /** the cash left the slot */
  | { readonly type: 'CASH_TAKEN' }
  /**
   * the cash left the slot while the dispenser was out of reach (its link down): taken, or drawn
   * in by the presenter on its own, which the dispenser cannot tell
   */
  | { readonly type: 'CASH_GONE_UNSEEN' }
  | { readonly type: 'FINISH' }
  | { readonly type: 'MORE_TIME' }
  /** honoured only before the host authorises: after that the journey runs to a safe end */
  | { readonly type: 'CANCEL' };

export interface WithdrawalOutput extends JourneyOutputBase {
  readonly amountFen?: Fen;
  readonly transactionId?: string;
  readonly paidFen: Fen;
  readonly confirmed: boolean;
  readonly reversed: boolean;
  readonly needsReconciliation: boolean;
  /** the printer printed the withdrawal's receipt (false: refused, no answer, or none possible) */
  readonly receiptPrinted: boolean;
  /** the withdrawal's record brought the card to its unprinted-records limit: print before next use */
  readonly recordsPrintRequired?: true;
}

export interface AccountInput {
  readonly sessionId: string;
  readonly cardNumber: string;
  readonly idNumber: string;
}

export interface TransactionInput {
  readonly sessionId: string;
  readonly transactionId: string;
}

/**
 * Provided by the daemon. The idempotency key of every money call is the daemon's (kiosk id +
 * transaction serial, journaled before the call); a replay must return the first answer.
 */
export interface WithdrawalActorContracts {
  readonly fetchWithdrawalQuota: { readonly input: AccountInput; readonly output: WithdrawalQuota };
  /** host authorises (holds) the amount; refusals: caps, INSUFFICIENT_BALANCE, ANOMALY_BLOCKED, ... */
  readonly authoriseWithdrawal: {
    readonly input: AccountInput & { readonly amountFen: Fen };
    readonly output: { readonly transactionId: string };
  };
  /** journal the authorised transaction before any note moves */
  readonly journalWithdrawal: {
    readonly input: TransactionInput & { readonly amountFen: Fen };
    readonly output: void;
  };
  /** count the notes into the stacker; resolves with what was counted (may be less on a fault) */
  readonly dispenseCash: {
    readonly input: TransactionInput & { readonly amountFen: Fen };
    readonly output: { readonly dispensedFen: Fen };
  };
  /** open the shutter: the notes wait at the slot */
  readonly presentCash: { readonly input: TransactionInput; readonly output: void };
  /** pull notes not taken into the retract bin */
  readonly retractCash: { readonly input: TransactionInput; readonly output: void };
  /**
   * settle at the host what was paid out; the rest of the hold is released (`confirmed`: false when
   * the host did not answer, the confirm left to the background tries). The card's log then takes
   * the withdrawal's record, answered or not: `recordsPrintRequired` when the card's count after it
   * is at its unprinted-records limit (the card refuses further use until its records are printed)
   */
  readonly confirmWithdrawal: {
    readonly input: TransactionInput & { readonly paidFen: Fen };
    readonly output: { readonly confirmed?: boolean; readonly recordsPrintRequired?: boolean } | void;
  };
  /** give back what was not paid out; without a transaction id, reverse by the idempotency key */
  readonly reverseWithdrawal: {
    readonly input: {
      readonly sessionId: string;
      readonly transactionId?: string;
      readonly amountFen: Fen;
      readonly reason: string;
    };
    readonly output: void;
  };
  readonly printWithdrawalReceipt: {
    readonly input: TransactionInput & { readonly paidFen: Fen };
    readonly output: void;
  };
}

export const WITHDRAWAL_ACTOR_NAMES = [
  'fetchWithdrawalQuota',
  'authoriseWithdrawal',
  'journalWithdrawal',
  'dispenseCash',
  'presentCash',
  'retractCash',
  'confirmWithdrawal',
  'reverseWithdrawal',
  'printWithdrawalReceipt',
] as const satisfies readonly (keyof WithdrawalActorContracts)[];
