import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { kioskCashAccountId, SystemAccount } from '../ledger/ledger.js';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { WithdrawalLimits, WithdrawalList, WithdrawalView } from './withdrawals.schemas.js';

const li = demoResident('li')!; // 12 045.50 yuan
const zhang = demoResident('zhang')!; // 3 567.80 yuan

describe('withdrawals: caps, holds, confirm and reverse', () => {
  let host: RunningSimulator;
  let clock: Date;
  let serial = 0;
  beforeEach(async () => {
    await host?.close();
    clock = new Date('2026-11-26T02:00:00.000Z'); // 10:00 in Jiaozuo
    host = await startSimulator({ now: () => clock });
  });
  afterAll(() => host.close());

  const authorise = (amountFen: number, who = li, key?: string, kiosk?: string) => {
    const transactionSerial = `T${String(++serial).padStart(6, '0')}`;
    return host.request('POST', '/v1/withdrawals/authorise', {
      body: { cardNumber: who.cardNumber, idNumber: who.idNumber, amountFen, transactionSerial },
      idempotencyKey: key ?? `${kiosk ?? 'JZ-0001'}:${transactionSerial}`,
      ...(kiosk ? { kiosk } : {}),
    });
  };
  const confirm = (id: string, key = `c-${id}`) =>
    host.request('POST', `/v1/withdrawals/${id}/confirm`, { body: {}, idempotencyKey: key });
  const reverse = (id: string, body: object, key = `r-${id}-${++serial}`) =>
    host.request('POST', `/v1/withdrawals/${id}/reverse`, { body, idempotencyKey: key });
  const balanceOf = (who = li) => host.simulator.state.balanceOfCard(who.cardNumber);

  it('holds an authorised amount and pays it out to the kiosk on confirm', async () => {
    const res = await authorise(50_000);
    expect(res.status).toBe(200);
    const held = WithdrawalView.parse(res.json());
    expect(held).toMatchObject({
      status: 'authorised',
      heldFen: 50_000,
      balanceAfterFen: li.balanceFen - 50_000,
    });
    expect(host.simulator.state.ledger.balanceOf(SystemAccount.withdrawalHolds)).toBe(50_000);
    const done = WithdrawalView.parse((await confirm(held.authorisationId)).json());
    expect(done).toMatchObject({ status: 'confirmed', heldFen: 0, paidFen: 50_000 });
    expect(host.simulator.state.ledger.balanceOf(kioskCashAccountId('JZ-0001'))).toBe(50_000);
    expect(host.simulator.state.ledger.balanceOf(SystemAccount.withdrawalHolds)).toBe(0);
    expect(host.simulator.state.ledger.isBalanced()).toBe(true);
  });

  it('refuses above the single cap with WITHDRAWAL_SINGLE_CAP_EXCEEDED', async () => {
    const res = await authorise(50_100);
    expect(res.status).toBe(422);
    expect(res.json().code).toBe('WITHDRAWAL_SINGLE_CAP_EXCEEDED');
    expect(balanceOf()).toBe(li.balanceFen);
  });

  it('refuses a third withdrawal in a day with WITHDRAWAL_DAILY_COUNT_EXCEEDED', async () => {
    expect((await authorise(10_000)).status).toBe(200);
    expect((await authorise(10_000)).status).toBe(200);
    const third = await authorise(10_000);
    expect(third.json().code).toBe('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
  });

  it('refuses what would pass the daily cap with WITHDRAWAL_DAILY_CAP_EXCEEDED', async () => {
    // defaults: 500 yuan single, 1000 a day, 2 a day; with 2 a day the count bites first
    expect((await authorise(50_000)).status).toBe(200);
    const res = await authorise(50_000);
    expect(res.status).toBe(200);
    await host.close();
    host = await startSimulator({ now: () => clock, rules: { dailyWithdrawalCount: 5 } });
    expect((await authorise(50_000)).status).toBe(200);
    expect((await authorise(40_000)).status).toBe(200);
    const over = await authorise(20_000);
    expect(over.json().code).toBe('WITHDRAWAL_DAILY_CAP_EXCEEDED');
  });

  it('counts the business day in China time: a new day at 16:00 UTC', async () => {
    clock = new Date('2026-11-26T15:59:00.000Z');
    await authorise(10_000);
    await authorise(10_000);
    expect((await authorise(10_000)).json().code).toBe('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
    clock = new Date('2026-11-26T16:00:00.000Z');
    expect((await authorise(10_000)).status).toBe(200);
  });

  it('does not count a fully reversed withdrawal against the day', async () => {
    const first = WithdrawalView.parse((await authorise(50_000)).json());
    await reverse(first.authorisationId, { reason: 'dispenseFault' });
    expect((await authorise(50_000)).status).toBe(200);
    expect((await authorise(50_000)).status).toBe(200);
  });

  it('refuses more than the balance with INSUFFICIENT_BALANCE', async () => {
    await host.close();
    host = await startSimulator({
      now: () => clock,
      rules: { singleWithdrawalCapFen: 1_000_000, dailyWithdrawalCapFen: 1_000_000 },
    });
    const res = await authorise(zhang.balanceFen - (zhang.balanceFen % 100) + 100, zhang);
    expect(res.json().code).toBe('INSUFFICIENT_BALANCE');
  });

  it('refuses an amount that is not whole yuan, or not positive', async () => {
    expect((await authorise(10_050)).json().code).toBe('WITHDRAWAL_AMOUNT_INVALID');
    expect((await authorise(0)).json().code).toBe('HOST_BAD_REQUEST');
  });

  it('refuses a withdrawal with another resident’s ID with ID_MISMATCH', async () => {
    const res = await host.request('POST', '/v1/withdrawals/authorise', {
      body: {
        cardNumber: li.cardNumber,
        idNumber: zhang.idNumber,
        amountFen: 10_000,
        transactionSerial: 'X1',
      },
      idempotencyKey: 'JZ-0001:X1',
    });
    expect(res.json().code).toBe('ID_MISMATCH');
  });

  it('replays an authorisation with the same key: the first answer, money held once', async () => {
    const body = {
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 20_000,
      transactionSerial: 'S-42',
    };
    const first = await host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:S-42',
    });
    clock = new Date(clock.getTime() + 60_000);
    const replay = await host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:S-42',
    });
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(balanceOf()).toBe(li.balanceFen - 20_000);
    // the same serial under another key is still the same withdrawal
    const sameSerial = await host.request('POST', '/v1/withdrawals/authorise', {
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
    const records = (await host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=2`)).json();
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
    const res = await host.request('POST', `/v1/withdrawals/${w.authorisationId}/confirm`, {
      body: {},
      idempotencyKey: 'x',
      kiosk: 'JZ-0002',
    });
    expect(res.json().code).toBe('WITHDRAWAL_NOT_FOUND');
    const status = await host.request('GET', `/v1/withdrawals/${w.authorisationId}`);
    expect(status.json()).toMatchObject({ status: 'authorised', heldFen: 10_000 });
  });

  it('needs an idempotency key to authorise', async () => {
    const res = await host.request('POST', '/v1/withdrawals/authorise', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber, amountFen: 10_000, transactionSerial: 'NK' },
    });
    expect(res.json().code).toBe('HOST_BAD_REQUEST');
    expect(balanceOf()).toBe(li.balanceFen);
  });

  it('tells what may still be withdrawn today', async () => {
    await authorise(50_000);
    const res = await host.request('POST', '/v1/withdrawals/limits', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber },
    });
    expect(WithdrawalLimits.parse(res.json())).toMatchObject({
      singleCapFen: 50_000,
      dailyCapFen: 100_000,
      dailyCount: 2,
      usedTodayFen: 50_000,
      countToday: 1,
      availableFen: 50_000,
      withdrawalsBlocked: false,
    });
  });

  it('refuses a withdrawal from an expired card', async () => {
    const wang = demoResident('wang')!;
    expect((await authorise(10_000, wang)).json().code).toBe('CARD_EXPIRED');
  });

  it('books a withdrawal once when the kiosk times out and retries with the same key (host times out)', async () => {
    const body = {
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 30_000,
      transactionSerial: 'TO-1',
    };
    host.simulator.faults.set({ delayMs: 300 });
    await expect(
      host.request('POST', '/v1/withdrawals/authorise', {
        body,
        idempotencyKey: 'JZ-0001:TO-1',
        signal: AbortSignal.timeout(50),
      }),
    ).rejects.toMatchObject({ name: 'TimeoutError' });
    const retry = await host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:TO-1',
    });
    host.simulator.faults.clear();
    expect(retry.status).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'authorised', heldFen: 30_000 });
    expect(host.simulator.state.withdrawals.size).toBe(1);
    expect(balanceOf()).toBe(li.balanceFen - 30_000);
  });

  it('runs a retry afresh after a failed attempt (failWith), booking once', async () => {
    const body = {
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 10_000,
      transactionSerial: 'F-1',
    };
    host.simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
    const failed = await host.request('POST', '/v1/withdrawals/authorise', {
      body,
      idempotencyKey: 'JZ-0001:F-1',
    });
    expect(failed.status).toBe(503);
    host.simulator.faults.clear();
    const retry = await host.request('POST', '/v1/withdrawals/authorise', {
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
    const res = await host.request('GET', '/v1/withdrawals?status=authorised');
    const list = WithdrawalList.parse(res.json());
    expect(list.withdrawals.map((w) => w.authorisationId)).toEqual([held.authorisationId]);
    const all = WithdrawalList.parse((await host.request('GET', '/v1/withdrawals')).json());
    expect(all.withdrawals.map((w) => w.authorisationId)).toEqual([
      done.authorisationId,
      held.authorisationId,
    ]);
  });

  it('finds a withdrawal by its idempotency key (transaction serial), so a restarted kiosk learns its state', async () => {
    const held = WithdrawalView.parse((await authorise(10_000)).json());
    const byKey = async (query: string) =>
      WithdrawalList.parse((await host.request('GET', `/v1/withdrawals?${query}`)).json()).withdrawals;
    expect(await byKey(`transactionSerial=${held.transactionSerial}`)).toEqual([held]);
    expect(await byKey(`transactionSerial=${held.transactionSerial}&status=confirmed`)).toEqual([]);
    // a serial the host never authorised: nothing is held for it
    expect(await byKey('transactionSerial=T999999')).toEqual([]);
    // another kiosk's serial is not this kiosk's
    const other = WithdrawalView.parse((await authorise(10_000, zhang, undefined, 'JZ-0002')).json());
    expect(await byKey(`transactionSerial=${other.transactionSerial}`)).toEqual([]);
  });
});
