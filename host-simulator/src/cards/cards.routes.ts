/** Card lookups and the card lifecycle: activation, temporary loss, unfreeze, PIN events. */
import type { FastifyInstance } from 'fastify';
import type { HostContext } from '../host-context.js';
import { parseInput } from '../http/host-error.js';
import { applyCardEvent, type CardEvent } from './card-lifecycle.service.js';
import {
  HolderProof,
  type PinEventAnswer,
  PinEvent,
  type CardStateAnswer,
} from './card-lifecycle.schemas.js';
import { effectiveCardState, findCard, requireHolder } from './card-rules.js';
import { CardParams, type CardInfo } from './cards.schemas.js';

const LIFECYCLE_ROUTES: readonly (readonly [string, CardEvent])[] = [
  ['activate', 'activate'],
  ['temporary-loss', 'reportTemporaryLoss'],
  ['unfreeze', 'unfreeze'],
];

export function cardsRoutes(ctx: HostContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/cards/:cardNumber', async (request): Promise<CardInfo> => {
      const { cardNumber } = parseInput(CardParams, request.params, 'card number');
      request.auditCardNumber = cardNumber;
      const card = findCard(ctx, cardNumber);
      ctx.anomalies.noteCardUse(cardNumber, request.kioskId, ctx.now());
      const holder = ctx.store.holderOf(card);
      return {
        cardNumber: card.cardNumber,
        state: effectiveCardState(ctx, card),
        idNumber: holder.idNumber,
        name: holder.name,
        issueDate: card.issueDate,
        expiryDate: card.expiryDate,
        regionCode: card.regionCode,
      };
    });

    for (const [path, event] of LIFECYCLE_ROUTES) {
      app.post(
        `/cards/:cardNumber/${path}`,
        { config: { idempotent: true } },
        async (request): Promise<CardStateAnswer> => {
          const { cardNumber } = parseInput(CardParams, request.params, 'card number');
          const { idNumber } = parseInput(HolderProof, request.body, 'request body');
          request.auditCardNumber = cardNumber;
          const card = findCard(ctx, cardNumber);
          requireHolder(ctx, card, idNumber);
          return applyCardEvent(ctx, card, event, request.kioskId);
        },
      );
    }

    app.post(
      '/cards/:cardNumber/pin-events',
      { config: { idempotent: true } },
      async (request): Promise<PinEventAnswer> => {
        const { cardNumber } = parseInput(CardParams, request.params, 'card number');
        const { outcome } = parseInput(PinEvent, request.body, 'request body');
        request.auditCardNumber = cardNumber;
        const card = findCard(ctx, cardNumber);
        const noted = ctx.anomalies.notePinEvent(cardNumber, request.kioskId, outcome, ctx.now());
        return { cardNumber, ...noted, withdrawalsBlocked: card.withdrawalBlock !== null };
      },
    );
  };
}
