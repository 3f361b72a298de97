/**
 * The end of a session that left its card in the slot of a reader that cannot capture it
 * (leavingCardInSlot): its journal step answered, the session done, no retract nor "kept for staff"
 * asked, the resident told to take the card (CARD_LEFT_IN_SLOT) and `cardLeftInSlot` in its output.
 */
import { expect } from '@jest/globals';
import { waitFor } from 'xstate';
import { toSessionView } from './session-view.js';
import type { SessionHarness } from '../testing/session-fixtures.js';

export async function endsWithCardLeftInSlot(h: SessionHarness): Promise<void> {
  await waitFor(h.actor, (s) => s.matches('leavingCardInSlot'));
  expect(h.leaveCardInSlot.last.input).toEqual({ sessionId: 'session-1' });
  h.leaveCardInSlot.last.resolve();
  await waitFor(h.actor, (s) => s.status === 'done');
  expect(h.retractCard.calls).toHaveLength(0);
  expect(h.accountForCard.calls).toHaveLength(0);
  const view = toSessionView(h.actor.getSnapshot(), 'en');
  expect(view).toMatchObject({
    step: 'ended',
    outcome: 'failed',
    cardLeftInSlot: true,
    error: { code: 'CARD_LEFT_IN_SLOT' },
  });
  expect(view.cardKeptForStaff).toBeUndefined();
  const output = h.actor.getSnapshot().output;
  expect(output).toMatchObject({
    outcome: 'failed',
    cardLeftInSlot: true,
    error: { code: 'CARD_LEFT_IN_SLOT' },
  });
  expect(output?.cardUnaccounted).toBeUndefined();
}
