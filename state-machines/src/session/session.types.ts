/**
 * The session machine's contract with the daemon: its input, context, events, output, and the
 * actors the daemon must provide (those in `session-actors.types.ts`, said here too). Kept stable:
 * the daemon's sessions module is wired against it.
 */
import type { CashUnit, ErrorCode, Fen, Journey, SessionOutcome } from '@kiosk/domain';
import type { CodedError } from '../coded-error.js';
import type { NewPinOutput } from '../journeys/new-pin/new-pin.machine.js';
import type { IdentifyOutput } from '../journeys/identify/identify.machine.js';
import type { RecordsOutput } from '../journeys/records/records.machine.js';
import type { ReportLossOutput } from '../journeys/report-loss/report-loss.machine.js';
import type {
  FeeMethod,
  IssueCardOutput,
  ReplacementReason,
} from '../journeys/issue-card/issue-card.types.js';
import type {
  DispenserBounds,
  SpecialWithdrawalKind,
  WithdrawalOutput,
} from '../journeys/withdrawal/withdrawal.types.js';
import type { WithdrawalRules } from '../journeys/withdrawal/withdrawal-rules.js';
import type { Balance, CardStep, CardSummary } from './session-actors.types.js';

export {
  SESSION_ACTOR_NAMES,
  SESSION_JOURNEY_MACHINE_NAMES,
  type Balance,
  type CardMove,
  type CardStep,
  type CardSummary,
  type PinVerdict,
  type SessionActorContracts,
  type SessionActorName,
  type SessionIdInput,
  type SessionJourneyMachineName,
} from './session-actors.types.js';

export interface SessionTimeouts {
  /** each waiting step (choose, insert card, PIN, show result) times out after this (30 s) */
  readonly stepMs: number;
  /** when to ask "need more time?", counted from the step's start (20 s) */
  readonly warnMs: number;
  /** how long the resident has to take the ejected card before it is retracted (30 s) */
  readonly cardTakeMs: number;
  /**
   * the card reader's own bound of one card move, eject or retract (`devices.cardReader.
   * moveTimeoutMs`, by default `DEFAULT_CARD_MOVE_TIMEOUT_MS`): the card steps wait for the
   * reader's answer, which comes within it; their backstop (`cardMoveBackstopMs`) is derived from it
   */
  readonly cardMoveMs: number;
}

export interface SessionInput {
  readonly sessionId: string;
  readonly timeouts: SessionTimeouts;
  /** digits of a PIN (6) */
  readonly pinLength: number;
  /** what the kiosk offers at the session's start (`journeysOffered(statuses)`) */
  readonly journeysOffered: readonly Journey[];
  /**
   * Epoch milliseconds, used only to stamp the view's deadline. The daemon passes `Date.now`;
   * tests pass `() => clock.now()` of the `SimulatedClock` they give the actor, so the deadline
   * and the real timers agree. The timers themselves run on the actor system's clock.
   */
  readonly now: () => number;
  /** what the journeys beyond balance need; a journey whose options are missing is not offered */
  readonly journeyOptions?: SessionJourneyOptions;
  /**
   * Whether an ID card this session read still lies on the ID card reader, asked as the session
   * ends (the daemon answers from the reader): then the resident is asked to take it (takeIdCard).
   * Absent: never asked.
   */
  readonly idCardLeft?: () => boolean;
  /**
   * Whether the card reader can capture a card (`CardReaderPort.canCapture`), asked when the card is
   * not taken: a reader without a capture bin (a motorless presence reader) is never asked to
   * retract it, the card is left in its slot (leavingCardInSlot). Absent: it can.
   */
  readonly readerCaptures?: () => boolean;
}

export interface SessionJourneyOptions {
  readonly identify?: { readonly faceThreshold?: number; readonly maxFaceTries?: number };
  readonly records?: {
    readonly printAvailable: boolean;
    readonly printLimit?: number;
    readonly screenLimit?: number;
  };
  /** offer to unfreeze a temporarily lost card on the loss-report road (`unfreezeCard` actor) */
  readonly reportLoss?: { readonly allowUnfreeze?: boolean };
  /** card making: blanks that may fail (2 retries), making time (300 s), QR payment time (120 s) */
  readonly issue?: {
    readonly maxRetries?: number;
    readonly makeCardMs?: number;
    readonly paymentMs?: number;
    readonly feeMethods?: readonly FeeMethod[];
    /** the kiosk takes damaged cards in (its card reader captures): a replacement asks why first */
    readonly handInDamaged?: boolean;
  };
  readonly withdrawal?: {
    readonly rules: WithdrawalRules;
    readonly receiptAvailable: boolean;
    /** whether a receipt can be printed now: read again as the withdrawal offers its amounts */
    readonly receiptAvailableNow?: () => boolean;
    readonly cashTakeMs: number;
    /** the notes the dispenser holds when the withdrawal offers its amounts */
    readonly cashUnits: () => readonly CashUnit[];
    /** the dispenser's own bounds: its steps' backstop is derived from them */
    readonly dispenserBounds: DispenserBounds;
  };
}

/** What one journey of the session ended with (a session may hold several, one identification). */
export type JourneyResult =
  | { readonly journey: 'records'; readonly output: RecordsOutput }
  | { readonly journey: 'withdraw'; readonly output: WithdrawalOutput }
  | { readonly journey: 'activatePin' | 'changePin' | 'resetPin'; readonly output: NewPinOutput }
  | { readonly journey: 'reportLoss'; readonly output: ReportLossOutput }
  | { readonly journey: 'issueCard' | 'replaceCard'; readonly output: IssueCardOutput }
  | { readonly journey: 'identify'; readonly output: Omit<IdentifyOutput, 'resident'> };

export interface SessionDeadline {
  /** epoch ms when the current waiting step times out */
  readonly at: number;
  /** epoch ms when the UI asks "need more time?" (equal to `at` where more time is not offered) */
  readonly warnAt: number;
}

export interface SessionContext {
  readonly sessionId: string;
  readonly timeouts: SessionTimeouts;
  readonly pinLength: number;
  readonly journeysOffered: readonly Journey[];
  readonly now: () => number;
  readonly journey: Journey | null;
  readonly card?: CardSummary;
  /** a COUNT of digits entered, never the digits; `submitted` once Enter was pressed on them all */
  readonly pin: { readonly entered: number; readonly attemptsLeft?: number; readonly submitted?: boolean };
  readonly balance?: Balance;
  readonly error?: CodedError;
  /** decided when the path to the end is taken; `ended` fills 'completed' if nothing else was */
  readonly outcome?: SessionOutcome;
  /** set on entry of every waiting state, cleared in states that wait for a device or the host */
  readonly deadline?: SessionDeadline;
  readonly journeyOptions: SessionJourneyOptions;
  /** the card's PIN was verified in this session */
  readonly pinVerified: boolean;
  /** the resident proved identity by ID card and face in this session */
  readonly identified: boolean;
  /** from the ID card, when identified: for host calls of journeys without a card (never shown) */
  readonly resident?: { readonly idNumber: string; readonly name: string };
  /** the card left the reader during a journey that could not stop (a withdrawal) */
  readonly cardRemoved: boolean;
  /** the kiosk asked the session to stop (ABORT): no further journey is offered */
  readonly aborted: boolean;
  readonly results: readonly JourneyResult[];
  /** the reader gave no answer to this step within the backstop: where the card is, is not known */
  readonly cardUnaccounted?: CardStep;
  /** from the input: whether the card reader can capture a card not taken */
  readonly readerCaptures?: () => boolean;
  /** the card was not taken and the reader cannot capture it: left in the slot (card.leftInSlot) */
  readonly cardLeftInSlot?: true;
  /** the card's hand-back failed: a retract now is only its fallback, the eject's fault the cause */
  readonly cardEjectFailed?: true;
  /** from the input: whether an ID card this session read still lies on its reader */
  readonly idCardLeft?: () => boolean;
  /** the ID card this session read was not taken off its reader by the take timeout */
  readonly idCardNotTaken?: true;
  /** the card locked its PIN in this session (PIN_BLOCKED), whatever else ended it after */
  readonly pinLocked?: true;
}

export type SessionEvent =
  | { readonly type: 'SELECT_JOURNEY'; readonly journey: Journey }
  /** the card reader has a card in its slot */
  | { readonly type: 'CARD_INSERTED' }
  /** the card left the reader while the kiosk was using it (pulled out) */
  | { readonly type: 'CARD_REMOVED' }
  /** the resident took the ejected card from the slot */
  | { readonly type: 'CARD_TAKEN' }
  /** sent by the daemon while `verifyPin` runs: how many digits are entered (count only), and
   * `submitted` when the key was Enter (the pad now checks the PIN against the card) */
  | { readonly type: 'PIN_KEY'; readonly entered: number; readonly submitted?: boolean }
  /** "need more time?" answered yes: the current step's timeout starts again */
  | { readonly type: 'MORE_TIME' }
  | { readonly type: 'CANCEL' }
  /** the resident is done with the result on screen */
  | { readonly type: 'FINISH' }
  /** the kiosk must stop serving (out of service, maintenance): end safely, returning the card */
  | { readonly type: 'ABORT'; readonly code: ErrorCode; readonly message: string }
  // journeys beyond balance (forwarded to the running journey machine)
  /** face not matched: try again */
  | { readonly type: 'RETRY' }
  /** yes to a question (report this card lost) */
  | { readonly type: 'CONFIRM' }
  /** print the records */
  | { readonly type: 'PRINT' }
  | { readonly type: 'AMOUNT_CHOSEN'; readonly amountFen: Fen }
  | { readonly type: 'SPECIAL_WITHDRAWAL'; readonly kind: SpecialWithdrawalKind }
  /** the cash left the slot */
  | { readonly type: 'CASH_TAKEN' }
  /** the cash left the slot while the dispenser was out of reach: taken or drawn in, not known */
  | { readonly type: 'CASH_GONE_UNSEEN' }
  /** pay the replacement fee this way */
  | { readonly type: 'PAY_WITH'; readonly method: FeeMethod }
  /** why the card is replaced: lost, or damaged and handed in here */
  | { readonly type: 'REPLACEMENT_REASON'; readonly reason: ReplacementReason }
  /** the new card left the card printer's slot */
  | { readonly type: 'NEW_CARD_TAKEN' }
  /** the resident's ID card left the ID card reader (the journey decides what that means) */
  | { readonly type: 'ID_CARD_REMOVED' }
  /** new-PIN entry moved on to the confirmation (sent by the daemon with PIN_KEY) */
  | { readonly type: 'PIN_STAGE'; readonly stage: 'first' | 'confirm' }
  /** the receipt printer can print (online with paper) or not any more: the records follow it */
  | { readonly type: 'PRINTER_CHANGED'; readonly printAvailable: boolean };

export interface SessionOutput {
  readonly sessionId: string;
  readonly journey: Journey | null;
  readonly outcome: SessionOutcome;
  readonly error?: CodedError;
  /** every journey machine that ran, in order, with its output (money and card facts included);
   * always set by the machine, optional so that outputs built elsewhere stay valid */
  readonly results?: readonly JourneyResult[];
  /** the card step the reader never answered (the card is journaled for field staff) */
  readonly cardUnaccounted?: CardStep;
  /** the ID card the session read was left on its reader past the take timeout (journaled) */
  readonly idCardNotTaken?: true;
  /**
   * the card was not taken and the reader cannot capture it (no capture bin): it was left in the
   * slot, journaled (card.leftInSlot); the daemon holds the card journeys back until it is taken
   */
  readonly cardLeftInSlot?: true;
  /**
   * the card locked its PIN in this session: the fleet's alert of the lock, told by the session's
   * end even when another code ended it (the card then not taken and retracted)
   */
  readonly pinLocked?: true;
}
