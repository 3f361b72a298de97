import { describe, expect, it } from '@jest/globals';
import { journeyDetailsOf } from './journey-details.js';
import { cardAndPin, startJourneySession, ZHANG_ID_CARD } from '../testing/session-journeys-harness.js';
import { ZHANG_CARD } from '../testing/session-fixtures.js';

describe('journeyDetailsOf', () => {
  it('gives the withdrawal limits on the amount screen, and nothing personal', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await s.answer('readIdCard', ZHANG_ID_CARD);
    await s.until(() => journeyDetailsOf(s.actor.getSnapshot())?.kind === 'identify');
    expect(journeyDetailsOf(s.actor.getSnapshot())).toEqual({ kind: 'identify', faceTriesLeft: 3 });
    await s.answer('matchFace', { score: 80 });
    await s.answer('fetchWithdrawalQuota', { balanceFen: 35_678, withdrawnTodayFen: 0, withdrawalsToday: 1 });
    await s.until(() => journeyDetailsOf(s.actor.getSnapshot())?.kind === 'withdraw');
    await s.until(
      () => (journeyDetailsOf(s.actor.getSnapshot()) as { balanceFen?: number }).balanceFen !== undefined,
    );
    const details = journeyDetailsOf(s.actor.getSnapshot());
    expect(details).toEqual({
      kind: 'withdraw',
      balanceFen: 35_678,
      largestFen: 30_000,
      amountsFen: [10_000, 20_000, 30_000],
      noteFen: 10_000,
      singleMaxFen: 50_000,
      withdrawalsLeftToday: 1,
      receiptAvailable: true,
    });
    const text = JSON.stringify(details);
    expect(text).not.toContain(ZHANG_CARD.idNumber);
    expect(text).not.toContain(ZHANG_CARD.cardNumber);
  });

  it('gives only the notes counted out when a jam stopped the count, so the screen says what was paid', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await s.answer('readIdCard', ZHANG_ID_CARD);
    await s.answer('matchFace', { score: 80 });
    await s.answer('fetchWithdrawalQuota', { balanceFen: 35_678, withdrawnTodayFen: 0, withdrawalsToday: 0 });
    await s.until(() => journeyDetailsOf(s.actor.getSnapshot())?.kind === 'withdraw');
    s.actor.send({ type: 'AMOUNT_CHOSEN', amountFen: 20_000 });
    await s.answer('authoriseWithdrawal', { transactionId: 'tx-1' });
    await s.answer('journalWithdrawal', undefined);
    expect(journeyDetailsOf(s.actor.getSnapshot())).not.toHaveProperty('countedFen');
    await s.answer('dispenseCash', { dispensedFen: 10_000 });
    await s.until(() => 'countedFen' in (journeyDetailsOf(s.actor.getSnapshot()) ?? {}));
    expect(journeyDetailsOf(s.actor.getSnapshot())).toMatchObject({ amountFen: 20_000, countedFen: 10_000 });
  });

  it('lists the records and how many more the card allows before printing', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    await s.answer('fetchRecords', {
      records: [
        {
          at: '2026-11-20T09:00:00.000Z',
          kind: 'medicalPayment',
          amountFen: -1_250,
          balanceAfterFen: 35_678,
        },
      ],
      unprintedCount: 58,
    });
    await s.until(() => journeyDetailsOf(s.actor.getSnapshot())?.kind === 'records');
    await s.until(
      () => (journeyDetailsOf(s.actor.getSnapshot()) as { unprintedCount?: number }).unprintedCount === 58,
    );
    expect(journeyDetailsOf(s.actor.getSnapshot())).toMatchObject({
      kind: 'records',
      recordsUntilPrintRequired: 2,
      printAvailable: true,
      printed: false,
      records: [{ kind: 'medicalPayment', amountFen: -1_250 }],
    });
  });

  it('carries a record of a kind the host added, as other with its masked description in the view language', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'records');
    const other = {
      at: '2026-11-21T09:00:00.000Z',
      kind: 'other',
      amountFen: -1_200,
      balanceAfterFen: 34_478,
      descriptions: { 'zh-CN': '长护险个人缴费 张*明', en: 'Long-term care premium 张*明' },
    } as const;
    await s.answer('fetchRecords', { records: [other], unprintedCount: 1 });
    await s.until(() => journeyDetailsOf(s.actor.getSnapshot())?.kind === 'records');
    await s.until(() => {
      const details = journeyDetailsOf(s.actor.getSnapshot());
      return details?.kind === 'records' && details.records.length === 1;
    });
    const { descriptions: _both, ...line } = other;
    expect(journeyDetailsOf(s.actor.getSnapshot(), 'zh-CN')).toMatchObject({
      kind: 'records',
      records: [{ ...line, description: '长护险个人缴费 张*明' }],
    });
    // the resident switched to English while the list is shown: the host's English wording
    expect(journeyDetailsOf(s.actor.getSnapshot(), 'en')).toMatchObject({
      kind: 'records',
      records: [{ ...line, description: 'Long-term care premium 张*明' }],
    });
  });

  it('is empty when no journey machine runs', () => {
    const s = startJourneySession();
    expect(journeyDetailsOf(s.actor.getSnapshot())).toBeUndefined();
  });
});
