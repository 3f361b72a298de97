/**
 * What the UI may see. Built only by the daemon's `toSessionView()`; never holds a PIN, a full
 * ID number, a full card number, a key or any raw machine context.
 */
import type { DeviceKind, DeviceState, SupplyLevel } from './device-status.js';
import type { ErrorCode } from './kiosk-error.js';
import type { FeeMethod } from './issuance-rules.js';
import type { Fen, Journey } from './journeys.js';
import type { OtherRecord, RecordKind } from './account-record-kinds.js';
import type { WithdrawalNotPaid } from './withdrawal-not-paid.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export type KioskMode = 'booting' | 'selfTest' | 'inService' | 'degraded' | 'outOfService' | 'maintenance';

export interface KioskView {
  readonly kioskId: string;
  readonly mode: KioskMode;
  /** why the kiosk is degraded or out of service, as a code the UI translates */
  readonly reason?: string;
  /**
   * every reason the kiosk holds, most important first (domain's `DEVICE_REASON_ORDER`, an
   * operator's hold first), the first being `reason`: a card left in the reader behind the reader's
   * own fault too. Only while the kiosk is placed by them (in service, degraded, out of service for
   * its devices or a hold), where the list is whole; absent booting, in a self test, in maintenance
   * and after a self test that failed or timed out (what else holds is not read then)
   */
  readonly reasons?: readonly string[];
  /**
   * what the last self test failed of (SELF_TEST_FAILED, and the staff visit after it), as a code:
   * recovery's WITHDRAWAL_UNDECIDED, CARD_MAKING_UNDECIDED or CARD_POSITION_UNKNOWN, a device's or
   * the journal's, INTERNAL
   */
  readonly cause?: string;
  readonly journeysOffered: readonly Journey[];
  /**
   * a card left in the card reader (reason CARD_LEFT_IN_READER) sticks out of its slot: the reader
   * has no motor (a presence reader: it cannot take a card in nor capture it), so the next person
   * at the kiosk is told the card is in the slot and to hand it to staff; absent: as before
   */
  readonly cardLeftAtSlot?: true;
  readonly devices: readonly {
    readonly kind: DeviceKind;
    readonly device: DeviceState;
    readonly supplies: readonly { readonly name: string; readonly level: SupplyLevel }[];
  }[];
  /** true only in the demo profile: the UI may show its emulator panel */
  readonly demo: boolean;
  /**
   * the IANA zone the profile names (`kiosk.timeZone`), in which the resident's and the staff
   * screens say every date and time; a view without it is in China Standard Time
   */
  readonly timeZone?: string;
}

/** Steps a session can be at; journeys add theirs as they are built. */
export type SessionStep =
  | 'chooseJourney'
  | 'insertCard'
  | 'readingCard'
  | 'enterPin'
  | 'verifyingPin'
  | 'queryingBalance'
  | 'showBalance'
  | 'ejectingCard'
  | 'takeCard'
  | 'retractingCard'
  | 'ended'
  // identify by resident ID card and face (withdraw, issue/replace card, reset PIN, report loss)
  | 'placeIdCard'
  | 'readingIdCard'
  | 'matchingFace'
  | 'faceNotMatched'
  /** the session is over but the ID card it read still lies on the reader: take it */
  | 'takeIdCard'
  // records
  | 'loadingRecords'
  | 'showRecords'
  | 'printingRecords'
  | 'recordsPrinted'
  // withdrawal
  | 'loadingQuota'
  | 'chooseAmount'
  | 'authorisingWithdrawal'
  | 'dispensingCash'
  | 'takeCash'
  | 'retractingCash'
  | 'printingReceipt'
  | 'cashWithdrawn'
  | 'reversingWithdrawal'
  // card issuance, new or replacement (making a card may take up to 300 s)
  /** a replacement where damaged cards are taken in: lost, or damaged and with the resident? */
  | 'replacementReason'
  /** the damaged card into the card reader, then read and captured */
  | 'insertOldCard'
  | 'handingInOldCard'
  | 'checkingApplication'
  | 'payFee'
  | 'makingCard'
  | 'takeNewCard'
  | 'reportingIssuance'
  // activate, change or reset the PIN (the new PIN is entered twice on the PIN pad)
  | 'enterNewPin'
  | 'confirmNewPin'
  | 'savingPin'
  | 'pinSaved'
  // report a lost card
  | 'confirmLoss'
  | 'reportingLoss'
  | 'lossReported';

export type SessionOutcome = 'completed' | 'cancelled' | 'timedOut' | 'failed' | 'cardRetracted';

export interface SessionView {
  readonly sessionId: string;
  readonly journey: Journey | null;
  readonly step: SessionStep;
  readonly locale: Locale;
  /** epoch ms when the current waiting step times out, and when to ask "need more time?" */
  readonly deadline?: { readonly at: number; readonly warnAt: number };
  readonly card?: { readonly maskedCardNumber: string; readonly maskedName: string };
  /** how many digits are entered so far: never the digits */
  readonly pin?: { readonly entered: number; readonly length: number; readonly attemptsLeft?: number };
  readonly balance?: { readonly amountFen: Fen; readonly asOf: string };
  readonly error?: { readonly code: ErrorCode; readonly message: string };
  readonly outcome?: SessionOutcome;
  /**
   * The card at the slot is not the resident's: someone else's card refused at a damaged-card
   * hand-in (`ID_MISMATCH`, ADR 0014), given back (steps takeCard, retractingCard, ended).
   */
  readonly notHoldersCard?: true;
  /**
   * A withdrawal ended because the host's answer to its authorisation was not read (it timed out,
   * or was unreadable or of a status the kiosk does not know): nothing was paid out, and whatever
   * the host held for it is released at once, else tried again in the background (after the journey).
   */
  readonly withdrawalHoldReleased?: true;
  /**
   * The session ended with the card neither taken nor captured: the reader did not answer a card
   * move within its bound, or its retract failed (ADR 0016). The card stays in the kiosk, journaled
   * for field staff (card.unaccounted): the resident asks staff for it, never "try again".
   */
  readonly cardKeptForStaff?: true;
  /**
   * The session ended with the card not taken, and the reader cannot capture it (a motorless
   * presence reader, no capture bin): the card is still in the slot, journaled (card.leftInSlot);
   * the resident is told to take it now, not to ask staff.
   */
  readonly cardLeftInSlot?: true;
  /**
   * Card making stopped with no card made after the resident paid the fee (a device's fault, every
   * blank spoiled): the fee stays with the application, the card is made later with no second fee
   * (ADR 0008). The resident is told so, not only the fault's words.
   */
  readonly feeKept?: true;
  /**
   * a withdrawal's record brought the card's log to its unprinted limit and no records journey
   * printed them since: the card is refused until its records are printed at a kiosk (RULES.md).
   * Said as the session ends and at "anything else?", which then offers only the records journey
   */
  readonly recordsPrintRequired?: true;
  /**
   * with `recordsPrintRequired` at "anything else?": the receipt printer cannot print now (no paper,
   * offline), so the records cannot be printed here: only the card back is offered, the resident
   * sent to another kiosk
   */
  readonly recordsPrintUnavailable?: true;
}

/**
 * What a medical payment was for, as a code the screen words in the resident's language (the
 * host's own description is for its staff and may mix languages).
 */
export const RECORD_DETAILS = ['pharmacy', 'outpatient', 'communityClinic', 'inpatient'] as const;
export type RecordDetail = (typeof RECORD_DETAILS)[number];

/** One line of a personal-account record shown on screen (no personal data). */
export interface AccountRecordLine {
  /** ISO 8601 */
  readonly at: string;
  /** 'other': a kind the host added that this kiosk does not know (see `description`) */
  readonly kind: RecordKind | OtherRecord;
  /** signed: negative for spending and withdrawals */
  readonly amountFen: Fen;
  readonly balanceAfterFen: Fen;
  readonly place?: string;
  readonly detail?: RecordDetail;
  /**
   * The host's words for the record in the view's language (`hostWordingIn`: its wording in that
   * language; the record's code where it words it in another only; an older host's one
   * description), masked
   * (`residentSafeDescription`): only for what the screen cannot word itself, a kind 'other' or a
   * medical payment whose detail this kiosk does not know.
   */
  readonly description?: string;
}

/**
 * What a journey screen shows beyond the common fields, built by the state machines'
 * `journeyDetailsOf()` from the running journey machine: as safe as the rest of the view.
 */
export type JourneyDetails =
  | { readonly kind: 'identify'; readonly faceTriesLeft: number }
  | {
      readonly kind: 'records';
      readonly records: readonly AccountRecordLine[];
      readonly unprintedCount: number;
      readonly recordsUntilPrintRequired: number;
      readonly printAvailable: boolean;
      readonly printed: boolean;
    }
  | {
      readonly kind: 'withdraw';
      readonly balanceFen?: Fen;
      /** the largest amount the kiosk accepts now, in whole notes (0: none today) */
      readonly largestFen: Fen;
      /** every amount the kiosk accepts now, ascending: within the limits and made by the notes held */
      readonly amountsFen?: readonly Fen[];
      readonly noteFen: Fen;
      readonly singleMaxFen: Fen;
      readonly withdrawalsLeftToday?: number;
      readonly amountFen?: Fen;
      /** a fault stopped the count: only this much was counted out (the rest stays in the account) */
      readonly countedFen?: Fen;
      /** false: warn that no receipt can be printed */
      readonly receiptAvailable: boolean;
      /**
       * once the receipt step ended: true, the printer printed the receipt (take it); false, none
       * was printed (refused, no answer, or none possible), and the done screen says so
       */
      readonly receiptPrinted?: boolean;
      /** the withdrawal ended reversed: nothing paid out, the amount back in the account, no receipt */
      readonly reversed?: true;
      /** it ended with no cash paid out: how that stands for the resident (never "Withdrawal done") */
      readonly notPaid?: WithdrawalNotPaid;
    }
  | { readonly kind: 'newPin'; readonly triesLeft: number; readonly weakRule?: string }
  | {
      readonly kind: 'reportLoss';
      /** 'unfreeze': the card is already reported lost and the question is to lift it */
      readonly mode: 'report' | 'unfreeze';
      readonly lapsesOn?: string;
    }
  | {
      readonly kind: 'issueCard';
      /** the replacement fee the host asks (0 for a new card) */
      readonly feeDueFen?: Fen;
      readonly feePaid: boolean;
      /** the ways this kiosk's region takes the fee; absent: both */
      readonly feeMethods?: readonly FeeMethod[];
      /** the blank being made (1..maxAttempts) */
      readonly attempt: number;
      readonly maxAttempts: number;
      /**
       * Cancel pressed or the ID card lifted while the fee from the account is at the host: the
       * kiosk finishes with the office first (a fee taken makes the card; refused, the stop is done)
       */
      readonly finishingWithOffice?: true;
    };

/** The session view as the gateway sends it: the common fields and the running journey's details. */
/** Where the card printer is while a card is made (step `makingCard`, up to 300 s in all). */
export const CARD_MAKING_STAGES = [
  'pickingBlank',
  'encodingChip',
  'printingFace',
  'checking',
  'presenting',
] as const;
export type CardMakingStage = (typeof CARD_MAKING_STAGES)[number];

export type SessionViewWithDetails = SessionView & {
  readonly details?: JourneyDetails;
  /** card making only: the printer's stage (and a percentage where a printer reports one) */
  readonly progress?: { readonly stage: CardMakingStage; readonly percent?: number };
  /** the fee paid by QR (step `payFee`): the host's payment order, its content drawn as a QR code */
  readonly payment?: PaymentQrView;
};

/**
 * The longest payment order content the fee screen can draw as one QR code: it encodes the text
 * character by character as bytes at error correction M, whose largest code (version 40) holds
 * 2331; a longer one cannot be drawn at all.
 */
export const PAYMENT_QR_CONTENT_MAX_CHARS = 2331;

/** A QR payment order as the fee screen shows it: what the phone scans, the amount, until when. */
export interface PaymentQrView {
  /** the payment provider's order as text, exactly what the QR code encodes */
  readonly qrContent: string;
  readonly amountFen: Fen;
  /** ISO 8601: the order cannot be paid after this */
  readonly expiresAt: string;
}
