/** Card lookups: state and holder summary by card number. */
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../http/host-error.js';
import type { HostStore } from '../store/host-store.js';
import { effectiveCardState, findCard } from './card-rules.js';
import { CardParams, type CardInfo } from './cards.schemas.js';

export function cardsRoutes(store: HostStore, now: () => Date) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/cards/:cardNumber', async (request): Promise<CardInfo> => {
      const { cardNumber } = parseInput(CardParams, request.params, 'card number');
      request.auditCardNumber = cardNumber;
      const card = findCard(store, cardNumber);
      const holder = store.holderOf(card);
      return {
        cardNumber: card.cardNumber,
        state: effectiveCardState(store, card, now()),
        idNumber: holder.idNumber,
        name: holder.name,
        issueDate: card.issueDate,
        expiryDate: card.expiryDate,
        regionCode: card.regionCode,
      };
    });
  };
}
