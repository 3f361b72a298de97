/**
 * Card-state rules the host applies on every use: a temporary loss lapses back to active after
 * 15 days unless confirmed; a card past its expiry date is expired whatever its stored state;
 * only an active, unexpired card may query, print records or withdraw.
 */
import { ErrorCode } from '@kiosk/domain';
import { HostError } from '../http/host-error.js';
import { isoDate, DAY_MS } from '../seed/calendar.js';
import type { Card, CardState, HostStore } from '../store/host-store.js';

export const TEMPORARY_LOSS_LAPSE_DAYS = 15;

/** Applies a lapsed temporary loss (persisted) and reports expiry; returns the state as of `now`. */
export function effectiveCardState(store: HostStore, card: Card, now: Date): CardState {
  if (
    card.state === 'temporarilyLost' &&
    now.getTime() - Date.parse(card.stateChangedAt) >= TEMPORARY_LOSS_LAPSE_DAYS * DAY_MS
  ) {
    card.state = 'active';
    card.stateChangedAt = now.toISOString();
    store.record({
      at: now.toISOString(),
      kioskId: 'host',
      action: 'card.temporaryLossLapsed',
      cardNumber: card.cardNumber,
      outcome: 'ok',
    });
  }
  if ((card.state === 'active' || card.state === 'made') && isoDate(now) >= card.expiryDate) {
    return 'expired';
  }
  return card.state;
}

export function findCard(store: HostStore, cardNumber: string): Card {
  const card = store.cards.get(cardNumber);
  if (!card) {
    throw new HostError(404, ErrorCode.CARD_NOT_FOUND, 'The host knows no card with this number.');
  }
  return card;
}

const STATE_ADVICE: Record<CardState, string> = {
  made: 'The card is not activated yet; activate it with a new PIN first.',
  active: '',
  temporarilyLost: 'The card is reported temporarily lost; unfreeze it first.',
  lost: 'The card is reported lost; apply for a replacement.',
  cancelled: 'The card is cancelled; use the replacement card.',
  expired: 'The card has expired; apply for a new card.',
};

/** Throws CARD_EXPIRED or CARD_NOT_ACTIVE unless the card is active and unexpired. */
export function requireUsableCard(store: HostStore, card: Card, now: Date): void {
  const state = effectiveCardState(store, card, now);
  if (state === 'expired') throw new HostError(409, ErrorCode.CARD_EXPIRED, STATE_ADVICE.expired);
  if (state !== 'active') throw new HostError(409, ErrorCode.CARD_NOT_ACTIVE, STATE_ADVICE[state]);
}
