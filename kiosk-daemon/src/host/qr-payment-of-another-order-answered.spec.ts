/**
 * Fault: a QR payment answer about another order than the one asked for (a mixed-up proxy or
 * cache, a back office's fault) was read as the asked one's: a status read answered with another
 * order's `paid` took another resident's payment as this fee's and a card was made unpaid; a close
 * answered so had the kiosk refund the order the answer named; a new order of another application
 * showed the resident another application's code to pay. Each is now refused (HOST_BAD_RESPONSE,
 * the path and the field that differed): the fee wait ends as on any bad answer, its order closed
 * by its own id.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { MetricsService } from '../telemetry/metrics.service.js';
import type { HostConnection } from './host-connection.js';
import { IssuanceHostService } from './issuance-host.service.js';
import { cannedBackOffice } from './json-back-office.spec-support.js';

const backOffice = cannedBackOffice();
const issuance = new IssuanceHostService(
  { client: () => backOffice.client, kioskId: () => 'K-TEST' } as unknown as HostConnection,
  new MetricsService(),
);

const orderOf = (paymentId: string, applicationNo: string, status = 'paid') => ({
  paymentId,
  applicationNo,
  amountFen: 2_000,
  status,
  qrContent: `kiosk-pay:${paymentId}`,
  expiresAt: '2026-11-27T01:05:00.000Z',
  expiresInMs: 0,
  paidAt: status === 'paid' ? '2026-11-27T01:01:00.000Z' : null,
});
const anotherResidents = orderOf('QR00000009', 'A0000009');

describe('QR payment of another order answered', () => {
  it('a status read answered with another order’s payment is refused, not taken as paid', async () => {
    backOffice.answer = anotherResidents;
    await expect(issuance.payment('QR00000001')).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
      details: { path: '/v1/payments/QR00000001', field: 'paymentId' },
    });
  });

  it.each([
    ['close', () => issuance.closeQrPayment('QR00000001', 'K-TEST-000001')],
    ['refund', () => issuance.refundQrPayment('QR00000001', 'K-TEST-000001')],
    ['demo pay', () => issuance.payDemoQr('QR00000001')],
  ])('a %s answered about another order is refused', async (_what, call) => {
    backOffice.answer = anotherResidents;
    await expect(call()).rejects.toMatchObject({ code: ErrorCode.HOST_BAD_RESPONSE });
  });

  it('a new order answered for another application is refused, its code never shown', async () => {
    backOffice.answer = orderOf('QR00000009', 'A0000009', 'pending');
    await expect(issuance.startQrPayment('A0000001', 'K-TEST-000001')).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
      details: { field: 'applicationNo' },
    });
  });

  it('answers about the order asked for are read', async () => {
    backOffice.answer = orderOf('QR00000001', 'A0000001', 'pending');
    expect(await issuance.startQrPayment('A0000001', 'K-TEST-000001')).toMatchObject({
      paymentId: 'QR00000001',
    });
    expect(await issuance.payment('QR00000001')).toMatchObject({ status: 'pending' });
  });
});
