/**
 * The fault: a damaged-card hand-in that failed on the reader's own answer (the capture refused
 * for a full capture bin, DEVICE_BIN_FULL; the reader's own timeout, DEVICE_TIMEOUT) ended the
 * session plainly: the old card, neither captured nor given back, was in the reader or at the slot
 * with nothing saying where, for nobody, and the resident was told to try again. Now the session
 * accounts for it as for a failed retract (ADR 0016): card.unaccounted after the retract, the
 * session ended failed with the reader's fault, the card kept for staff. A card pulled out during
 * the hand-in (CARD_REMOVED) has left the kiosk: nothing to account for.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { idAndFace, journeyInput, startJourneySession } from '../testing/session-journeys-harness.js';
import type { JourneySession } from '../testing/session-journeys-harness.js';
import { toSessionView } from './session-view.js';

const view = (s: JourneySession) => toSessionView(s.actor.getSnapshot(), 'en');

async function handingIn(): Promise<JourneySession> {
  const s = startJourneySession((now) => {
    const input = journeyInput(now);
    return { ...input, journeyOptions: { ...input.journeyOptions, issue: { handInDamaged: true } } };
  });
  s.actor.send({ type: 'SELECT_JOURNEY', journey: 'replaceCard' });
  await idAndFace(s);
  await s.until(() => view(s).step === 'replacementReason');
  s.actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
  await s.answer('awaitOldCard', undefined);
  await s.until(() => view(s).step === 'handingInOldCard');
  return s;
}

describe('session: a damaged-card hand-in that fails leaves no card unaccounted for', () => {
  it.each([
    ['capture refused, the capture bin full', ErrorCode.DEVICE_BIN_FULL],
    ['the reader’s own timeout', ErrorCode.DEVICE_TIMEOUT],
  ])(
    'fault: %s: the card is accounted for, the session ends failed with the reader’s fault, kept for staff',
    async (_fault, code) => {
      const s = await handingIn();
      s.fakes.handInOldCard.last.reject(new KioskError(code, 'The card reader did not capture the card.'));
      await s.until(() => s.fakes.accountForCard.calls.length === 1);
      expect(s.fakes.accountForCard.last.input).toMatchObject({ act: 'retract' });
      expect(s.fakes.checkApplication.calls).toHaveLength(0);
      await s.answer('accountForCard', undefined);
      await s.until(() => s.actor.getSnapshot().status === 'done');
      expect(s.actor.getSnapshot().output).toMatchObject({
        outcome: 'failed',
        error: { code },
        cardUnaccounted: 'retract',
      });
      expect(view(s)).toMatchObject({ step: 'ended', cardKeptForStaff: true });
    },
  );

  it('fault: the old card pulled out during the hand-in: ended failed, nothing to account for', async () => {
    const s = await handingIn();
    s.fakes.handInOldCard.last.reject(new KioskError('CARD_REMOVED', 'The card was pulled out.'));
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.fakes.accountForCard.calls).toHaveLength(0);
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_REMOVED' },
    });
    expect(s.actor.getSnapshot().output?.cardUnaccounted).toBeUndefined();
  });
});
