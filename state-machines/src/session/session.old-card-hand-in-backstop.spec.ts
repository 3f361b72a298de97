/**
 * The fault: the damaged-card hand-in (`handInOldCard`: the chip read, then the reader's capture)
 * ended on the generic 30 s step timer while the reader bounds its card moves itself
 * (`devices.cardReader.moveTimeoutMs`): a capture still running was stopped and the session ended
 * with the old card's whereabouts unsettled, for nobody. Now the step ends on the hand-in's answer;
 * past its backstop (the step's time for the read, the reader's bound plus the margin) the session
 * accounts for the card as its own card steps do (card.unaccounted after the retract, ADR 0016),
 * and the resident reads that the card stays in the kiosk for staff.
 */
import { describe, expect, it } from '@jest/globals';
import { handInBackstopMs } from '../journeys/issue-card/issue-card.setup.js';
import { settle } from '../testing/pending-actor.js';
import { CARD_MOVE_MS } from '../testing/session-fixtures.js';
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

describe('session: the damaged-card hand-in ends on the card reader’s answer', () => {
  it('card capture outlasts the step timeout: still waiting for the reader, then on to the application', async () => {
    const s = await handingIn();
    s.clock.increment(s.actor.getSnapshot().context.timeouts.stepMs + CARD_MOVE_MS - 1);
    await settle();
    expect(view(s).step).toBe('handingInOldCard');
    expect(s.fakes.handInOldCard.last.signal.aborted).toBe(false);
    await s.answer('handInOldCard', { chip: 'read' });
    await s.until(() => view(s).step === 'checkingApplication');
    expect(s.fakes.accountForCard.calls).toHaveLength(0);
  });

  it('card capture never answered past the backstop: the card is accounted for, the session ends failed, kept for staff', async () => {
    const s = await handingIn();
    const stepMs = s.actor.getSnapshot().context.timeouts.stepMs;
    s.clock.increment(handInBackstopMs(stepMs, CARD_MOVE_MS));
    await s.until(() => s.fakes.accountForCard.calls.length === 1);
    expect(s.fakes.accountForCard.last.input).toMatchObject({ act: 'retract' });
    expect(s.fakes.checkApplication.calls).toHaveLength(0);
    await s.answer('accountForCard', undefined);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'retract',
    });
    expect(view(s)).toMatchObject({ step: 'ended', cardKeptForStaff: true });
  });
});
