/**
 * What the session machine asks of the daemon's actors and gets back (`sessionMachine.provide({
 * actors })`): the card's and the PIN's facts, the balance, the card steps, each actor's input and
 * output, and the journey machines it invokes by name. Part of the machine's contract
 * (`session.types.ts`, which says it all in one place).
 */
import type { Fen, Journey } from '@kiosk/domain';

/** What the chip says about the card and its holder (EF05 + EF06). Never sent to the UI as is. */
export interface CardSummary {
  readonly cardNumber: string;
  readonly name: string;
  /** the holder's full ID number: used for host calls only, never shown */
  readonly idNumber: string;
  /** YYYY-MM-DD */
  readonly expiryDate: string;
  /** 6-digit region code of the issuing organisation */
  readonly regionCode: string;
  /**
   * PIN tries the card has left, given only when fewer than a fresh card's (an earlier session's
   * wrong PIN): the PIN screen says them before the first try; 0, the PIN locked already: a journey
   * that needs the PIN is refused at the read (PIN_ALREADY_BLOCKED)
   */
  readonly pinTriesLeft?: number;
}

/** The PIN pad's verdict on one PIN entry; the digits never leave the device layer. */
export type PinVerdict =
  | { readonly result: 'ok' }
  | { readonly result: 'wrong'; readonly attemptsLeft: number }
  | { readonly result: 'blocked' }
  | { readonly result: 'cancelled' };

export interface Balance {
  readonly amountFen: Fen;
  /** ISO 8601 time the host computed the balance */
  readonly asOf: string;
}

/** the card moves a card step asks of the reader */
export type CardMove = 'eject' | 'retract';

/**
 * The card step the reader left unanswered when a card is accounted for (card.unaccounted): a
 * card move, or the damaged card's chip read at its hand-in (taken in, no move asked yet: the card
 * is in the reader).
 */
export type CardStep = CardMove | 'read';

export interface SessionIdInput {
  readonly sessionId: string;
}

/**
 * The actors the daemon provides (`sessionMachine.provide({ actors })`), each a promise actor
 * (`fromPromise`). They reject with a `KioskError` (code + message); anything else becomes INTERNAL.
 * Every one must honour its `signal`: the machine stops an actor when the session moves on
 * (timeout, CANCEL, card pulled), and the device must stop waiting too.
 */
export interface SessionActorContracts {
  /** reads EF05/EF06 of the card in the reader; refuses with CARD_EXPIRED, CARD_NOT_ACTIVE,
   * CARD_OTHER_REGION, CARD_DATA_CORRUPT, CARD_UNREADABLE, CARD_MUTE, CARD_NOT_SOCIAL_SECURITY */
  readonly readCard: {
    /** the journey decides which card states are acceptable: 'activatePin' wants a made
     * (sealed) card, every other journey an active one */
    readonly input: SessionIdInput & { readonly journey: Journey };
    readonly output: CardSummary;
  };
  /** runs one PIN entry on the PIN pad and verifies it against the card; the daemon sends
   * PIN_KEY { entered } to the session while it runs. `journey` says what the PIN is for: for
   * 'changePin' the daemon keeps the verified PIN on the PIN-pad path for CHANGE REFERENCE DATA */
  readonly verifyPin: {
    readonly input: SessionIdInput & { readonly length: number; readonly journey?: Journey };
    readonly output: PinVerdict;
  };
  /** asks the host for the personal-account balance; HOST_TIMEOUT, HOST_UNREACHABLE, ... */
  readonly queryBalance: {
    readonly input: SessionIdInput & { readonly cardNumber: string; readonly idNumber: string };
    readonly output: Balance;
  };
  /**
   * a journey chosen after another of the session, the card still in: asks the host the card's
   * state again for `journey` (as the card read does: CARD_NOT_ACTIVE, CARD_EXPIRED,
   * and for an activation, which takes a made card only, CARD_ALREADY_ACTIVE, CARD_REPORTED_LOST,
   * CARD_CANCELLED; HOST_UNREACHABLE, HOST_TIMEOUT, ...)
   */
  readonly checkCard: {
    readonly input: SessionIdInput & { readonly cardNumber: string; readonly journey: Journey };
    readonly output: void;
  };
  /** moves the card to the slot (journaled by the daemon before it acts) */
  readonly ejectCard: { readonly input: SessionIdInput; readonly output: void };
  /** pulls a card nobody took into the capture bin */
  readonly retractCard: { readonly input: SessionIdInput; readonly output: void };
  /**
   * the card was not taken and the reader cannot capture it (`readerCaptures` false): journals the
   * card as left in the slot (where the reader says it is), for staff and the wait for it to be
   * taken. Never moves the card
   */
  readonly leaveCardInSlot: { readonly input: SessionIdInput; readonly output: void };
  /**
   * the reader did not answer a card step (`act`: a move, or the damaged card's chip read) within
   * the step's backstop, past its own bound, or its retract failed: journals the card as not
   * accounted for (where the reader says it is, if anywhere), for field staff. Never moves the
   * card: the move asked may still be running
   */
  readonly accountForCard: {
    readonly input: SessionIdInput & { readonly act: CardStep };
    readonly output: void;
  };
}

export type SessionActorName = keyof SessionActorContracts;

export const SESSION_ACTOR_NAMES = [
  'readCard',
  'verifyPin',
  'queryBalance',
  'checkCard',
  'ejectCard',
  'retractCard',
  'leaveCardInSlot',
  'accountForCard',
] as const satisfies readonly SessionActorName[];

/**
 * The journey machines the session invokes, by the name the daemon provides them under:
 * `sessionMachine.provide({ actors: { withdrawalJourney: withdrawalMachine.provide({ actors }) } })`.
 */
export const SESSION_JOURNEY_MACHINE_NAMES = [
  'identifyJourney',
  'recordsJourney',
  'withdrawalJourney',
  'newPinJourney',
  'reportLossJourney',
  'issueCardJourney',
] as const;
export type SessionJourneyMachineName = (typeof SESSION_JOURNEY_MACHINE_NAMES)[number];
