/**
 * The damaged-card hand-in with the daemon's actors (the hand-in, the card accounting, the real
 * journal on SQLite in memory, the emulated card reader), on a simulated clock. The fault: the
 * hand-in's backstop fired while the reader gave someone else's card back (its eject, not the
 * capture) and `card.unaccounted` was journaled after a retract: field staff looked for the card
 * in the capture bin while it was in the reader or at the slot. Now the hand-in tells the journey
 * the move it asks for before it asks, and the row names the move that ran.
 */
import { describe, expect, it } from '@jest/globals';
import { backstopRunsOut, unaccounted } from './old-card-hand-in-backstop.spec-support.js';

describe('fault: the hand-in’s backstop fires during the eject of someone else’s card', () => {
  it('card.unaccounted names the eject and where the reader says the card is, not a retract', async () => {
    const { r, s } = await backstopRunsOut('li', 'eject');
    expect(await s.ended()).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'eject',
    });
    expect(r.whereIs()).toBe('inReader');
    const steps = await s.steps();
    expect(steps.some((x) => x.startsWith('oldCard.return:intent'))).toBe(true);
    expect(steps.some((x) => x.startsWith('oldCard.capture'))).toBe(false);
    expect(unaccounted(steps)).toEqual([
      'card.unaccounted:event {"after":"eject","readerSays":"inReader","forStaff":true}',
    ]);
  });

  it('the holder’s card whose capture never answers: card.unaccounted names the retract', async () => {
    const { s } = await backstopRunsOut('zhang', 'retract');
    expect(await s.ended()).toMatchObject({ outcome: 'failed', cardUnaccounted: 'retract' });
    const steps = await s.steps();
    expect(steps.some((x) => x.startsWith('oldCard.capture:intent'))).toBe(true);
    expect(unaccounted(steps)).toEqual([
      'card.unaccounted:event {"after":"retract","readerSays":"inReader","forStaff":true}',
    ]);
  });
});
