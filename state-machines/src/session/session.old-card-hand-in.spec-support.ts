/**
 * What the specs of the damaged-card hand-in (`handInOldCard`) share: the replacement journey led
 * up to the hand-in under way, its backstop run out, and the card accounted for after a move (or
 * the read) with the session ended failed and the card kept for staff.
 */
import { expect } from '@jest/globals';
import type { CardMove } from './session.types.js';
import { handInBackstopMs } from '../journeys/issue-card/issue-card.setup.js';
import { settle } from '../testing/pending-actor.js';
import { CARD_MOVE_MS } from '../testing/session-fixtures.js';
import { idAndFace, journeyInput, startJourneySession } from '../testing/session-journeys-harness.js';
import type { JourneySession } from '../testing/session-journeys-harness.js';
import { toSessionView } from './session-view.js';

export const view = (s: JourneySession) => toSessionView(s.actor.getSnapshot(), 'en');

/** A damaged card handed in for a replacement: the session at `handingInOldCard`, the hand-in pending. */
export async function handingIn(): Promise<JourneySession> {
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

/** The hand-in's backstop runs out (counted from the hand-in's start): the reader never answered. */
export async function backstopFires(s: JourneySession): Promise<void> {
  await settle();
  s.clock.increment(handInBackstopMs(s.actor.getSnapshot().context.timeouts.stepMs, CARD_MOVE_MS));
}

/**
 * The old card accounted for after `act` (the capture's retract unless told), the session ended
 * failed with `code`, the card kept for staff.
 */
export async function accountedForAndKept(
  s: JourneySession,
  code: string,
  act: CardMove | 'read' = 'retract',
): Promise<void> {
  await s.until(() => s.fakes.accountForCard.calls.length === 1);
  expect(s.fakes.accountForCard.last.input).toMatchObject({ act });
  expect(s.fakes.checkApplication.calls).toHaveLength(0);
  await s.answer('accountForCard', undefined);
  await s.until(() => s.actor.getSnapshot().status === 'done');
  expect(s.actor.getSnapshot().output).toMatchObject({
    outcome: 'failed',
    error: { code },
    cardUnaccounted: act,
  });
  expect(view(s)).toMatchObject({ step: 'ended', cardKeptForStaff: true });
}
