/** Personal-account queries: balance (card + ID number in the body) and the latest records. */
import { ErrorCode } from '@kiosk/domain';
import type { FastifyInstance } from 'fastify';
import { CardParams } from '../cards/cards.schemas.js';
import { findCard, requireUsableCard } from '../cards/card-rules.js';
import { HostError, parseInput } from '../http/host-error.js';
import type { HostStore } from '../store/host-store.js';
import { type AccountRecord, type BalanceAnswer, BalanceRequest, RecordsQuery } from './accounts.schemas.js';

export function accountsRoutes(store: HostStore, now: () => Date) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/accounts/balance', async (request): Promise<BalanceAnswer> => {
      const body = parseInput(BalanceRequest, request.body, 'balance request');
      request.auditCardNumber = body.cardNumber;
      const card = findCard(store, body.cardNumber);
      const holder = store.holderOf(card);
      if (holder.idNumber !== body.idNumber) {
        throw new HostError(
          403,
          ErrorCode.ID_MISMATCH,
          'The ID number does not belong to this card; use your own ID card.',
        );
      }
      const at = now();
      requireUsableCard(store, card, at);
      return {
        cardNumber: card.cardNumber,
        balanceFen: store.ledger.balanceOf(holder.accountId),
        asOf: at.toISOString(),
      };
    });

    app.get('/accounts/:cardNumber/records', async (request): Promise<AccountRecord[]> => {
      const { cardNumber } = parseInput(CardParams, request.params, 'card number');
      const { limit } = parseInput(RecordsQuery, request.query, 'query');
      request.auditCardNumber = cardNumber;
      const card = findCard(store, cardNumber);
      requireUsableCard(store, card, now());
      const accountId = store.holderOf(card).accountId;
      const records: AccountRecord[] = [];
      let balance = 0;
      for (const tx of store.ledger.transactionsOf(accountId)) {
        const amountFen = tx.entries
          .filter((e) => e.accountId === accountId)
          .reduce((sum, e) => sum + e.amountFen, 0);
        balance += amountFen;
        records.push({
          at: tx.at,
          kind: tx.kind,
          amountFen,
          balanceAfterFen: balance,
          description: tx.description,
        });
      }
      return records.slice(-limit).reverse();
    });
  };
}
