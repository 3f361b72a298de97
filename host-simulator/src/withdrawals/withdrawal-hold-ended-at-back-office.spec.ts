/**
 * A hold the host ends by itself (it expired unsettled, or the back office released it), no kiosk
 * asking: what is held goes back to the personal account, once; the kiosk learns it by asking for
 * the hold by its serial (reversed, nothing held), and its confirm or reversal is refused
 * WITHDRAWAL_ALREADY_SETTLED, nothing moved.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { releaseHoldAtBackOffice } from './withdrawal-release.js';
import { WithdrawalList, WithdrawalView } from './withdrawals.schemas.js';

const li = demoResident('li')!;

describe('withdrawal hold ended at the back office', () => {
  let host: RunningSimulator | undefined;
  afterEach(() => host?.close());

  it('gives back what is held once; the lookup by serial says so; the kiosk’s acts are refused', async () => {
    host = await startSimulator();
    const serial = 'T000001';
    const authorised = await host.request('POST', '/v1/withdrawals/authorise', {
      body: {
        cardNumber: li.cardNumber,
        idNumber: li.idNumber,
        amountFen: 30_000,
        transactionSerial: serial,
      },
      idempotencyKey: `JZ-0001:${serial}`,
    });
    const { authorisationId } = WithdrawalView.parse(authorised.json());
    const before = host.simulator.state.balanceOfCard(li.cardNumber)!;

    expect(releaseHoldAtBackOffice(host.simulator.context, authorisationId)).toMatchObject({ heldFen: 0 });
    expect(releaseHoldAtBackOffice(host.simulator.context, authorisationId)).toMatchObject({ heldFen: 0 });
    expect(releaseHoldAtBackOffice(host.simulator.context, 'W99999999')).toBeUndefined();
    expect(host.simulator.state.balanceOfCard(li.cardNumber)).toBe(before + 30_000);

    const looked = await host.request('GET', `/v1/withdrawals?transactionSerial=${serial}`);
    expect(WithdrawalList.parse(looked.json()).withdrawals).toEqual([
      expect.objectContaining({ status: 'reversed', heldFen: 0, paidFen: 0, reversedFen: 30_000 }),
    ]);
    const held = await host.request('GET', '/v1/withdrawals?status=authorised');
    expect(WithdrawalList.parse(held.json()).withdrawals).toEqual([]);
    const confirm = await host.request('POST', `/v1/withdrawals/${authorisationId}/confirm`, {
      idempotencyKey: `JZ-0001:${serial}:confirm`,
    });
    expect(confirm.status).toBe(409);
    expect(confirm.json().code).toBe('WITHDRAWAL_ALREADY_SETTLED');
    expect(host.simulator.state.balanceOfCard(li.cardNumber)).toBe(before + 30_000);
  });
});
