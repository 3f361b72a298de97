/**
 * Fault: the card data the host answered a card order with was written as it came: an answer of
 * another application or another holder (a mixed-up proxy or cache, a back office's fault) had the
 * kiosk put another person's name and ID number on the chip and the face of the card it handed to
 * the resident identified by their own ID card. Such an answer is now refused (HOST_BAD_RESPONSE,
 * the field that differed, never its value) before any blank is fed.
 */
import { describe, expect, it } from '@jest/globals';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { MetricsService } from '../telemetry/metrics.service.js';
import type { HostConnection } from './host-connection.js';
import { IssuanceHostService } from './issuance-host.service.js';
import { cannedBackOffice } from './json-back-office.spec-support.js';

const li = demoResident('li')!;
const wang = demoResident('wang')!;
const backOffice = cannedBackOffice();
const issuance = new IssuanceHostService(
  { client: () => backOffice.client, kioskId: () => 'K-TEST' } as unknown as HostConnection,
  new MetricsService(),
);

const cardDataOf = (applicationNo: string, holder: { idNumber: string; name: string }) => ({
  applicationNo,
  cardNumber: 'A12345678',
  issuerRegionCode: '410800',
  issueDate: '2026-11-27',
  expiryDate: '2036-11-27',
  holder: { idNumber: holder.idNumber, name: holder.name, sex: 'female', birthDate: '1990-01-01' },
  keyVersion: 1,
});
const order = () => issuance.orderCard('A0000002', li.idNumber, 'K-TEST-000003', 1);

describe('card order answered for another holder', () => {
  it('card data of another holder is refused, naming the field and no value', async () => {
    backOffice.answer = cardDataOf('A0000002', wang);
    const refusal = await order().catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
      details: { path: '/v1/applications/A0000002/card', field: 'holder.idNumber' },
    });
    expect(JSON.stringify(refusal) + String(refusal)).not.toContain(wang.idNumber);
  });

  it('card data of another application is refused', async () => {
    backOffice.answer = cardDataOf('A0000009', li);
    await expect(order()).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
      details: { field: 'applicationNo' },
    });
  });

  it('card data of the application and the resident asked about is read', async () => {
    backOffice.answer = cardDataOf('A0000002', { ...li, idNumber: li.idNumber.toLowerCase() });
    expect(await order()).toMatchObject({ cardNumber: 'A12345678' });
  });
});
