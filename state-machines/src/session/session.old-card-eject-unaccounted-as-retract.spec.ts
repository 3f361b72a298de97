/**
 * The fault: at the damaged-card hand-in the journey's backstop fired while the reader was giving
 * someone else's card back (its eject, not the capture), and the session accounted for the card
 * after a retract: `card.unaccounted` sent field staff to the capture bin for a card at the slot or
 * still in the reader. The machine had no signal of which move was running. Now `handInOldCard`
 * reports the move it asks for before it asks (`moving`), the journey records it, and its backstop
 * names that move; before any move (the chip read still running) it names the read.
 */
import { describe, expect, it } from '@jest/globals';
import type { CardMove } from './session.types.js';
import type { JourneySession } from '../testing/session-journeys-harness.js';
import {
  accountedForAndKept,
  backstopFires,
  handingIn,
  view,
} from './session.old-card-hand-in.spec-support.js';

/** The card accounted for after `act`, the session ended failed (DEVICE_TIMEOUT), the card kept for staff. */
const accountedForAfter = (s: JourneySession, act: CardMove | 'read') =>
  accountedForAndKept(s, 'DEVICE_TIMEOUT', act);

describe('fault: the hand-in’s backstop fires during the eject of someone else’s card', () => {
  it('card.unaccounted names the eject, not a retract; the hand-in is stopped, no retract asked', async () => {
    const s = await handingIn();
    const handIn = s.fakes.handInOldCard.last;
    handIn.input.moving('eject');
    await backstopFires(s);
    await accountedForAfter(s, 'eject');
    expect(handIn.signal.aborted).toBe(true);
    expect(s.fakes.retractCard.calls).toHaveLength(0);
  });

  it('the capture running when it fires: card.unaccounted names the retract', async () => {
    const s = await handingIn();
    s.fakes.handInOldCard.last.input.moving('retract');
    await backstopFires(s);
    await accountedForAfter(s, 'retract');
  });

  it('the chip read still running (no move asked yet): card.unaccounted names the read, not a move', async () => {
    const s = await handingIn();
    await backstopFires(s);
    await accountedForAfter(s, 'read');
  });

  it('a move reported and answered before the backstop: the hand-in goes on, nothing accounted for', async () => {
    const s = await handingIn();
    s.fakes.handInOldCard.last.input.moving('retract');
    await s.answer('handInOldCard', { chip: 'read' });
    await s.until(() => view(s).step === 'checkingApplication');
    await backstopFires(s);
    expect(s.fakes.accountForCard.calls).toHaveLength(0);
  });
});
