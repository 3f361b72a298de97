/** Applications, replacement, fee payment, card making and issuer keys. */
import type { FastifyInstance } from 'fastify';
import { CardParams } from '../cards/cards.schemas.js';
import type { HostContext } from '../host-context.js';
import { parseInput } from '../http/host-error.js';
import {
  ApplicationLookup,
  ApplicationParams,
  CardOrder,
  FeeFromAccount,
  IssuanceReport,
  IssuerKeyRequest,
  PaymentParams,
  QrOrderRequest,
  ReplacementRequest,
  ResidentLookup,
} from './issuance.schemas.js';
import {
  issuerKeyFor,
  lookupApplications,
  lookupResident,
  orderCard,
  payFeeFromAccount,
  qrPaymentView,
  reportIssuance,
  startQrPayment,
} from './issuance.service.js';
import { requestReplacement } from './replacement-request.js';

const idempotent = { config: { idempotent: true } };

export function issuanceRoutes(ctx: HostContext) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/applications/lookup', async (request) => {
      const { idNumber } = parseInput(ApplicationLookup, request.body, 'request body');
      return { applications: lookupApplications(ctx, idNumber) };
    });

    app.post('/residents/lookup', async (request) => {
      const { idNumber } = parseInput(ResidentLookup, request.body, 'request body');
      return lookupResident(ctx, idNumber);
    });

    app.post('/cards/:cardNumber/replacement', idempotent, async (request) => {
      const { cardNumber } = parseInput(CardParams, request.params, 'card number');
      const body = parseInput(ReplacementRequest, request.body, 'request body');
      request.auditCardNumber = cardNumber;
      return requestReplacement(ctx, request.kioskId, cardNumber, body.idNumber, body.reason, {
        handedIn: body.handedIn === true,
      });
    });

    app.post('/applications/:applicationNo/fee/account', idempotent, async (request) => {
      const { applicationNo } = parseInput(ApplicationParams, request.params, 'application number');
      const { idNumber } = parseInput(FeeFromAccount, request.body, 'request body');
      return payFeeFromAccount(ctx, request.kioskId, applicationNo, idNumber);
    });

    app.post('/applications/:applicationNo/fee/qr', idempotent, async (request) => {
      const { applicationNo } = parseInput(ApplicationParams, request.params, 'application number');
      const { validForMs } = parseInput(QrOrderRequest, request.body ?? {}, 'request body');
      return startQrPayment(ctx, applicationNo, validForMs);
    });

    app.get('/payments/:paymentId', async (request) => {
      const { paymentId } = parseInput(PaymentParams, request.params, 'payment id');
      return qrPaymentView(ctx, paymentId);
    });

    /** the kiosk stopped waiting: the order can no longer be paid; a paid one answers `paid` */
    app.post('/payments/:paymentId/close', idempotent, async (request) => {
      const { paymentId } = parseInput(PaymentParams, request.params, 'payment id');
      ctx.qrProvider.close(paymentId);
      return qrPaymentView(ctx, paymentId);
    });

    /** an order paid after the kiosk had given up: the fee goes back to the resident, once */
    app.post('/payments/:paymentId/refund', idempotent, async (request) => {
      const { paymentId } = parseInput(PaymentParams, request.params, 'payment id');
      ctx.qrProvider.refund(paymentId);
      return qrPaymentView(ctx, paymentId);
    });

    /** demo only: the resident "scans and pays" (the demo panel calls this through the daemon) */
    app.post('/demo/payments/:paymentId/pay', async (request) => {
      const { paymentId } = parseInput(PaymentParams, request.params, 'payment id');
      ctx.qrProvider.pay(paymentId);
      return qrPaymentView(ctx, paymentId);
    });

    app.post('/applications/:applicationNo/card', idempotent, async (request) => {
      const { applicationNo } = parseInput(ApplicationParams, request.params, 'application number');
      const { idNumber } = parseInput(CardOrder, request.body, 'request body');
      const order = orderCard(ctx, request.kioskId, applicationNo, idNumber);
      request.auditCardNumber = order.cardNumber;
      return order;
    });

    app.post('/cards/:cardNumber/issuer-key', async (request) => {
      const { cardNumber } = parseInput(CardParams, request.params, 'card number');
      const { purpose, cardIdentifier, idNumber } = parseInput(
        IssuerKeyRequest,
        request.body,
        'request body',
      );
      request.auditCardNumber = cardNumber;
      return issuerKeyFor(ctx, request.kioskId, cardNumber, purpose, cardIdentifier, idNumber);
    });

    app.post('/applications/:applicationNo/issued', idempotent, async (request) => {
      const { applicationNo } = parseInput(ApplicationParams, request.params, 'application number');
      const report = parseInput(IssuanceReport, request.body, 'request body');
      request.auditCardNumber = report.cardNumber;
      return reportIssuance(ctx, request.kioskId, applicationNo, report);
    });
  };
}
