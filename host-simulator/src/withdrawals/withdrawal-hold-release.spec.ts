/**
 * Fault: the kiosk could not read the host's answer to an authorisation (it timed out, or its
 * status was one the kiosk does not know) and releases the hold by the authorisation's serial.
 * The release gives back what is held, and is a no-op at the host where nothing is held: a hold
 * never made, one released already, one paid out. An authorisation arriving after its release
 * holds nothing.
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { SystemAccount } from '../ledger/ledger.js';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { WithdrawalList, WithdrawalView } from './withdrawals.schemas.js';

const li = demoResident('li')!;

describe('withdrawal hold released by its serial', () => {
  let host: RunningSimulator;
  let serial = 0;
  beforeEach(async () => {
    await host?.close();
    host = await startSimulator();
  });
  afterAll(() => host.close());

  const authorise = (transactionSerial: string, amountFen = 30_000) =>
    host.request('POST', '/v1/withdrawals/authorise', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber, amountFen, transactionSerial },
      idempotencyKey: `JZ-0001:${transactionSerial}`,
    });
  const release = (transactionSerial: string, key = `JZ-0001:${transactionSerial}:release`) =>
    host.request('POST', '/v1/withdrawals/release', {
      body: { transactionSerial, reason: 'timeout' },
      idempotencyKey: key,
    });
  const balance = () => host.simulator.state.balanceOfCard(li.cardNumber);
  const held = () => host.simulator.state.ledger.balanceOf(SystemAccount.withdrawalHolds);
  const movements = () => host.simulator.state.ledger.transactions().length;
  const nextSerial = () => `T${String(++serial).padStart(6, '0')}`;

  it('gives back all that is held, once, however often it is sent', async () => {
    const before = balance();
    const t = nextSerial();
    expect((await authorise(t)).status).toBe(200);
    expect(balance()).toBe(before! - 30_000);

    const res = await release(t);
    expect(res.status).toBe(200);
    const [w] = WithdrawalList.parse(res.json()).withdrawals;
    expect(w).toMatchObject({ transactionSerial: t, status: 'reversed', heldFen: 0, reversedFen: 30_000 });
    expect(balance()).toBe(before);
    expect(held()).toBe(0);

    const moved = movements();
    expect((await release(t)).status).toBe(200); // a replay of the same request
    const again = await release(t, `JZ-0001:${t}:release:again`); // a new request for the same hold
    expect(again.status).toBe(200);
    expect(WithdrawalList.parse(again.json()).withdrawals[0]?.status).toBe('reversed');
    expect(movements()).toBe(moved);
    expect(balance()).toBe(before);
    expect(host.simulator.state.ledger.isBalanced()).toBe(true);
  });

  it('is a no-op for a serial never authorised, and refuses the authorisation arriving after it', async () => {
    const before = balance();
    const moved = movements();
    const t = nextSerial();
    const res = await release(t);
    expect(res.status).toBe(200);
    expect(WithdrawalList.parse(res.json()).withdrawals).toEqual([]);
    expect(movements()).toBe(moved);

    const late = await authorise(t);
    expect(late.status).toBe(409);
    expect(late.json().code).toBe('WITHDRAWAL_ALREADY_SETTLED');
    expect(balance()).toBe(before);
    expect(held()).toBe(0);
    expect(movements()).toBe(moved);
  });

  it('moves nothing for a withdrawal already paid out', async () => {
    const t = nextSerial();
    const w = WithdrawalView.parse((await authorise(t)).json());
    expect(
      (
        await host.request('POST', `/v1/withdrawals/${w.authorisationId}/confirm`, {
          body: {},
          idempotencyKey: `JZ-0001:${t}:confirm`,
        })
      ).status,
    ).toBe(200);
    const after = balance();
    const moved = movements();
    const res = await release(t);
    expect(res.status).toBe(200);
    expect(WithdrawalList.parse(res.json()).withdrawals[0]).toMatchObject({
      status: 'confirmed',
      paidFen: 30_000,
    });
    expect(balance()).toBe(after);
    expect(movements()).toBe(moved);
  });

  it('releases only this kiosk’s serial: another kiosk’s hold under the same serial stays', async () => {
    const t = nextSerial();
    const other = await host.request('POST', '/v1/withdrawals/authorise', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber, amountFen: 10_000, transactionSerial: t },
      idempotencyKey: `JZ-0002:${t}`,
      kiosk: 'JZ-0002',
    });
    expect(other.status).toBe(200);
    expect(WithdrawalList.parse((await release(t)).json()).withdrawals).toEqual([]);
    expect(held()).toBe(10_000);
  });
});
