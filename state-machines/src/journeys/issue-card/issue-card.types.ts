/** The card-issuance journey's contract (new card or replacement, made on the spot). */
import type { FeeMethod, Fen } from '@kiosk/domain';
import type { CodedError } from '../../coded-error.js';
import type { CardMove, CardStep, SessionDeadline } from '../../session/session.types.js';
import type { JourneyInputBase, JourneyOutcome, JourneyOutputBase } from '../journey.types.js';

export type IssueKind = 'new' | 'replacement';
/** why a card is replaced: lost, or damaged and handed in at the kiosk (captured by its reader) */
export type ReplacementReason = 'lost' | 'damaged';
/** what the kiosk read of a damaged card handed in: a chip that does not answer is normal */
export type OldCardChip = 'read' | 'unreadable';
/** the ways a replacement fee may be paid (the domain's `FEE_METHODS`) */
export type { FeeMethod } from '@kiosk/domain';

export interface IssueCardInput extends JourneyInputBase {
  readonly kind: IssueKind;
  /** from the identify journey */
  readonly idNumber: string;
  /**
   * blanks that may fail before the resident is sent to a counter (absent,
   * `DEFAULT_CARD_MAKING_RETRIES`: 2 retries, 3 blanks in all)
   */
  readonly maxRetries?: number;
  /** how long making one card may take (absent, `DEFAULT_CARD_MAKING_MS`: 300 s) */
  readonly makeCardMs?: number;
  /**
   * how long a QR payment may take (absent, `DEFAULT_FEE_PAYMENT_MS`: 120 s): the order asked for;
   * the screen ends at the order's own expiry
   */
  readonly paymentMs?: number;
  /** the ways the region takes the replacement fee (absent, `FEE_METHODS`: both) */
  readonly feeMethods?: readonly FeeMethod[];
  /** how long the new card waits at the slot before it is retracted (30 s) */
  readonly cardTakeMs: number;
  /** the kiosk takes damaged cards in (its card reader captures): a replacement asks why first */
  readonly handInDamaged?: boolean;
  /**
   * the card reader's own bound of one card move (`devices.cardReader.moveTimeoutMs`; absent, its
   * default `DEFAULT_CARD_MOVE_TIMEOUT_MS`): the damaged card's capture (or its return) ends on the
   * reader's answer, within it
   */
  readonly cardMoveMs?: number;
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
  /** the way the resident chose to pay (`paying` asks it of `payFee`; more time asks it again) */
  readonly feeMethod?: FeeMethod;
  /** the account's payment was sent to the host (`FEE_ACCOUNT_SENT`): from then on it is waited for */
  readonly feeAccountSent?: boolean;
  /**
   * Cancel or the ID card lifted while the account's payment was at the host: it takes effect once
   * the host answered, if it refused (a fee taken makes the card); the screen says the kiosk is
   * finishing with the office meanwhile
   */
  readonly feeStopAsked?: 'cancel' | 'idCardRemoved';
  /** blanks tried so far (1 for the first) */
  readonly attempt: number;
  readonly blanksRejected: number;
  readonly cardNumber?: string;
  /** what the host is told at the end */
  readonly result?: IssuanceResult;
  readonly reported: boolean;
  /** a replacement's reason (lost unless the resident handed in a damaged card) */
  readonly replacementReason?: ReplacementReason;
  /** the damaged card handed in: captured, with what its chip said */
  readonly oldCard?: { readonly chip: OldCardChip };
  /** someone else's card refused at the hand-in was given back: it lies at the reader's slot */
  readonly oldCardAtSlot?: boolean;
  /** what the hand-in asks of the reader now: the chip read from its start, then the card move
   * `handInOldCard` reports it starts (OLD_CARD_MOVING): what its backstop accounts the card after */
  readonly oldCardStep?: CardStep;
  /** the hand-in failed with the card neither captured nor given back (a fault of the reader, or no
   * answer past its bound): where the damaged card is, is not known; the step that failed ('eject':
   * someone else's card given back, 'retract': the capture, 'read': the chip read, no move asked) */
  readonly oldCardUnaccounted?: CardStep;
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
  /**
   * From `payFee` (not the resident): the QR order the host made is payable `payableForMs` longer,
   * counted from now on the kiosk's clock (0 or less: it expired before its answer came)
   */
  | { readonly type: 'FEE_ORDER_OPENED'; readonly payableForMs: number }
  /** From `payFee` (not the resident): the account's payment goes to the host now, past stopping */
  | { readonly type: 'FEE_ACCOUNT_SENT' }
  /** honoured until the first blank is taken from the hopper */
  | { readonly type: 'CANCEL' }
  /** the resident's ID card left the reader: at the fee, the journey is abandoned */
  | { readonly type: 'ID_CARD_REMOVED' }
  /** a replacement's first answer: the old card was lost, or is damaged and with the resident */
  | { readonly type: 'REPLACEMENT_REASON'; readonly reason: ReplacementReason }
  /** From `handInOldCard` (not the resident): it asks the reader for this card move now */
  | { readonly type: 'OLD_CARD_MOVING'; readonly move: CardMove };

export interface IssueCardOutput extends JourneyOutputBase {
  readonly applicationId?: string;
  readonly cardNumber?: string;
  readonly result?: IssuanceResult;
  readonly feePaid: boolean;
  readonly blanksRejected: number;
  /** false: the journal recovery must still report the result to the host */
  readonly reported: boolean;
  readonly replacementReason?: ReplacementReason;
  /** the damaged card handed in and captured (absent: none was) */
  readonly oldCard?: { readonly chip: OldCardChip };
  /** someone else's card refused and given back lies at the slot: the session waits for it to be
   * taken and retracts it after the take timeout, like a card of its own */
  readonly oldCardAtSlot?: boolean;
  /** the hand-in failed with the card neither captured nor given back (the capture refused for a
   * full bin, the reader's own timeout, no answer past its bound): the session accounts for the
   * card, journaled for field staff (card.unaccounted after this move, ADR 0016), and asks the
   * reader nothing more. The step that failed: 'eject' when someone else's card was being given
   * back, 'retract' the capture; past the backstop, the step running then ('read': no move asked
   * yet, the card in the reader) */
  readonly oldCardUnaccounted?: CardStep;
}

export interface Sid {
  readonly sessionId: string;
}

export interface IssueCardActorContracts {
  /** the resident's application at the host; refusals: APPLICATION_NOT_FOUND, APPLICATION_STATE_CONFLICT,
   * CARD_STATE_CONFLICT (a replacement whose old card is not reported lost). A damaged card handed
   * in: the host is told so (not lost) and cancels it. */
  readonly checkApplication: {
    readonly input: Sid & {
      readonly idNumber: string;
      readonly kind: IssueKind;
      readonly replacementReason?: ReplacementReason;
    };
    readonly output: Application;
  };
  /** waits until a card is in the card reader (at once if one is there already) */
  readonly awaitOldCard: {
    readonly input: Sid;
    readonly output: void;
  };
  /**
   * The damaged card handed in: reads what it can, refuses someone else's card (another ID number
   * on a readable chip: ID_MISMATCH, the card given back, never captured), journals the capture,
   * captures it into the reader's capture bin and journals it done. Before it asks the reader for
   * a move (the eject of someone else's card, or the capture) it reports that move (`moving`): the
   * journey's backstop then names the move it ran out on, and a fault of the eject reported is the
   * eject's (for the session's card.unaccounted); any other fault is the capture's.
   * Stopped before the capture it gives the card back, unless the journey's backstop stopped it
   * (`cardLeftForStaff`): then the card stays where it is, for field staff.
   */
  readonly handInOldCard: {
    readonly input: Sid & {
      readonly idNumber: string;
      /** the card move asked of the reader from now on (sent to the journey as OLD_CARD_MOVING) */
      readonly moving: (move: CardMove) => void;
      /**
       * Why the hand-in was stopped: true once the journey's backstop fired and the card is left
       * for field staff (card.unaccounted, ADR 0016), so the hand-in asks the reader nothing more;
       * false when the session stopped it (the resident's time ran out, the kiosk stops), and a card
       * not yet captured is given back
       */
      readonly cardLeftForStaff: () => boolean;
    };
    readonly output: { readonly chip: OldCardChip };
  };
  /**
   * QR payment (waits for the provider) or from the personal account; FEE_NOT_PAID, PAYMENT_*.
   * A QR order, once the host made it and said how long it stays payable, is reported through
   * `orderOpened` before its code is shown: the fee screen's deadline is that order's expiry.
   */
  readonly payFee: {
    readonly input: Sid & {
      readonly applicationId: string;
      readonly amountFen: Fen;
      readonly method: FeeMethod;
      /** how much longer the QR order is payable, from now on the kiosk's clock (ms) */
      readonly orderOpened: (order: { readonly payableForMs: number }) => void;
      /** told as the account's payment goes to the host: from then on Cancel waits for its answer */
      readonly accountSent?: () => void;
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
      /** the fee was paid: a fault that stops making tells the resident it is kept (ADR 0008) */
      readonly feePaid: boolean;
    };
    readonly output: void;
  };
  readonly presentNewCard: {
    readonly input: Sid & { readonly cardNumber: string };
    readonly output: void;
  };
  /**
   * a new card not taken goes to the reject bin; `taken`: the retract found the slot empty, the
   * printer answering (the resident took it as the retract began): a take, as `NEW_CARD_TAKEN`
   */
  readonly retractNewCard: {
    readonly input: Sid & { readonly cardNumber: string };
    readonly output: { readonly taken: true } | void;
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
  'awaitOldCard',
  'handInOldCard',
  'payFee',
  'makeCard',
  'rejectBlank',
  'presentNewCard',
  'retractNewCard',
  'reportIssuance',
] as const satisfies readonly (keyof IssueCardActorContracts)[];
