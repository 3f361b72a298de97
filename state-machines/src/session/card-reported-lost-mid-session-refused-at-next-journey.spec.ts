/**
 * The fault: the host's word on the card was asked as the card was read, for the session's first
 * journey only. A balance, records or a withdrawal chosen after it (the card still in, its PIN
 * verified) went straight on: a card reported lost meanwhile (another counter, the phone line)
 * had its resident asked for the ID card and a face before the host refused it, or worse. Now a
 * journey chosen after another asks the daemon's `checkCard` first; a refusal, the host's or its
 * silence, sends the card back with the code before the journey asks or moves anything.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { sessionStepOf } from './session-view.js';
import {
  BALANCE,
  ZHANG_CARD,
  ejectAndTake,
  reachShowBalance,
  startSession,
} from '../testing/session-fixtures.js';
import { cardAndPin, startJourneySession } from '../testing/session-journeys-harness.js';

const refusal = (code: string) => Object.assign(new Error('refused'), { code });

describe('fault: a card reported lost mid-session is not refused at the next journey', () => {
  it.each(['records', 'balance'] as const)(
    'a balance, then %s: the card asked about again, first',
    async (next) => {
      const h = startSession(['balance', 'records']);
      await reachShowBalance(h);
      expect(h.checkCard.calls).toEqual([]); // the first journey's answer came with the card read
      h.checkCard.refusal = refusal(ErrorCode.CARD_NOT_ACTIVE);
      h.actor.send({ type: 'SELECT_JOURNEY', journey: next });
      await waitFor(h.actor, (s) => s.matches('ejectingCard'));
      expect(h.checkCard.calls).toEqual([
        { sessionId: 'session-1', cardNumber: ZHANG_CARD.cardNumber, journey: next },
      ]);
      expect(h.queryBalance.calls).toHaveLength(1); // the first balance only
      await ejectAndTake(h);
      expect(h.actor.getSnapshot().output).toMatchObject({
        outcome: 'failed',
        journey: next,
        error: { code: ErrorCode.CARD_NOT_ACTIVE },
      });
    },
  );

  it('a balance, then a withdrawal: refused before the ID card and the face are asked for', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'balance');
    await s.answer('queryBalance', BALANCE);
    await s.until(() => s.actor.getSnapshot().matches({ cardIn: 'showBalance' }));
    s.checkCard.refusal = refusal(ErrorCode.CARD_NOT_ACTIVE);
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'withdraw' });
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    expect(s.checkCard.calls.map((c) => c.journey)).toEqual(['withdraw']);
    expect(s.fakes.readIdCard.calls).toEqual([]);
    expect(s.fakes.fetchWithdrawalQuota.calls).toEqual([]);
    expect(s.actor.getSnapshot().context.error?.code).toBe(ErrorCode.CARD_NOT_ACTIVE);
  });

  it('the host not answering the check: refused with its code, as at the card read', async () => {
    const h = startSession(['balance', 'records']);
    await reachShowBalance(h);
    h.checkCard.refusal = refusal(ErrorCode.HOST_UNREACHABLE);
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'records' });
    await ejectAndTake(h);
    expect(h.actor.getSnapshot().output?.error?.code).toBe(ErrorCode.HOST_UNREACHABLE);
  });

  it('the card still active: the next journey goes on (the screen reads the card meanwhile)', async () => {
    const h = startSession(['balance']);
    await reachShowBalance(h);
    h.checkCard.hold = true;
    h.actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
    expect(sessionStepOf(h.actor.getSnapshot())).toBe('readingCard');
    h.checkCard.release();
    await waitFor(h.actor, (s) => s.matches({ cardIn: 'queryingBalance' }));
    expect(h.checkCard.calls).toHaveLength(1);
  });
});
