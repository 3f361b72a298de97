/**
 * Fault: a value the kiosk does not know in a list of the host's that decides an action (a card's
 * state, an application's kind or status, a payment's or a withdrawal's status) failed the call as
 * the generic HOST_BAD_RESPONSE, which told the resident, the journal and the fleet nothing. These
 * lists stay closed (ADR 0013: nothing is guessed), but each refuses with its own code, naming the
 * field; an answer broken besides is still a bad response, and a list that decides nothing
 * (how a fee was paid) is read open.
 */
import { describe, expect, it } from '@jest/globals';
import { demoResident, ErrorCode, KioskError } from '@kiosk/domain';
import {
  ApplicationView,
  CardInfo,
  QrPaymentView,
  ResidentAnswer,
  WithdrawalList,
  WithdrawalView,
} from '@kiosk/host-simulator/contract';
import type { z } from 'zod';
import { cannedBackOffice } from './json-back-office.spec-support.js';

const li = demoResident('li')!;
const backOffice = cannedBackOffice();

async function refusalOf(schema: z.ZodType, sent: unknown): Promise<{ code: string; field?: unknown }> {
  backOffice.answer = sent;
  try {
    await backOffice.client.request({ method: 'GET', path: '/v1/any', schema });
  } catch (e) {
    const error = KioskError.from(e);
    return { code: error.code, field: error.details['field'] };
  }
  throw new Error('the answer was read');
}

const card = {
  cardNumber: li.cardNumber,
  state: 'active',
  idNumber: li.idNumber,
  name: li.name,
  issueDate: '2020-01-01',
  expiryDate: '2030-01-01',
  regionCode: '410800',
};
const application = {
  applicationNo: 'A0000002',
  kind: 'replacement',
  status: 'awaitingFee',
  feeFen: 2_000,
  feePaidBy: null,
  replacesCardNumber: li.cardNumber,
  reservedCardNumber: null,
  issuedCardNumber: null,
  createdAt: '2026-11-27T01:00:00.000Z',
};
const payment = {
  paymentId: 'QR00000001',
  applicationNo: 'A0000002',
  amountFen: 2_000,
  status: 'pending',
  qrContent: 'kiosk-pay:QR00000001',
  expiresAt: '2026-11-27T01:05:00.000Z',
  expiresInMs: 300_000,
  paidAt: null,
};
const withdrawal = {
  authorisationId: 'W00000001',
  cardNumber: li.cardNumber,
  transactionSerial: 'K-TEST-000001',
  status: 'authorised',
  amountFen: 30_000,
  heldFen: 30_000,
  paidFen: 0,
  reversedFen: 0,
  balanceAfterFen: 1_174_550,
  authorisedAt: '2026-11-27T01:00:00.000Z',
  settledAt: null,
};

describe('unknown host state in a list that decides an action', () => {
  it('refuses a card state the kiosk does not know with HOST_UNKNOWN_CARD_STATE', async () => {
    await expect(refusalOf(CardInfo, { ...card, state: 'suspended' })).resolves.toEqual({
      code: ErrorCode.HOST_UNKNOWN_CARD_STATE,
      field: 'state',
    });
  });

  it('refuses a resident one of whose cards is in an unknown state (the loss report cannot pick a card)', async () => {
    const resident = {
      name: li.name,
      sex: 'female',
      birthDate: '1962-11-09',
      cards: [
        { cardNumber: li.cardNumber, state: 'active', issueDate: '2020-01-01', expiryDate: '2030-01-01' },
        {
          cardNumber: 'H41080000777',
          state: 'frozenByCourt',
          issueDate: '2010-01-01',
          expiryDate: '2020-01-01',
        },
      ],
      applications: [],
    };
    await expect(refusalOf(ResidentAnswer, resident)).resolves.toEqual({
      code: ErrorCode.HOST_UNKNOWN_CARD_STATE,
      field: 'cards.1.state',
    });
  });

  it('refuses an application kind or status the kiosk does not know with HOST_UNKNOWN_APPLICATION', async () => {
    await expect(refusalOf(ApplicationView, { ...application, kind: 'transfer' })).resolves.toEqual({
      code: ErrorCode.HOST_UNKNOWN_APPLICATION,
      field: 'kind',
    });
    await expect(refusalOf(ApplicationView, { ...application, status: 'onHold' })).resolves.toEqual({
      code: ErrorCode.HOST_UNKNOWN_APPLICATION,
      field: 'status',
    });
  });

  it('refuses a payment status the kiosk does not know with HOST_UNKNOWN_PAYMENT_STATUS', async () => {
    await expect(refusalOf(QrPaymentView, { ...payment, status: 'refundPending' })).resolves.toEqual({
      code: ErrorCode.HOST_UNKNOWN_PAYMENT_STATUS,
      field: 'status',
    });
  });

  it('refuses a withdrawal status the kiosk does not know with HOST_UNKNOWN_WITHDRAWAL_STATUS, alone or in a list', async () => {
    await expect(refusalOf(WithdrawalView, { ...withdrawal, status: 'frozen' })).resolves.toEqual({
      code: ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS,
      field: 'status',
    });
    const list = { withdrawals: [withdrawal, { ...withdrawal, status: 'partlySettled' }] };
    await expect(refusalOf(WithdrawalList, list)).resolves.toEqual({
      code: ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS,
      field: 'withdrawals.1.status',
    });
  });

  it('still calls an answer broken besides, or with no status at all (missing or null), a bad response', async () => {
    const broken = { ...withdrawal, status: 'frozen', amountFen: 300.5 };
    await expect(refusalOf(WithdrawalView, broken)).resolves.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
    });
    const { status: _none, ...statusless } = withdrawal;
    await expect(refusalOf(WithdrawalView, statusless)).resolves.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
    });
    await expect(refusalOf(WithdrawalView, { ...withdrawal, status: null })).resolves.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
    });
  });

  it('reads the known values as before, and a new way of paying a fee as other (it decides nothing)', async () => {
    backOffice.answer = { ...application, status: 'ready', feePaidBy: 'wechatPay' };
    await expect(
      backOffice.client.request({ method: 'GET', path: '/v1/any', schema: ApplicationView }),
    ).resolves.toMatchObject({
      kind: 'replacement',
      status: 'ready',
      feePaidBy: 'other',
    });
    backOffice.answer = withdrawal;
    await expect(
      backOffice.client.request({ method: 'GET', path: '/v1/any', schema: WithdrawalView }),
    ).resolves.toMatchObject({
      status: 'authorised',
    });
  });
});
