/**
 * Fault: a back office that answers the kiosk's ask for the withdrawal under its serial
 * (`GET /v1/withdrawals?transactionSerial=`) with withdrawals of other serials (it ignored the
 * filter: an older release, a proxy dropping the query; newest first) had the first taken as this
 * one's: boot recovery and a supervisor's verdict confirmed or gave back that other withdrawal's
 * hold by its authorisation id, and one the host had settled counted this one settled by the host.
 * Such an answer is now refused (HOST_BAD_RESPONSE, naming the serial asked for): recovery leaves the
 * withdrawal for staff as for any bad answer, nothing moves. The release of a hold by its serial
 * (`POST /v1/withdrawals/release`) answering another serial's withdrawals is refused alike.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { MetricsService } from '../telemetry/metrics.service.js';
import type { HostConnection } from './host-connection.js';
import { HostService } from './host.service.js';
import { cannedBackOffice } from './json-back-office.spec-support.js';

const backOffice = cannedBackOffice();
const host = new HostService(
  { client: () => backOffice.client, kioskId: () => 'K-TEST' } as unknown as HostConnection,
  new MetricsService(),
);

const withdrawalOf = (serial: string, authorisationId: string) => ({
  authorisationId,
  cardNumber: 'A12345678',
  transactionSerial: serial,
  status: 'confirmed',
  amountFen: 30_000,
  heldFen: 0,
  paidFen: 30_000,
  reversedFen: 0,
  balanceAfterFen: 1_000_000,
  authorisedAt: '2026-11-27T01:00:00.000Z',
  settledAt: '2026-11-27T01:01:00.000Z',
});
const asked = withdrawalOf('K-TEST-000007', 'W00000007');
const other = withdrawalOf('K-TEST-000009', 'W00000009');

describe('withdrawal of another serial answered', () => {
  it('the status ask answered with another serial’s withdrawal is refused, not taken as this one', async () => {
    backOffice.answer = { withdrawals: [other] };
    await expect(host.withdrawalByKey('K-TEST-000007')).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
      details: { serial: 'K-TEST-000007' },
    });
  });

  it('the status ask answered with this serial’s withdrawal among others is refused too', async () => {
    backOffice.answer = { withdrawals: [other, asked] };
    await expect(host.withdrawalByKey('K-TEST-000007')).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
    });
  });

  it('the hold release answered with another serial’s withdrawal is refused', async () => {
    backOffice.answer = { withdrawals: [other] };
    await expect(host.releaseWithdrawalHold('K-TEST-000007', 'timeout')).rejects.toMatchObject({
      code: ErrorCode.HOST_BAD_RESPONSE,
    });
  });

  it('an answer of this serial alone is read; none is none', async () => {
    backOffice.answer = { withdrawals: [asked] };
    expect(await host.withdrawalByKey('K-TEST-000007')).toMatchObject({ authorisationId: 'W00000007' });
    expect(await host.releaseWithdrawalHold('K-TEST-000007', 'timeout')).toHaveLength(1);
    backOffice.answer = { withdrawals: [] };
    expect(await host.withdrawalByKey('K-TEST-000007')).toBeUndefined();
  });
});
