/**
 * The simulator's withdrawals: a hold authorised and paid out on confirm, reversed in part or in
 * whole, an authorisation or a confirm asked again by its key (a kiosk's retry after a timeout),
 * another kiosk's withdrawal hidden, and the held ones listed or found by serial for recovery.
 * Caps and refusals: withdrawal-caps.spec.
 */
import { describe, expect, it } from '@jest/globals';
import { kioskCashAccountId, SystemAccount } from '../ledger/ledger.js';
import { WithdrawalList, WithdrawalView } from './withdrawals.schemas.js';
import { li, withdrawalsHost, zhang } from './withdrawals.spec-support.js';

describe('withdrawals: holds, confirm and reverse', () => {
  const sim = withdrawalsHost();
  const { authorise, confirm, reverse, balanceOf } = sim;

  it('holds an authorised amount and pays it out to the kiosk on confirm', async () => {
    const res = await authorise(50_000);
    expect(res.status).toBe(200);
    const held = WithdrawalView.parse(res.json());
    expect(held).toMatchObject({
      status: 'authorised',
      heldFen: 50_000,
      balanceAfterFen: li.balanceFen - 50_000,
    });
    expect(sim.host.simulator.state.ledger.balanceOf(SystemAccount.withdrawalHolds)).toBe(50_000);
    const done = WithdrawalView.parse((await confirm(held.authorisationId)).json());
    expect(done).toMatchObject({ status: 'confirmed', heldFen: 0, paidFen: 50_000 });
    expect(sim.host.simulator.state.ledger.balanceOf(kioskCashAccountId('JZ-0001'))).toBe(50_000);
    expect(sim.host.simulator.state.ledger.balanceOf(SystemAccount.withdrawalHolds)).toBe(0);
    expect(sim.host.simulator.state.ledger.isBalanced()).toBe(true);
  });

  it('replays an authorisation with the same key: the first answer, money held once', async () => {
    const body = {
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 20_000,
      transactionSerial: 'S-42',
    };
    const first = await sim.host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:S-42',
    });
    sim.clock = new Date(sim.clock.getTime() + 60_000);
    const replay = await sim.host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:S-42',
    });
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(balanceOf()).toBe(li.balanceFen - 20_000);
    // the same serial under another key is still the same withdrawal
    const sameSerial = await sim.host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'other-key',
    });
    expect(sameSerial.json().authorisationId).toBe(first.json().authorisationId);
    expect(balanceOf()).toBe(li.balanceFen - 20_000);
  });

  it('reverses part of a hold after a dispense fault, then pays out the rest', async () => {
    const w = WithdrawalView.parse((await authorise(50_000)).json());
    const partial = WithdrawalView.parse(
      (await reverse(w.authorisationId, { amountFen: 20_000, reason: 'dispenseFault' })).json(),
    );
    expect(partial).toMatchObject({ status: 'authorised', heldFen: 30_000, reversedFen: 20_000 });
    const done = WithdrawalView.parse((await confirm(w.authorisationId)).json());
    expect(done).toMatchObject({ status: 'confirmed', paidFen: 30_000, reversedFen: 20_000, heldFen: 0 });
    expect(balanceOf()).toBe(li.balanceFen - 30_000);
    const records = (await sim.host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=2`)).json();
    expect(records.map((r: { kind: string; amountFen: number }) => [r.kind, r.amountFen])).toEqual([
      ['withdrawalReversal', 20_000],
      ['withdrawal', -50_000],
    ]);
  });

  it('refuses to reverse more than is held, and to settle a settled withdrawal', async () => {
    const w = WithdrawalView.parse((await authorise(10_000)).json());
    expect((await reverse(w.authorisationId, { amountFen: 20_000, reason: 'cancelled' })).json().code).toBe(
      'WITHDRAWAL_AMOUNT_INVALID',
    );
    expect((await reverse(w.authorisationId, { reason: 'cancelled' })).json().status).toBe('reversed');
    expect((await confirm(w.authorisationId)).json().code).toBe('WITHDRAWAL_ALREADY_SETTLED');
    expect(balanceOf()).toBe(li.balanceFen);
  });

  it('replays a confirm with the same key instead of refusing it', async () => {
    const w = WithdrawalView.parse((await authorise(10_000)).json());
    const first = await confirm(w.authorisationId, 'confirm-1');
    const again = await confirm(w.authorisationId, 'confirm-1');
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
  });

  it('hides a withdrawal from another kiosk (WITHDRAWAL_NOT_FOUND)', async () => {
    const w = WithdrawalView.parse((await authorise(10_000)).json());
    const res = await sim.host.request('POST', `/v1/withdrawals/${w.authorisationId}/confirm`, {
      body: {},
      idempotencyKey: 'x',
      kiosk: 'JZ-0002',
    });
    expect(res.json().code).toBe('WITHDRAWAL_NOT_FOUND');
    const status = await sim.host.request('GET', `/v1/withdrawals/${w.authorisationId}`);
    expect(status.json()).toMatchObject({ status: 'authorised', heldFen: 10_000 });
  });

  it('needs an idempotency key to authorise', async () => {
    const res = await sim.host.request('POST', '/v1/withdrawals/authorise', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber, amountFen: 10_000, transactionSerial: 'NK' },
    });
    expect(res.json().code).toBe('HOST_BAD_REQUEST');
    expect(balanceOf()).toBe(li.balanceFen);
  });

  it('books a withdrawal once when the kiosk times out and retries with the same key (host times out)', async () => {
    const body = {
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 30_000,
      transactionSerial: 'TO-1',
    };
    sim.host.simulator.faults.set({ delayMs: 300 });
    await expect(
      sim.host.request('POST', '/v1/withdrawals/authorise', {
        body,
        idempotencyKey: 'JZ-0001:TO-1',
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    const retry = await sim.host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:TO-1',
    });
    sim.host.simulator.faults.clear();
    expect(retry.status).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'authorised', heldFen: 30_000 });
    expect(sim.host.simulator.state.withdrawals.size).toBe(1);
    expect(balanceOf()).toBe(li.balanceFen - 30_000);
  });

  it('runs a retry afresh after a failed attempt (failWith), booking once', async () => {
    const body = {
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 10_000,
      transactionSerial: 'F-1',
    };
    sim.host.simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
    const failed = await sim.host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:F-1',
    });
    expect(failed.status).toBe(503);
    sim.host.simulator.faults.clear();
    const retry = await sim.host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:F-1',
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replay')).toBeNull();
    expect(balanceOf()).toBe(li.balanceFen - 10_000);
  });

  it('lists this kiosk’s withdrawals still held, for recovery after a restart', async () => {
    const held = WithdrawalView.parse((await authorise(10_000)).json());
    const done = WithdrawalView.parse((await authorise(10_000)).json());
    await confirm(done.authorisationId);
    await authorise(10_000, zhang, undefined, 'JZ-0002');
    const res = await sim.host.request('GET', '/v1/withdrawals?status=authorised');
    const list = WithdrawalList.parse(res.json());
    expect(list.withdrawals.map((w) => w.authorisationId)).toEqual([held.authorisationId]);
    const all = WithdrawalList.parse((await sim.host.request('GET', '/v1/withdrawals')).json());
    expect(all.withdrawals.map((w) => w.authorisationId)).toEqual([
      done.authorisationId,
      held.authorisationId,
    ]);
  });

  it('finds a withdrawal by its idempotency key (transaction serial), so a restarted kiosk learns its state', async () => {
    const held = WithdrawalView.parse((await authorise(10_000)).json());
    const byKey = async (query: string) =>
      WithdrawalList.parse((await sim.host.request('GET', `/v1/withdrawals?${query}`)).json()).withdrawals;
    expect(await byKey(`transactionSerial=${held.transactionSerial}`)).toEqual([held]);
    expect(await byKey(`transactionSerial=${held.transactionSerial}&status=confirmed`)).toEqual([]);
    // a serial the host never authorised: nothing is held for it
    expect(await byKey('transactionSerial=T999999')).toEqual([]);
    // another kiosk's serial is not this kiosk's
    const other = WithdrawalView.parse((await authorise(10_000, zhang, undefined, 'JZ-0002')).json());
    expect(await byKey(`transactionSerial=${other.transactionSerial}`)).toEqual([]);
  });
});
