/**
 * The session's replacement road where the kiosk takes damaged cards in: after the ID card and the
 * face, "lost, or damaged and with you?" on screen; damaged puts the old card in the reader, it is
 * captured, and the application follows, the host told the card was handed in. Someone else's card,
 * refused and given back, is waited for at the slot and retracted after the take timeout.
 */
import { describe, expect, it } from '@jest/globals';
import { toSessionView } from './session-view.js';
import { CARD_TAKE_MS } from '../testing/session-fixtures.js';
import {
  idAndFace,
  journeyInput,
  startJourneySession,
  ZHANG_ID_CARD,
} from '../testing/session-journeys-harness.js';
import type { JourneySession } from '../testing/session-journeys-harness.js';

const stepOf = (s: JourneySession) => toSessionView(s.actor.getSnapshot(), 'en').step;

function startReplacement(handInDamaged: boolean) {
  const s = startJourneySession((now) => {
    const input = journeyInput(now);
    return { ...input, journeyOptions: { ...input.journeyOptions, issue: { handInDamaged } } };
  });
  s.actor.send({ type: 'SELECT_JOURNEY', journey: 'replaceCard' });
  return s;
}

describe('session: a replacement for a damaged card handed in', () => {
  it('asks why, takes the old card in, captures it, then opens the replacement as handed in', async () => {
    const s = startReplacement(true);
    await idAndFace(s);
    await s.until(() => stepOf(s) === 'replacementReason');
    s.actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
    await s.until(() => stepOf(s) === 'insertOldCard');
    await s.answer('awaitOldCard', undefined);
    await s.until(() => stepOf(s) === 'handingInOldCard');
    expect(s.fakes.handInOldCard.last.input).toMatchObject({ idNumber: ZHANG_ID_CARD.idNumber });
    await s.answer('handInOldCard', { chip: 'unreadable' });
    await s.until(() => stepOf(s) === 'checkingApplication');
    expect(toSessionView(s.actor.getSnapshot(), 'en').notHoldersCard).toBeUndefined();
    expect(s.fakes.checkApplication.last.input).toMatchObject({
      kind: 'replacement',
      replacementReason: 'damaged',
    });
  });

  async function someoneElsesCardRefused(s: JourneySession): Promise<void> {
    await idAndFace(s);
    await s.until(() => stepOf(s) === 'replacementReason');
    s.actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
    await s.answer('awaitOldCard', undefined);
    await s.fail('handInOldCard', 'ID_MISMATCH');
    await s.until(() => stepOf(s) === 'takeCard');
  }

  it('fault: someone else’s card left at the slot is retracted after the take timeout', async () => {
    const s = startReplacement(true);
    await someoneElsesCardRefused(s);
    const taking = toSessionView(s.actor.getSnapshot(), 'en');
    expect(taking.error?.code).toBe('ID_MISMATCH');
    // the screens word it as someone else's card, not "your card"
    expect(taking.notHoldersCard).toBe(true);
    expect(taking.deadline?.at).toBe(s.clock.now() + CARD_TAKE_MS);
    s.clock.increment(CARD_TAKE_MS - 1);
    expect(s.fakes.retractCard.calls).toHaveLength(0);
    s.clock.increment(1);
    await s.answer('retractCard', undefined);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    const ended = toSessionView(s.actor.getSnapshot(), 'en');
    expect(ended).toMatchObject({ step: 'ended', outcome: 'cardRetracted' });
    expect(ended.error?.code).toBe('CARD_NOT_TAKEN_RETRACTED');
    expect(ended.notHoldersCard).toBe(true);
    expect(s.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('someone else’s card taken back at the slot: the session ends refused, nothing retracted', async () => {
    const s = startReplacement(true);
    await someoneElsesCardRefused(s);
    s.actor.send({ type: 'CARD_TAKEN' });
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(toSessionView(s.actor.getSnapshot(), 'en')).toMatchObject({
      step: 'ended',
      outcome: 'failed',
      error: { code: 'ID_MISMATCH' },
      notHoldersCard: true,
    });
    s.clock.increment(CARD_TAKE_MS);
    expect(s.fakes.retractCard.calls).toHaveLength(0);
  });

  it('a lost card goes straight to the application', async () => {
    const s = startReplacement(true);
    await idAndFace(s);
    await s.until(() => stepOf(s) === 'replacementReason');
    s.actor.send({ type: 'REPLACEMENT_REASON', reason: 'lost' });
    await s.until(() => stepOf(s) === 'checkingApplication');
    expect(s.fakes.awaitOldCard.calls).toHaveLength(0);
  });

  it('a kiosk that takes no damaged card in does not ask', async () => {
    const s = startReplacement(false);
    await idAndFace(s);
    await s.until(() => stepOf(s) === 'checkingApplication');
    expect(s.fakes.checkApplication.last.input).not.toHaveProperty('replacementReason');
  });
});
