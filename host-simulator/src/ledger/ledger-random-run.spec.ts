/**
 * The ledger balances after a seeded random run of 10,000 mixed operations through the host's
 * services (withdrawals authorised, confirmed, reversed in part or whole, refused by caps; fees
 * from accounts and by QR; balance queries; days passing), and its books agree with the records.
 */
import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { createHostSimulator } from '../host-simulator.js';
import { applyCardEvent } from '../cards/card-lifecycle.service.js';
import {
  orderCard,
  payFeeFromAccount,
  reportIssuance,
  startQrPayment,
} from '../issuance/issuance.service.js';
import { requestReplacement } from '../issuance/replacement-request.js';
import { createPrng } from '../seed/prng.js';
import {
  authoriseWithdrawal,
  confirmWithdrawal,
  reverseWithdrawal,
} from '../withdrawals/withdrawal.service.js';
import { kioskCashAccountId, SystemAccount } from './ledger.js';

describe('ledger under a seeded random run', () => {
  it('balances after 10,000 mixed operations, with holds and cash matching the withdrawals', () => {
    let clock = new Date('2026-11-26T01:00:00.000Z');
    const simulator = createHostSimulator({
      seed: 99,
      residents: 300,
      kioskKeys: { 'JZ-0001': 'run-key-0001', 'JZ-0002': 'run-key-0002' },
      now: () => clock,
      // blocks would soon stop the regulars; the anomaly rules have their own spec
      // a region with a 1000-yuan single cap, where the daily cap bites before the count
      rules: {
        singleWithdrawalCapFen: 100_000,
        twoKioskWindowMinutes: 1,
        nearCapDaysToBlock: 10_000,
        retractionsToBlock: 10_000,
      },
    });
    const ctx = simulator.context;
    const prng = createPrng(20261126);
    const activeCards = [...ctx.store.cards.values()].filter((c) => c.state === 'active');
    const busyCards = activeCards.slice(0, 4); // regulars who meet the daily caps
    const kiosks = ['JZ-0001', 'JZ-0002'];
    const open: string[] = [];
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    let serial = 0;

    for (let i = 0; i < 10_000; i += 1) {
      clock = new Date(clock.getTime() + prng.int(1, 40) * 60_000);
      const kioskId = prng.pick(kiosks);
      const roll = prng.next();
      try {
        if (roll < 0.45) {
          const card = prng.pick(prng.chance(0.5) ? busyCards : activeCards);
          const holder = ctx.store.holderOf(card);
          const w = authoriseWithdrawal(ctx, kioskId, {
            cardNumber: card.cardNumber,
            idNumber: holder.idNumber,
            amountFen: prng.int(1, 110) * 1_000,
            transactionSerial: `T${++serial}`,
          });
          open.push(w.authorisationId);
          count('authorised');
        } else if (roll < 0.8 && open.length > 0) {
          const id = open.splice(prng.int(0, open.length - 1), 1)[0]!;
          const w = ctx.store.withdrawals.get(id)!;
          const choice = prng.next();
          if (choice < 0.6) {
            confirmWithdrawal(ctx, w.kioskId, id);
            count('confirmed');
          } else if (choice < 0.8) {
            reverseWithdrawal(ctx, w.kioskId, id, {
              amountFen: prng.int(1, w.heldFen / 1_000) * 1_000,
              reason: 'dispenseFault',
            });
            if (w.heldFen > 0) confirmWithdrawal(ctx, w.kioskId, id);
            count('partlyReversed');
          } else {
            reverseWithdrawal(ctx, w.kioskId, id, { reason: prng.chance(0.5) ? 'retracted' : 'timeout' });
            count('reversed');
          }
        } else if (roll < 0.9) {
          // a damaged card replaced: fee (account or QR), new card made and activated
          const index = prng.int(0, activeCards.length - 1);
          const card = activeCards[index]!;
          const holder = ctx.store.holderOf(card);
          const application = requestReplacement(ctx, kioskId, card.cardNumber, holder.idNumber, 'damaged');
          if (prng.chance(0.5)) {
            payFeeFromAccount(ctx, kioskId, application.applicationNo, holder.idNumber);
            count('feeFromAccount');
          } else {
            simulator.qrProvider.pay(startQrPayment(ctx, application.applicationNo).paymentId);
            count('feeByQr');
          }
          const order = orderCard(ctx, kioskId, application.applicationNo, holder.idNumber);
          reportIssuance(ctx, kioskId, application.applicationNo, {
            cardNumber: order.cardNumber,
            outcome: 'issued',
          });
          const fresh = ctx.store.cards.get(order.cardNumber)!;
          applyCardEvent(ctx, fresh, 'activate', kioskId);
          activeCards[index] = fresh;
          const busy = busyCards.indexOf(card);
          if (busy >= 0) busyCards[busy] = fresh;
        } else if (roll < 0.95) {
          const card = prng.pick(prng.chance(0.5) ? busyCards : activeCards);
          ctx.store.ledger.transfer({
            from: SystemAccount.fundContributions,
            to: ctx.store.holderOf(card).accountId,
            amountFen: prng.int(5_000, 80_000),
            at: clock.toISOString(),
            kind: 'contribution',
            description: 'monthly contribution',
          });
          count('contribution');
        } else {
          clock = new Date(clock.getTime() + prng.int(1, 8) * 3_600_000);
          count('timePassed');
        }
      } catch (error) {
        if (!(error instanceof KioskError)) throw error;
        count(`refused:${error.code}`);
      }
    }

    const { ledger } = ctx.store;
    expect(ledger.isBalanced()).toBe(true);
    const withdrawals = [...ctx.store.withdrawals.values()];
    const held = withdrawals.reduce((sum, w) => sum + w.heldFen, 0);
    expect(ledger.balanceOf(SystemAccount.withdrawalHolds)).toBe(held);
    for (const kioskId of kiosks) {
      const paid = withdrawals.filter((w) => w.kioskId === kioskId).reduce((sum, w) => sum + w.paidFen, 0);
      expect(ledger.balanceOf(kioskCashAccountId(kioskId))).toBe(paid);
    }
    for (const w of withdrawals) expect(w.heldFen + w.paidFen + w.reversedFen).toBe(w.amountFen);
    for (const r of ctx.store.residents.values())
      expect(ledger.balanceOf(r.accountId)).toBeGreaterThanOrEqual(0);
    const perDay = new Map<string, { total: number; count: number }>();
    for (const w of withdrawals) {
      const taken = w.heldFen + w.paidFen;
      if (taken === 0) continue;
      const key = `${w.residentNo}|${w.businessDay}`;
      const day = perDay.get(key) ?? { total: 0, count: 0 };
      perDay.set(key, { total: day.total + taken, count: day.count + 1 });
    }
    for (const day of perDay.values()) {
      expect(day.total).toBeLessThanOrEqual(ctx.rules.dailyWithdrawalCapFen);
      expect(day.count).toBeLessThanOrEqual(ctx.rules.dailyWithdrawalCount);
    }
    // the run exercised every path, refusals included
    for (const key of [
      'authorised',
      'confirmed',
      'partlyReversed',
      'reversed',
      'feeFromAccount',
      'feeByQr',
    ]) {
      expect(outcomes.get(key) ?? 0).toBeGreaterThan(50);
    }
    expect(outcomes.get('refused:WITHDRAWAL_SINGLE_CAP_EXCEEDED') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('refused:WITHDRAWAL_DAILY_COUNT_EXCEEDED') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('refused:WITHDRAWAL_DAILY_CAP_EXCEEDED') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('refused:INSUFFICIENT_BALANCE') ?? 0).toBeGreaterThan(0);
  });
});
