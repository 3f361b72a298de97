/**
 * The fault: the damaged-card hand-in's backstop fired during the chip read; the session accounted
 * for the card in the reader (card.unaccounted after the read), and the journey stopped the
 * hand-in, whose "stopped before any capture" branch then ejected the card: staff were sent to
 * the reader for a card at the slot. The hand-in could not tell the backstop from the session
 * stopping it (the resident's time ran out, the kiosk stops), where giving the card back is right.
 * Now the hand-in reads why it was stopped (`cardLeftForStaff`, true once the backstop marked the
 * card unaccounted) as its signal aborts.
 */
import { describe, expect, it } from '@jest/globals';
import { backstopFires, handingIn, view } from './session.old-card-hand-in.spec-support.js';

/**
 * A damaged card in the reader, its hand-in running (the chip read: no move reported); `stopped`
 * resolves with what the hand-in reads of why it was stopped, as its signal aborts.
 */
async function readingTheChip() {
  const s = await handingIn();
  const handIn = s.fakes.handInOldCard.last;
  const stopped = new Promise<{ cardLeftForStaff: boolean }>((resolve) =>
    handIn.signal.addEventListener(
      'abort',
      () => resolve({ cardLeftForStaff: handIn.input.cardLeftForStaff() }),
      {
        once: true,
      },
    ),
  );
  return { s, handIn, stopped };
}

describe('fault: a backstop during the hand-in’s chip read leaves the card in the reader', () => {
  it('the hand-in is stopped told the card is left for staff; card.unaccounted after the read', async () => {
    const { s, handIn, stopped } = await readingTheChip();
    expect(handIn.input.cardLeftForStaff()).toBe(false);
    await backstopFires(s);
    expect(await stopped).toEqual({ cardLeftForStaff: true });
    await s.until(() => s.fakes.accountForCard.calls.length === 1);
    expect(s.fakes.accountForCard.last.input).toMatchObject({ act: 'read' });
    await s.answer('accountForCard', undefined);
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.actor.getSnapshot().output).toMatchObject({ outcome: 'failed', cardUnaccounted: 'read' });
    expect(view(s)).toMatchObject({ step: 'ended', cardKeptForStaff: true });
    expect(s.fakes.ejectCard.calls).toHaveLength(0);
    expect(s.fakes.retractCard.calls).toHaveLength(0);
  });

  it('the session stopped during the chip read (not the backstop): the hand-in is not told to leave the card', async () => {
    const { s, stopped } = await readingTheChip();
    s.actor.stop();
    expect(await stopped).toEqual({ cardLeftForStaff: false });
    expect(s.fakes.accountForCard.calls).toHaveLength(0);
  });

  it('answered before the backstop: the hand-in is never told to leave the card', async () => {
    const { s, handIn } = await readingTheChip();
    handIn.input.moving('retract');
    await s.answer('handInOldCard', { chip: 'read' });
    await s.until(() => view(s).step === 'checkingApplication');
    expect(handIn.input.cardLeftForStaff()).toBe(false);
  });
});
