/** The card-issuance journey's contract (new card or replacement, made on the spot). */
import type { Fen } from '@kiosk/domain';
import type { CodedError } from '../../coded-error.js';
import type { SessionDeadline } from '../../session/session.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';

export type IssueKind = 'new' | 'replacement';
export const FEE_METHODS = ['qr', 'account'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];

export interface IssueCardInput extends JourneyInputBase {
  readonly kind: IssueKind;
  /** from the identify journey */
  readonly idNumber: string;
  /** blanks that may fail before the resident is sent to a counter: 2 retries, 3 blanks in all */
  readonly maxRetries?: number;
  /** how long making one card may take (300 s) */
  readonly makeCardMs?: number;
  /** how long a QR payment may take (120 s) */
  readonly paymentMs?: number;
  /** the ways the region takes the replacement fee (both by default) */
  readonly feeMethods?: readonly FeeMethod[];
  /** how long the new card waits at the slot before it is retracted (30 s) */
  readonly cardTakeMs: number;
}

export interface Application {
  readonly applicationId: string;
  /** 0 for a new card; the replacement fee (20 yuan by default) decided by the host */
  readonly feeDueFen: Fen;
}

export interface IssueCardContext extends Omit<
  IssueCardInput,
  'maxRetries' | 'makeCardMs' | 'paymentMs' | 'feeMethods'
> {
  readonly maxRetries: number;
  readonly makeCardMs: number;
  readonly paymentMs: number;
  readonly feeMethods: readonly FeeMethod[];
  readonly application?: Application;
  readonly feePaid: boolean;
  /** blanks tried so far (1 for the first) */
  readonly attempt: number;
  readonly blanksRejected: number;
  readonly cardNumber?: string;
  /** what the host is told at the end */
  readonly result?: IssuanceResult;
  readonly reported: boolean;
  readonly error?: CodedError;
  readonly outcome?: JourneyOutcome;
  readonly deadline?: SessionDeadline;
}

/** 'issued': taken by the resident; 'retracted': made but not taken; 'failed': not made */
export type IssuanceResult = 'issued' | 'retracted' | 'failed';

export type IssueCardEvent =
  | { readonly type: 'PAY_WITH'; readonly method: FeeMethod }
  /** the new card left the card printer's slot */
  | { readonly type: 'NEW_CARD_TAKEN' }
  | { readonly type: 'MORE_TIME' }
  /** honoured until the first blank is taken from the hopper */
  | { readonly type: 'CANCEL' }
  /** the resident's ID card left the reader: at the fee, the journey is abandoned */
  | { readonly type: 'ID_CARD_REMOVED' };

export interface IssueCardOutput extends JourneyOutputBase {
  readonly applicationId?: string;
  readonly cardNumber?: string;
  readonly result?: IssuanceResult;
  readonly feePaid: boolean;
  readonly blanksRejected: number;
  /** false: the journal recovery must still report the result to the host */
  readonly reported: boolean;
}

export interface Sid {
  readonly sessionId: string;
}

export interface IssueCardActorContracts {
  /** the resident's application at the host; refusals: APPLICATION_NOT_FOUND, APPLICATION_STATE_CONFLICT,
   * CARD_STATE_CONFLICT (a replacement whose old card is not reported lost) */
  readonly checkApplication: {
    readonly input: Sid & { readonly idNumber: string; readonly kind: IssueKind };
    readonly output: Application;
  };
  /** QR payment (waits for the provider) or from the personal account; FEE_NOT_PAID, PAYMENT_* */
  readonly payFee: {
    readonly input: Sid & {
      readonly applicationId: string;
      readonly amountFen: Fen;
      readonly method: FeeMethod;
    };
    readonly output: { readonly paymentId: string };
  };
  /** one blank, journaled before each act: hopper → chip station → personalise and read back → print */
  readonly makeCard: {
    readonly input: Sid & { readonly applicationId: string; readonly attempt: number };
    readonly output: { readonly cardNumber: string };
  };
  /** the failed blank goes to the reject bin, with the reason */
  readonly rejectBlank: {
    readonly input: Sid & {
      readonly applicationId: string;
      readonly attempt: number;
      readonly reason: string;
    };
    readonly output: void;
  };
  readonly presentNewCard: {
    readonly input: Sid & { readonly cardNumber: string };
    readonly output: void;
  };
  /** a new card not taken goes to the reject bin */
  readonly retractNewCard: {
    readonly input: Sid & { readonly cardNumber: string };
    readonly output: void;
  };
  /** tells the host; for an issued replacement the host cancels the old card number */
  readonly reportIssuance: {
    readonly input: Sid & {
      readonly applicationId: string;
      readonly result: IssuanceResult;
      readonly cardNumber?: string;
    };
    readonly output: void;
  };
}

export const ISSUE_CARD_ACTOR_NAMES = [
  'checkApplication',
  'payFee',
  'makeCard',
  'rejectBlank',
  'presentNewCard',
  'retractNewCard',
  'reportIssuance',
] as const satisfies readonly (keyof IssueCardActorContracts)[];
