/**
 * The simulator's caps on withdrawals and its refusals: the single and daily caps, the day's count
 * (a business day in China time), the balance, the amount, the holder's ID and an expired card;
 * and what may still be withdrawn today.
 */
import { describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { WithdrawalLimits, WithdrawalView } from './withdrawals.schemas.js';
import { li, withdrawalsHost, zhang } from './withdrawals.spec-support.js';

describe('withdrawals: caps and refusals', () => {
  const sim = withdrawalsHost();
  const { authorise, reverse, balanceOf } = sim;

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
    await sim.restart({ dailyWithdrawalCount: 5 });
    expect((await authorise(50_000)).status).toBe(200);
    expect((await authorise(40_000)).status).toBe(200);
    const over = await authorise(20_000);
    expect(over.json().code).toBe('WITHDRAWAL_DAILY_CAP_EXCEEDED');
  });

  it('counts the business day in China time: a new day at 16:00 UTC', async () => {
    sim.clock = new Date('2026-11-26T15:59:00.000Z');
    await authorise(10_000);
    await authorise(10_000);
    expect((await authorise(10_000)).json().code).toBe('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
    sim.clock = new Date('2026-11-26T16:00:00.000Z');
    expect((await authorise(10_000)).status).toBe(200);
  });

  it('does not count a fully reversed withdrawal against the day', async () => {
    const first = WithdrawalView.parse((await authorise(50_000)).json());
    await reverse(first.authorisationId, { reason: 'dispenseFault' });
    expect((await authorise(50_000)).status).toBe(200);
    expect((await authorise(50_000)).status).toBe(200);
  });

  it('refuses more than the balance with INSUFFICIENT_BALANCE', async () => {
    await sim.restart({ singleWithdrawalCapFen: 1_000_000, dailyWithdrawalCapFen: 1_000_000 });
    const res = await authorise(zhang.balanceFen - (zhang.balanceFen % 100) + 100, zhang);
    expect(res.json().code).toBe('INSUFFICIENT_BALANCE');
  });

  it('refuses an amount that is not whole yuan, or not positive', async () => {
    expect((await authorise(10_050)).json().code).toBe('WITHDRAWAL_AMOUNT_INVALID');
    expect((await authorise(0)).json().code).toBe('HOST_BAD_REQUEST');
  });

  it('refuses a withdrawal with another resident’s ID with ID_MISMATCH', async () => {
    const res = await sim.host.request('POST', '/v1/withdrawals/authorise', {
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

  it('tells what may still be withdrawn today', async () => {
    await authorise(50_000);
    const res = await sim.host.request('POST', '/v1/withdrawals/limits', {
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
});
