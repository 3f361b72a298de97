/** Withdrawals: limits, authorise (idempotency key = kiosk id + transaction serial), status, confirm, reverse. */
import type { FastifyInstance } from 'fastify';
import type { HostContext } from '../host-context.js';
import { parseInput } from '../http/host-error.js';
import {
  authoriseWithdrawal,
  confirmWithdrawal,
  getWithdrawal,
  listWithdrawals,
  reverseWithdrawal,
  withdrawalLimits,
} from './withdrawal.service.js';
import { releaseWithdrawalHold } from './withdrawal-release.js';
import {
  AuthorisationParams,
  LimitsRequest,
  WithdrawalHoldRelease,
  WithdrawalListQuery,
  WithdrawalRequest,
  WithdrawalReversal,
} from './withdrawals.schemas.js';

const idempotent = { config: { idempotent: true } };

export function withdrawalsRoutes(ctx: HostContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/withdrawals/limits', async (request) => {
      const body = parseInput(LimitsRequest, request.body, 'request body');
      request.auditCardNumber = body.cardNumber;
      return withdrawalLimits(ctx, body.cardNumber, body.idNumber);
    });

    app.post('/withdrawals/authorise', idempotent, async (request) => {
      const body = parseInput(WithdrawalRequest, request.body, 'request body');
      request.auditCardNumber = body.cardNumber;
      return authoriseWithdrawal(ctx, request.kioskId, body);
    });

    app.post('/withdrawals/release', idempotent, async (request) => {
      const body = parseInput(WithdrawalHoldRelease, request.body, 'request body');
      return { withdrawals: releaseWithdrawalHold(ctx, request.kioskId, body) };
    });

    app.get('/withdrawals', async (request) => {
      const query = parseInput(WithdrawalListQuery, request.query, 'query');
      return { withdrawals: listWithdrawals(ctx, request.kioskId, query) };
    });

    app.get('/withdrawals/:authorisationId', async (request) => {
      const { authorisationId } = parseInput(AuthorisationParams, request.params, 'authorisation id');
      const answer = getWithdrawal(ctx, request.kioskId, authorisationId);
      request.auditCardNumber = answer.cardNumber;
      return answer;
    });

    app.post('/withdrawals/:authorisationId/confirm', idempotent, async (request) => {
      const { authorisationId } = parseInput(AuthorisationParams, request.params, 'authorisation id');
      const answer = confirmWithdrawal(ctx, request.kioskId, authorisationId);
      request.auditCardNumber = answer.cardNumber;
      return answer;
    });

    app.post('/withdrawals/:authorisationId/reverse', idempotent, async (request) => {
      const { authorisationId } = parseInput(AuthorisationParams, request.params, 'authorisation id');
      const body = parseInput(WithdrawalReversal, request.body, 'request body');
      const answer = reverseWithdrawal(ctx, request.kioskId, authorisationId, body);
      request.auditCardNumber = answer.cardNumber;
      return answer;
    });
  };
}
