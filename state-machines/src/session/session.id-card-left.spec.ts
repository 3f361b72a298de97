import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import {
  atStep,
  idAndFace,
  journeyInput,
  startJourneySession,
  type JourneySession,
} from '../testing/session-journeys-harness.js';
import { CARD_TAKE_MS, ZHANG_CARD } from '../testing/session-fixtures.js';

/** A lost-card report (ID card and face only) run to its last screen and finished. */
async function reportLossAndFinish(s: JourneySession): Promise<void> {
  s.actor.send({ type: 'SELECT_JOURNEY', journey: 'reportLoss' });
  await atStep(s, 'placeIdCard');
  await idAndFace(s);
  await s.answer('listResidentCards', { cards: [{ cardNumber: ZHANG_CARD.cardNumber, state: 'active' }] });
  await atStep(s, 'confirmLoss');
  s.actor.send({ type: 'CONFIRM' });
  await s.answer('reportTemporaryLoss', { lapsesOn: '2026-12-11' });
  await atStep(s, 'lossReported');
  s.actor.send({ type: 'FINISH' });
}

/** A session whose daemon says the ID card it read still lies on the reader while `onReader()`. */
function sessionWithIdCard(onReader: () => boolean) {
  return startJourneySession((now) => ({ ...journeyInput(now), idCardLeft: onReader }));
}

describe('the kiosk asks the resident to take their ID card', () => {
  it('an ID card still on the reader at the end holds the session at "take your ID card"', async () => {
    const s = sessionWithIdCard(() => true);
    await reportLossAndFinish(s);
    await atStep(s, 'takeIdCard');
    const view = toSessionView(s.actor.getSnapshot(), 'en');
    expect(s.actor.getSnapshot().status).toBe('active');
    // the card-take timeout, nothing personal on the screen
    expect(view.deadline?.at).toBe(s.clock.now() + CARD_TAKE_MS);
    expect(view.card).toBeUndefined();
    s.clock.increment(CARD_TAKE_MS - 1);
    expect(s.actor.getSnapshot().status).toBe('active');
    s.actor.send({ type: 'ID_CARD_REMOVED' });
    await s.until(() => s.actor.getSnapshot().status === 'done');
    const out = s.actor.getSnapshot().output;
    expect(out?.outcome).toBe('completed');
    expect(out?.idCardNotTaken).toBeUndefined();
  });

  it('an ID card not taken by the card-take timeout ends the session marked idCardNotTaken', async () => {
    const s = sessionWithIdCard(() => true);
    await reportLossAndFinish(s);
    await atStep(s, 'takeIdCard');
    s.clock.increment(CARD_TAKE_MS);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output).toMatchObject({ outcome: 'completed', idCardNotTaken: true });
  });

  it('an ID card lifted before the end ends the session at once', async () => {
    const s = sessionWithIdCard(() => false);
    await reportLossAndFinish(s);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output?.idCardNotTaken).toBeUndefined();
  });

  it('a session that never identified does not ask for an ID card', async () => {
    const s = sessionWithIdCard(() => true);
    s.actor.send({ type: 'CANCEL' });
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().value).toBe('ended');
  });

  it('the kiosk stopping while the ID card waits ends the session with it not taken', async () => {
    const s = sessionWithIdCard(() => true);
    await reportLossAndFinish(s);
    await atStep(s, 'takeIdCard');
    s.actor.send({ type: 'ABORT', code: 'DEVICE_OFFLINE', message: 'out of service' });
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output?.idCardNotTaken).toBe(true);
  });
});
