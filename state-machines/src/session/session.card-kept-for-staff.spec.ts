/**
 * The fault: a session that ended with the card neither taken nor captured (the reader never
 * answered a card move past its backstop, or its retract failed; ADR 0016) showed the resident
 * only the reader's code, whose words say "try again" while the card stays in the kiosk. The view
 * now says the card is kept for staff (cardKeptForStaff), from the accounting to the end, and only
 * then: a card retracted into the capture bin, or taken, says nothing of it.
 */
import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { cardMoveBackstopMs } from './session.setup.js';
import { toSessionView } from './session-view.js';
import {
  CARD_MOVE_MS,
  CARD_TAKE_MS,
  ejectAndTake,
  reachEnterPin,
  startSession,
  type SessionHarness,
} from '../testing/session-fixtures.js';

const view = (h: SessionHarness) => toSessionView(h.actor.getSnapshot(), 'en');

async function cancelledAtPin(h: SessionHarness): Promise<void> {
  await reachEnterPin(h);
  h.actor.send({ type: 'CANCEL' });
  await waitFor(h.actor, (s) => s.matches('ejectingCard'));
}

async function notTaken(h: SessionHarness): Promise<void> {
  await cancelledAtPin(h);
  h.ejectCard.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCard'));
  h.clock.increment(CARD_TAKE_MS);
  await waitFor(h.actor, (s) => s.matches('retractingCard'));
}

describe('session view: the card left in the kiosk for staff', () => {
  it('card eject never answered (DEVICE_TIMEOUT past the backstop): the view says the card is kept for staff', async () => {
    const h = startSession();
    await cancelledAtPin(h);
    expect(view(h).cardKeptForStaff).toBeUndefined();
    h.clock.increment(cardMoveBackstopMs(CARD_MOVE_MS));
    await waitFor(h.actor, (s) => s.matches('accountingForCard'));
    expect(view(h)).toMatchObject({
      step: 'ended',
      cardKeptForStaff: true,
      error: { code: 'DEVICE_TIMEOUT' },
    });
    h.accountForCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(view(h)).toMatchObject({
      step: 'ended',
      outcome: 'failed',
      cardKeptForStaff: true,
      error: { code: 'DEVICE_TIMEOUT' },
    });
  });

  it('card retract failed (the capture bin full): the view says the card is kept for staff', async () => {
    const h = startSession();
    await notTaken(h);
    h.retractCard.last.reject(new KioskError('DEVICE_BIN_FULL', 'The capture bin is full.'));
    await waitFor(h.actor, (s) => s.matches('accountingForCard'));
    h.accountForCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(view(h)).toMatchObject({
      outcome: 'failed',
      cardKeptForStaff: true,
      error: { code: 'DEVICE_BIN_FULL' },
    });
  });

  it('a card retracted into the capture bin, or taken: nothing said of a card kept for staff', async () => {
    const retracted = startSession();
    await notTaken(retracted);
    retracted.retractCard.last.resolve();
    await waitFor(retracted.actor, (s) => s.status === 'done');
    expect(view(retracted).outcome).toBe('cardRetracted');
    expect(view(retracted).cardKeptForStaff).toBeUndefined();

    const taken = startSession();
    await cancelledAtPin(taken);
    await ejectAndTake(taken);
    expect(view(taken).step).toBe('ended');
    expect(view(taken).cardKeptForStaff).toBeUndefined();
  });
});
