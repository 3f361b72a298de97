/**
 * Card-state rules the host applies on every use: a temporary loss lapses back to active after
 * 15 days unless confirmed; a card past its expiry date is expired whatever its stored state;
 * only an active, unexpired card may query, print records or withdraw.
 */
import { ErrorCode } from '@kiosk/domain';
import type { HostContext } from '../host-context.js';
import { HostError } from '../http/host-error.js';
import { businessDay } from '../rules/host-rules.js';
import { DAY_MS } from '../seed/calendar.js';
import type { Card, CardState, Resident } from '../store/host-store.js';

/** When a temporary loss lapses (ISO date-time), or null when the card is not temporarily lost. */
export function temporaryLossLapsesAt(ctx: HostContext, card: Card): string | null {
  if (card.state !== 'temporarilyLost') return null;
  return new Date(Date.parse(card.stateChangedAt) + ctx.rules.temporaryLossLapseDays * DAY_MS).toISOString();
}

/** Applies a lapsed temporary loss (persisted) and reports expiry; returns the state as of now. */
export function effectiveCardState(ctx: HostContext, card: Card): CardState {
  const now = ctx.now();
  const lapsesAt = temporaryLossLapsesAt(ctx, card);
  if (lapsesAt !== null && now.toISOString() >= lapsesAt) {
    card.state = 'active';
    card.stateChangedAt = lapsesAt;
    ctx.store.record({
      at: now.toISOString(),
      kioskId: 'host',
      action: 'card.temporaryLossLapsed',
      cardNumber: card.cardNumber,
      outcome: 'ok',
    });
  }
  if (card.state !== 'cancelled' && card.state !== 'lost' && businessDay(ctx.rules, now) >= card.expiryDate) {
    return 'expired';
  }
  return card.state;
}

export function findCard(ctx: HostContext, cardNumber: string): Card {
  const card = ctx.store.cards.get(cardNumber);
  if (!card) {
    throw new HostError(404, ErrorCode.CARD_NOT_FOUND, 'The host knows no card with this number.');
  }
  return card;
}

/** The card's holder, after checking the ID number presented belongs to them. */
export function requireHolder(ctx: HostContext, card: Card, idNumber: string): Resident {
  const holder = ctx.store.holderOf(card);
  if (holder.idNumber !== idNumber) {
    throw new HostError(
      403,
      ErrorCode.ID_MISMATCH,
      'The ID number does not belong to this card; use your own ID card.',
    );
  }
  return holder;
}

export const STATE_ADVICE: Record<CardState, string> = {
  made: 'The card is not activated yet; activate it with a new PIN first.',
  active: 'The card is active.',
  temporarilyLost: 'The card is reported temporarily lost; unfreeze it first.',
  lost: 'The card is reported lost; apply for a replacement.',
  cancelled: 'The card is cancelled; use the replacement card.',
  expired: 'The card has expired; apply for a new card.',
};

/** Throws CARD_EXPIRED or CARD_NOT_ACTIVE unless the card is active and unexpired. */
export function requireUsableCard(ctx: HostContext, card: Card): void {
  const state = effectiveCardState(ctx, card);
  if (state === 'expired') throw new HostError(409, ErrorCode.CARD_EXPIRED, STATE_ADVICE.expired);
  if (state !== 'active') throw new HostError(409, ErrorCode.CARD_NOT_ACTIVE, STATE_ADVICE[state]);
}
