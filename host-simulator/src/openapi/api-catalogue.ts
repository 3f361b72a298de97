/**
 * Every host endpoint with its zod schemas: the OpenAPI document is written from this list, and a
 * test checks each entry is served, so the document and the routes cannot drift apart silently.
 */
import type { z } from 'zod';
import { AccountRecords, BalanceAnswer, BalanceRequest, RecordsQuery } from '../accounts/accounts.schemas.js';
import { CardStateAnswer, HolderProof, PinEvent, PinEventAnswer } from '../cards/card-lifecycle.schemas.js';
import { CardInfo, CardParams } from '../cards/cards.schemas.js';
import { HealthAnswer } from '../health/health.routes.js';
import {
  ApplicationList,
  ApplicationLookup,
  ApplicationParams,
  ApplicationView,
  CardOrder,
  CardPersonalisation,
  FeeFromAccount,
  IssuanceAnswer,
  IssuanceReport,
  IssuerKeyAnswer,
  IssuerKeyRequest,
  PaymentParams,
  QrOrderRequest,
  QrPaymentView,
  ReplacementRequest,
  ResidentAnswer,
  ResidentLookup,
} from '../issuance/issuance.schemas.js';
import {
  AuthorisationParams,
  LimitsRequest,
  WithdrawalHoldRelease,
  WithdrawalLimits,
  WithdrawalList,
  WithdrawalListQuery,
  WithdrawalRequest,
  WithdrawalReversal,
  WithdrawalView,
} from '../withdrawals/withdrawals.schemas.js';

export interface ApiOperation {
  readonly method: 'get' | 'post';
  /** Fastify-style path under /v1 (`:param`) */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly public?: boolean;
  readonly idempotent?: boolean;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** error codes this operation may answer besides auth, bad request and faults */
  readonly errors: readonly string[];
}

const CARD_USE = ['CARD_NOT_FOUND', 'ID_MISMATCH', 'CARD_NOT_ACTIVE', 'CARD_EXPIRED'];

// prettier-ignore
export const API_CATALOGUE: readonly ApiOperation[] = [
  { method: 'get', path: '/health', summary: 'Liveness (no key needed)', tag: 'health', public: true, response: HealthAnswer, errors: [] },
  { method: 'get', path: '/cards/:cardNumber', summary: 'Card state and holder summary', tag: 'cards', params: CardParams, response: CardInfo, errors: ['CARD_NOT_FOUND'] },
  { method: 'post', path: '/cards/:cardNumber/activate', summary: 'Activate a made card (both functions)', tag: 'cards', idempotent: true, params: CardParams, body: HolderProof, response: CardStateAnswer, errors: ['CARD_NOT_FOUND', 'ID_MISMATCH', 'CARD_STATE_CONFLICT', 'CARD_EXPIRED'] },
  { method: 'post', path: '/cards/:cardNumber/temporary-loss', summary: 'Report the card temporarily lost (lapses after 15 days)', tag: 'cards', idempotent: true, params: CardParams, body: HolderProof, response: CardStateAnswer, errors: ['CARD_NOT_FOUND', 'ID_MISMATCH', 'CARD_STATE_CONFLICT', 'CARD_EXPIRED'] },
  { method: 'post', path: '/cards/:cardNumber/unfreeze', summary: 'Lift a temporary loss', tag: 'cards', idempotent: true, params: CardParams, body: HolderProof, response: CardStateAnswer, errors: ['CARD_NOT_FOUND', 'ID_MISMATCH', 'CARD_STATE_CONFLICT', 'CARD_EXPIRED'] },
  { method: 'post', path: '/cards/:cardNumber/pin-events', summary: 'Report what the card answered to a PIN (never the PIN)', tag: 'cards', idempotent: true, params: CardParams, body: PinEvent, response: PinEventAnswer, errors: ['CARD_NOT_FOUND'] },
  { method: 'post', path: '/cards/:cardNumber/replacement', summary: 'Open a replacement application (confirms a loss)', tag: 'issuance', idempotent: true, params: CardParams, body: ReplacementRequest, response: ApplicationView, errors: ['CARD_NOT_FOUND', 'ID_MISMATCH', 'CARD_STATE_CONFLICT'] },
  { method: 'post', path: '/cards/:cardNumber/issuer-key', summary: 'The card key for personalisation or PIN unlock', tag: 'issuance', params: CardParams, body: IssuerKeyRequest, response: IssuerKeyAnswer, errors: ['CARD_NOT_FOUND', 'APPLICATION_STATE_CONFLICT', 'CARD_STATE_CONFLICT', 'CARD_CHIP_MISMATCH'] },
  { method: 'post', path: '/residents/lookup', summary: 'A resident by ID number: cards and open applications', tag: 'issuance', body: ResidentLookup, response: ResidentAnswer, errors: ['RESIDENT_NOT_FOUND'] },
  { method: 'post', path: '/applications/lookup', summary: 'Open card applications of a resident', tag: 'issuance', body: ApplicationLookup, response: ApplicationList, errors: ['RESIDENT_NOT_FOUND'] },
  { method: 'post', path: '/applications/:applicationNo/fee/account', summary: 'Pay the fee from the personal account', tag: 'issuance', idempotent: true, params: ApplicationParams, body: FeeFromAccount, response: ApplicationView, errors: ['APPLICATION_NOT_FOUND', 'ID_MISMATCH', 'APPLICATION_STATE_CONFLICT', 'INSUFFICIENT_BALANCE'] },
  { method: 'post', path: '/applications/:applicationNo/fee/qr', summary: 'Start a QR payment order for the fee (payable as long as the kiosk waits)', tag: 'issuance', idempotent: true, params: ApplicationParams, body: QrOrderRequest, response: QrPaymentView, errors: ['APPLICATION_NOT_FOUND', 'APPLICATION_STATE_CONFLICT'] },
  { method: 'get', path: '/payments/:paymentId', summary: 'QR payment order status (poll)', tag: 'issuance', params: PaymentParams, response: QrPaymentView, errors: ['PAYMENT_NOT_FOUND'] },
  { method: 'post', path: '/payments/:paymentId/close', summary: 'Close a QR payment order the kiosk stopped waiting for (a paid one answers paid)', tag: 'issuance', idempotent: true, params: PaymentParams, response: QrPaymentView, errors: ['PAYMENT_NOT_FOUND'] },
  { method: 'post', path: '/payments/:paymentId/refund', summary: 'Refund a QR payment paid after the kiosk gave up', tag: 'issuance', idempotent: true, params: PaymentParams, response: QrPaymentView, errors: ['PAYMENT_NOT_FOUND', 'PAYMENT_STATE_CONFLICT', 'APPLICATION_STATE_CONFLICT'] },
  { method: 'post', path: '/demo/payments/:paymentId/pay', summary: 'Demo: the resident scans and pays', tag: 'demo', params: PaymentParams, response: QrPaymentView, errors: ['PAYMENT_NOT_FOUND', 'PAYMENT_STATE_CONFLICT', 'PAYMENT_ORDER_CLOSED', 'APPLICATION_STATE_CONFLICT'] },
  { method: 'post', path: '/applications/:applicationNo/card', summary: 'Reserve a card number and get the personalisation data', tag: 'issuance', idempotent: true, params: ApplicationParams, body: CardOrder, response: CardPersonalisation, errors: ['APPLICATION_NOT_FOUND', 'ID_MISMATCH', 'FEE_NOT_PAID', 'APPLICATION_STATE_CONFLICT'] },
  { method: 'post', path: '/applications/:applicationNo/issued', summary: 'Report the card issued (taken) or abandoned', tag: 'issuance', idempotent: true, params: ApplicationParams, body: IssuanceReport, response: IssuanceAnswer, errors: ['APPLICATION_NOT_FOUND', 'APPLICATION_STATE_CONFLICT'] },
  { method: 'post', path: '/accounts/balance', summary: 'Personal-account balance', tag: 'accounts', body: BalanceRequest, response: BalanceAnswer, errors: CARD_USE },
  { method: 'get', path: '/accounts/:cardNumber/records', summary: 'Latest account records, newest first', tag: 'accounts', params: CardParams, query: RecordsQuery, response: AccountRecords, errors: ['CARD_NOT_FOUND', 'CARD_NOT_ACTIVE', 'CARD_EXPIRED'] },
  { method: 'post', path: '/withdrawals/limits', summary: 'What may still be withdrawn today', tag: 'withdrawals', body: LimitsRequest, response: WithdrawalLimits, errors: CARD_USE },
  { method: 'post', path: '/withdrawals/authorise', summary: 'Authorise (hold) a withdrawal; key = kiosk id + serial', tag: 'withdrawals', idempotent: true, body: WithdrawalRequest, response: WithdrawalView, errors: [...CARD_USE, 'ANOMALY_BLOCKED', 'WITHDRAWAL_AMOUNT_INVALID', 'WITHDRAWAL_SINGLE_CAP_EXCEEDED', 'WITHDRAWAL_DAILY_COUNT_EXCEEDED', 'WITHDRAWAL_DAILY_CAP_EXCEEDED', 'INSUFFICIENT_BALANCE', 'HOST_IDEMPOTENCY_KEY_REUSED'] },
  { method: 'get', path: '/withdrawals', summary: 'This kiosk’s withdrawals, newest first (recovery at boot)', tag: 'withdrawals', query: WithdrawalListQuery, response: WithdrawalList, errors: [] },
  { method: 'get', path: '/withdrawals/:authorisationId', summary: 'A withdrawal authorised by this kiosk (for recovery)', tag: 'withdrawals', params: AuthorisationParams, response: WithdrawalView, errors: ['WITHDRAWAL_NOT_FOUND'] },
  { method: 'post', path: '/withdrawals/:authorisationId/confirm', summary: 'Cash taken: pay out what is held', tag: 'withdrawals', idempotent: true, params: AuthorisationParams, response: WithdrawalView, errors: ['WITHDRAWAL_NOT_FOUND', 'WITHDRAWAL_ALREADY_SETTLED'] },
  { method: 'post', path: '/withdrawals/release', summary: 'Give back what is held under a serial whose authorisation the kiosk did not read (none held: a no-op, a later authorisation refused)', tag: 'withdrawals', idempotent: true, body: WithdrawalHoldRelease, response: WithdrawalList, errors: [] },
  { method: 'post', path: '/withdrawals/:authorisationId/reverse', summary: 'Return all or part of what is held', tag: 'withdrawals', idempotent: true, params: AuthorisationParams, body: WithdrawalReversal, response: WithdrawalView, errors: ['WITHDRAWAL_NOT_FOUND', 'WITHDRAWAL_ALREADY_SETTLED', 'WITHDRAWAL_AMOUNT_INVALID'] },
];
