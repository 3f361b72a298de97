/**
 * Writing a new PIN to the card, one function per purpose, each journaled before it acts:
 * activation (default PIN → new PIN, host enables both functions), change (current PIN → new PIN
 * by CHANGE REFERENCE DATA) and reset (RESET RETRY COUNTER with the new PIN under the card key the
 * host hands out, then the host is told). The PINs stay SecurePins; the caller wipes the new one.
 */
import { DEFAULT_CARD_PIN_DIGITS, SecurePin, type PinVerification } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { CardInfo } from '@kiosk/host-simulator/contract';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import { activateAtHost, sealForActivation } from './card-activation.js';
import { RESET_ACTIVATES } from '../journal/owed-host-acts.js';
import type { JourneyTools } from './journey-tools.js';
import { reportPinReset } from './pin-reset-report.js';
import { ScopeKey } from './session-scope.js';

/** The card's state as the host answers it (`host.card`). */
export type HostCardState = CardInfo['state'];

export interface PinWrite {
  readonly cardNumber: string;
  readonly idNumber: string;
  readonly newPin: SecurePin;
  readonly signal: AbortSignal;
  /** a reset: the card's state the host gave in this journey, at the card read (`CARD_STATE_AT_READ`) */
  readonly cardStateAtRead?: HostCardState;
}

/**
 * The host's answer about the card's state, asked for a PIN change or reset (as the card was read
 * for it, or as the journey starts), kept in the session's scope with the journey it was asked in
 * (its journal transaction) so the journey asks the host once: a reset activates a new card once
 * its PIN is written, a change is refused before any write. Fresh only in that journey: a further
 * journey of the session (the card may have been reported lost, or activated, meanwhile) asks again.
 */
export class CardStateAtRead {
  #held: { readonly state: HostCardState; readonly transactionId: string } | undefined;

  keep(state: HostCardState, transactionId: string): void {
    this.#held = { state, transactionId };
  }

  /** The answer asked in the journey of `transactionId`; none when it was asked in another. */
  freshIn(transactionId: string): HostCardState | undefined {
    return this.#held?.transactionId === transactionId ? this.#held.state : undefined;
  }
}

export const CARD_STATE_AT_READ = new ScopeKey('cardStateAtRead', () => new CardStateAtRead());

/**
 * A PIN change needs the host's word, given in this journey, that the card is active. The card
 * read asks when the change is the session's first journey; chosen after another journey (a
 * balance query, say) nothing asked since, and the card may have been reported lost or cancelled
 * meanwhile, so the change asks here, as it starts, before the current PIN is typed. A refusal is
 * the card read's (CARD_NOT_ACTIVE, CARD_EXPIRED; a host that does not answer refuses too),
 * journaled; nothing is written.
 */
export async function requireActiveCardForChange(
  deps: Pick<NewPinJourneyDeps, 'host'>,
  tools: Pick<JourneyTools, 'transactionId' | 'step'>,
  held: CardStateAtRead,
  cardNumber: string,
  signal: AbortSignal,
): Promise<void> {
  if (held.freshIn(tools.transactionId) !== undefined) return;
  try {
    held.keep(await requireActiveCard(deps, cardNumber, signal), tools.transactionId);
  } catch (e) {
    await tools.step('card.state', { refused: KioskError.from(e).code });
    throw e;
  }
}

/** What the card answered about the OLD PIN of a CHANGE REFERENCE DATA, as a coded refusal. */
function refuseOldPin(verdict: PinVerification, wrong: KioskError): void {
  if (verdict.result === 'blocked') {
    throw new KioskError(
      ErrorCode.PIN_BLOCKED,
      'The PIN is locked after too many wrong tries; unlock it with your ID card.',
    );
  }
  if (verdict.result === 'wrong') throw wrong;
}

/**
 * Activation is for a made card only (sealed 封存, its default PIN): the host's state decides, as
 * the card is read, before the ID card, the face and two PIN entries are asked for and before the
 * chip is asked anything. A card in any other state is refused at once in words for its state: an
 * activation tried on it would rewrite the chip's PIN of a cancelled or expired card, or spend one
 * of the card's three PIN tries on the default PIN of a card reported lost (active before), only
 * to be refused by the host at the end.
 */
export async function requireMadeCard(
  deps: Pick<NewPinJourneyDeps, 'host'>,
  cardNumber: string,
  signal: AbortSignal,
): Promise<void> {
  const { state } = await deps.host.card(cardNumber, signal);
  if (state !== 'made') throw activationRefused(state);
}

/** Why a card the host holds in `state` (not made) is not activated, in words for that state. */
function activationRefused(state: Exclude<HostCardState, 'made'>): KioskError {
  const details = { state };
  switch (state) {
    case 'active':
      return new KioskError(
        ErrorCode.CARD_ALREADY_ACTIVE,
        'This card was activated before: to choose a new PIN, use “change PIN” (or “reset PIN” if it is forgotten).',
        details,
      );
    case 'expired':
      return new KioskError(
        ErrorCode.CARD_EXPIRED,
        'This card has expired; it cannot be activated.',
        details,
      );
    case 'lost':
    case 'temporarilyLost':
      return new KioskError(
        ErrorCode.CARD_REPORTED_LOST,
        'This card was reported lost; it cannot be activated (lift a temporary loss with “Report a lost card”, or go to a counter).',
        details,
      );
    case 'cancelled':
      return new KioskError(
        ErrorCode.CARD_CANCELLED,
        'This card was cancelled; it cannot be activated or used.',
        details,
      );
  }
}

/**
 * A PIN is changed only on an active card (RULES.md): a new card is activated first, a card
 * reported lost or cancelled goes to a counter. A reset also takes a new card: its default PIN
 * locked by wrong tries cannot be activated (activation changes the default PIN), so the reset
 * road, with the ID card and a face match, sets the new PIN and activates it (`resetPin`). Asked
 * when the card is read for such a journey, before any PIN is typed, or as a change chosen after
 * another journey starts (`requireActiveCardForChange`); the state the host answered is returned
 * (kept for the journey: `CARD_STATE_AT_READ`). A balance query, records or a withdrawal also
 * need an active, unexpired card: asked as the card is read, before the PIN (`checkCardAtRead`).
 */
export async function requireActiveCard(
  deps: Pick<NewPinJourneyDeps, 'host'>,
  cardNumber: string,
  signal: AbortSignal,
  journey: ActiveCardJourney = 'changePin',
): Promise<HostCardState> {
  const { state } = await deps.host.card(cardNumber, signal);
  if (state === 'active') return state;
  if (state === 'made' && journey === 'resetPin') return state;
  const unchanged = journey === 'changePin' || journey === 'resetPin' ? '; nothing was changed.' : '.';
  if (state === 'expired') {
    throw new KioskError(ErrorCode.CARD_EXPIRED, `This card has expired${unchanged}`);
  }
  if (state === 'made') {
    throw new KioskError(
      ErrorCode.CARD_NOT_ACTIVE,
      `This card is new: activate it with “Activate card” first${unchanged}`,
    );
  }
  throw new KioskError(
    ErrorCode.CARD_NOT_ACTIVE,
    `This card cannot be used now (reported lost or cancelled)${unchanged}`,
  );
}

/** The journeys that need the host's word that the card is active (a reset also takes a made one). */
export type ActiveCardJourney = 'changePin' | 'resetPin' | 'balance' | 'records' | 'withdraw';

export async function activatePin(deps: NewPinJourneyDeps, tools: JourneyTools, w: PinWrite): Promise<void> {
  const card = { cardNumber: w.cardNumber, idNumber: w.idNumber };
  // what a boot needs to send the host's activation again, sealed before the chip changes
  await sealForActivation(tools, card);
  const defaultPin = SecurePin.fromKeys(DEFAULT_CARD_PIN_DIGITS);
  /** the chip was asked and did not answer: its PIN is not known */
  let unanswered = false;
  try {
    await tools.irreversible(
      'card.changePin',
      async () => {
        unanswered = true;
        const verdict = await deps.cardReader.changePin(defaultPin, w.newPin, w.signal).catch((e) => {
          // the chip's answer: its PIN locked before, nothing written (PIN_ALREADY_BLOCKED)
          if (KioskError.is(e, ErrorCode.PIN_ALREADY_BLOCKED)) unanswered = false;
          throw e;
        });
        unanswered = false;
        // the host holds the card as new (an active one is refused as it is read), yet the chip no
        // longer takes its default PIN: an earlier activation set a PIN the host never heard of
        refuseOldPin(verdict, activationUnfinished());
      },
      undefined,
      // committed with the activation's intent: a restart finds the host's act owed, or neither
      { doneWithNextWrite: true },
    );
  } catch (e) {
    // no answer of the chip (the card pulled mid-write, the reader lost): its PIN is not known
    if (unanswered) await pinWriteCut(tools, e);
    throw e;
  } finally {
    defaultPin.wipe();
  }
  // owed to the host from here: not answered, it goes on in the background (`card-activation.ts`)
  await activateAtHost(deps, tools, card, w.signal);
}

/** A new card's activation the chip may hold and the host does not: the reset road finishes it. */
function activationUnfinished(): KioskError {
  return new KioskError(
    ErrorCode.ACTIVATION_UNFINISHED,
    'The activation of this card did not finish: choose “Reset PIN” with your ID card to set the PIN and finish it.',
  );
}

/**
 * The chip gave no answer to the activation's PIN write (the card pulled mid-write, the reader
 * lost): the chip may hold the new PIN while the host holds the card as new. Journaled for staff
 * (`card.pinWriteCut`), and the resident is sent to the reset road (ACTIVATION_UNFINISHED), which
 * sets the PIN under the host's key whatever the chip holds, and activates the card.
 */
async function pinWriteCut(tools: Pick<JourneyTools, 'step'>, e: unknown): Promise<never> {
  const code = KioskError.from(e).code;
  await tools.step(PIN_WRITE_CUT, { purpose: 'activate', code, chipPin: 'unknown', next: 'resetPin' });
  throw activationUnfinished();
}

/** journal step: a PIN write the chip did not answer, its PIN not known (the host not told) */
export const PIN_WRITE_CUT = 'card.pinWriteCut';

export async function changePin(deps: NewPinJourneyDeps, tools: JourneyTools, w: PinWrite): Promise<void> {
  const current = deps.heldPin.take();
  if (!current) {
    throw new KioskError(
      ErrorCode.SESSION_CANCELLED,
      'Your current PIN is needed again; please start again.',
    );
  }
  try {
    await tools.irreversible('card.changePin', async () =>
      refuseOldPin(
        await deps.cardReader.changePin(current, w.newPin, w.signal),
        new KioskError(ErrorCode.PIN_WRONG, 'The card did not accept your current PIN; nothing was changed.'),
      ),
    );
  } finally {
    current.wipe();
  }
}

export async function resetPin(deps: NewPinJourneyDeps, tools: JourneyTools, w: PinWrite): Promise<void> {
  const chip = tools.card();
  if (!chip) throw new KioskError(ErrorCode.CARD_REMOVED, 'There is no card in the reader.');
  // the host's answers first: a host that does not answer leaves the card as it was. The card's
  // state is the one the host gave as the card was read: the card has stayed in this reader since
  // (a card is activated with the card in hand) and the key handout below refuses a card reported
  // lost or cancelled meanwhile, so that answer still decides the activation. Asked here only when
  // the reset came without it (chosen after another journey of the session).
  const state = w.cardStateAtRead ?? (await deps.host.card(w.cardNumber, w.signal)).state;
  const answer = await deps.host.pinUnlockKey(
    { cardNumber: w.cardNumber, cardIdentifier: chip.cardIdentifier, idNumber: w.idNumber },
    w.signal,
  );
  const cardKey = Buffer.from(answer.keyHex, 'hex');
  const card = { cardNumber: w.cardNumber, idNumber: w.idNumber };
  // the host's acts are owed from the chip's done on, journaled or not yet (`owed-host-acts.ts`):
  // what a boot needs to send them is sealed before the chip changes, and the done says whether
  // the reset activates a new card
  if (state === 'made') await sealForActivation(tools, card);
  else await tools.seal?.('cardNumber', w.cardNumber);
  const activates = state === 'made' ? { [RESET_ACTIVATES]: true } : undefined;
  try {
    await tools.irreversible(
      'card.resetPin',
      () => deps.cardReader.resetPin(cardKey, w.newPin, w.signal),
      { keyVersion: answer.keyVersion },
      { doneDetail: () => activates },
    );
  } finally {
    cardKey.fill(0);
  }
  // the card answers to the new PIN already: a report the host did not answer is tried again in
  // the background, the same report under the same key, across a restart (`pin-reset-report.ts`)
  await reportPinReset(deps, tools, w.cardNumber, w.signal);
  // a new card whose default PIN was locked: the new PIN is set, so the card is activated now; not
  // answered, tried again in the background and at the next boot (activation cannot: the default is gone)
  if (state === 'made') await activateAtHost(deps, tools, card, w.signal);
}
