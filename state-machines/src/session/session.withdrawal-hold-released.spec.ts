/**
 * A withdrawal whose authorisation went unanswered (timed out, unreadable, a status the kiosk does
 * not know) is reversed by its serial, which releases any hold at once or in the background: the
 * session view says so after the journey (withdrawalHoldReleased), and only then.
 */
import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import {
  cardAndPin,
  chooseAmount,
  idAndFace,
  startJourneySession,
  takeCardBack,
  type JourneySession,
} from '../testing/session-journeys-harness.js';

async function amountChosen(s: JourneySession): Promise<void> {
  await cardAndPin(s, 'withdraw');
  await idAndFace(s);
  await chooseAmount(s, 30_000);
}

const view = (s: JourneySession) => toSessionView(s.actor.getSnapshot(), 'en');

describe('session: a withdrawal whose authorisation went unanswered', () => {
  it.each(['HOST_TIMEOUT', 'HOST_UNKNOWN_WITHDRAWAL_STATUS', 'HOST_BAD_RESPONSE'])(
    '%s at authorisation: the hold is released, the view says so until the end',
    async (code) => {
      const s = startJourneySession();
      await amountChosen(s);
      await s.fail('authoriseWithdrawal', code);
      // the release failed to reach the host now: tried again in the background all the same
      await s.fail('reverseWithdrawal', 'HOST_UNREACHABLE');
      await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
      expect(view(s)).toMatchObject({ error: { code }, withdrawalHoldReleased: true });
      await takeCardBack(s);
      expect(view(s)).toMatchObject({ step: 'ended', withdrawalHoldReleased: true });
    },
  );

  it('HOST_UNREACHABLE at authorisation: the host held nothing, nothing is said of a hold', async () => {
    const s = startJourneySession();
    await amountChosen(s);
    await s.fail('authoriseWithdrawal', 'HOST_UNREACHABLE');
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    expect(view(s).error?.code).toBe('HOST_UNREACHABLE');
    expect(view(s).withdrawalHoldReleased).toBeUndefined();
    expect(s.fakes.reverseWithdrawal.calls).toHaveLength(0);
  });

  it('HOST_TIMEOUT while the quota loads: nothing was asked to be held, nothing is said of a hold', async () => {
    const s = startJourneySession();
    await cardAndPin(s, 'withdraw');
    await idAndFace(s);
    await s.fail('fetchWithdrawalQuota', 'HOST_TIMEOUT');
    await s.until(() => s.actor.getSnapshot().matches('ejectingCard'));
    expect(view(s).error?.code).toBe('HOST_TIMEOUT');
    expect(view(s).withdrawalHoldReleased).toBeUndefined();
  });
});
