/** Personal-account queries: balance (card + ID number in the body) and the latest records. */
import type { FastifyInstance } from 'fastify';
import { CardParams } from '../cards/cards.schemas.js';
import { findCard, requireHolder, requireUsableCard } from '../cards/card-rules.js';
import type { HostContext } from '../host-context.js';
import { parseInput } from '../http/host-error.js';
import {
  type AccountRecordSent,
  type BalanceAnswer,
  BalanceRequest,
  RecordsQuery,
} from './accounts.schemas.js';
import { recordDescriptionsOf } from './record-descriptions.js';

export function accountsRoutes(ctx: HostContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/accounts/balance', async (request): Promise<BalanceAnswer> => {
      const body = parseInput(BalanceRequest, request.body, 'balance request');
      request.auditCardNumber = body.cardNumber;
      const card = findCard(ctx, body.cardNumber);
      const holder = requireHolder(ctx, card, body.idNumber);
      requireUsableCard(ctx, card);
      ctx.anomalies.noteCardUse(card.cardNumber, request.kioskId, ctx.now());
      return {
        cardNumber: card.cardNumber,
        balanceFen: ctx.store.ledger.balanceOf(holder.accountId),
        asOf: ctx.now().toISOString(),
      };
    });

    app.get('/accounts/:cardNumber/records', async (request): Promise<AccountRecordSent[]> => {
      const { cardNumber } = parseInput(CardParams, request.params, 'card number');
      const { limit } = parseInput(RecordsQuery, request.query, 'query');
      request.auditCardNumber = cardNumber;
      const card = findCard(ctx, cardNumber);
      requireUsableCard(ctx, card);
      ctx.anomalies.noteCardUse(card.cardNumber, request.kioskId, ctx.now());
      const accountId = ctx.store.holderOf(card).accountId;
      const records: AccountRecordSent[] = [];
      let balance = 0;
      for (const tx of ctx.store.ledger.transactionsOf(accountId)) {
        const amountFen = tx.entries
          .filter((e) => e.accountId === accountId)
          .reduce((sum, e) => sum + e.amountFen, 0);
        balance += amountFen;
        const code = tx.detail ?? tx.kind;
        const descriptions = recordDescriptionsOf(code);
        records.push({
          at: tx.at,
          kind: tx.kind,
          amountFen,
          balanceAfterFen: balance,
          description: tx.description,
          // the resident's wording in each language, for a kiosk that does not know the code
          ...(descriptions !== undefined ? { descriptions } : {}),
          code,
          ...(tx.detail !== undefined ? { detail: tx.detail } : {}),
        });
      }
      return records.slice(-limit).reverse();
    });
  };
}
