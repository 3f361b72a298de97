/**
 * The card's state machine at the host: made → active (PIN activation, both functions enabled)
 * → temporarily lost (lapses after 15 days) → lost → cancelled; expired by date. An event not
 * allowed from the card's state is refused with CARD_STATE_CONFLICT (CARD_EXPIRED when expired).
 */
import { ErrorCode } from '@kiosk/domain';
import type { HostContext } from '../host-context.js';
import { HostError } from '../http/host-error.js';
import type { Card, CardState } from '../store/host-store.js';
import { effectiveCardState, STATE_ADVICE, temporaryLossLapsesAt } from './card-rules.js';
import type { CardStateAnswer } from './card-lifecycle.schemas.js';

export type CardEvent = 'activate' | 'reportTemporaryLoss' | 'unfreeze' | 'confirmLoss' | 'cancel';

export const CARD_TRANSITIONS: Readonly<Record<CardEvent, { from: readonly CardState[]; to: CardState }>> = {
  activate: { from: ['made'], to: 'active' },
  reportTemporaryLoss: { from: ['active'], to: 'temporarilyLost' },
  unfreeze: { from: ['temporarilyLost'], to: 'active' },
  confirmLoss: { from: ['active', 'temporarilyLost'], to: 'lost' },
  cancel: { from: ['made', 'active', 'temporarilyLost', 'lost', 'expired'], to: 'cancelled' },
};

export function cardStateAnswer(ctx: HostContext, card: Card): CardStateAnswer {
  return {
    cardNumber: card.cardNumber,
    state: effectiveCardState(ctx, card),
    functions: { ...card.functions },
    stateChangedAt: card.stateChangedAt,
    temporaryLossLapsesAt: temporaryLossLapsesAt(ctx, card),
  };
}

export function applyCardEvent(
  ctx: HostContext,
  card: Card,
  event: CardEvent,
  kioskId: string,
): CardStateAnswer {
  const state = effectiveCardState(ctx, card);
  const transition = CARD_TRANSITIONS[event];
  if (!transition.from.includes(state)) {
    if (state === 'expired') throw new HostError(409, ErrorCode.CARD_EXPIRED, STATE_ADVICE.expired);
    throw new HostError(
      409,
      ErrorCode.CARD_STATE_CONFLICT,
      `This cannot be done to a card in state "${state}". ${STATE_ADVICE[state]}`,
    );
  }
  const at = ctx.now().toISOString();
  card.state = transition.to;
  card.stateChangedAt = at;
  if (event === 'activate') card.functions = { socialSecurity: true, bank: true };
  ctx.store.record({ at, kioskId, action: `card.${event}`, cardNumber: card.cardNumber, outcome: 'ok' });
  return cardStateAnswer(ctx, card);
}
