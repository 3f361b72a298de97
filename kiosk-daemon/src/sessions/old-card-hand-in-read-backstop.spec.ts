/**
 * The fault: the damaged-card hand-in's backstop fired during the chip read. The session journaled
 * `card.unaccounted` after the read with the reader saying the card is in it, and the journey
 * stopped the hand-in, whose "stopped before any capture" branch then ejected the card (the
 * `oldCard.return` of a stopped hand-in): staff were sent to the reader for a card at the slot, in
 * a public hall. The hand-in could not tell its journey's backstop from the session stopping it,
 * where giving the card back is right. Now it reads why it was stopped (`cardLeftForStaff`).
 * With the daemon's actors, the real journal and the emulated reader (set-up: the spec support).
 */
import { describe, expect, it } from '@jest/globals';
import {
  backstopRunsOut,
  handingIn,
  readerNeverAnswering,
  unaccounted,
} from './old-card-hand-in-backstop.spec-support.js';

/**
 * Lets the stopped hand-in's reaction to its abort (journal writes, a move) run to its end, where
 * the spec asserts it made none: no event tells that nothing will happen (the hand-in's work is a
 * stopped actor's promise, which nothing outside it can await).
 */
async function afterTheStop(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('fault: a backstop during the hand-in’s chip read leaves the card in the reader', () => {
  it('card.unaccounted after the read, the reader holding it; no oldCard.return, the card never moved', async () => {
    const { r, s } = await backstopRunsOut('zhang', 'readCard');
    expect(await s.ended()).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'read',
    });
    await afterTheStop();
    expect(r.whereIs()).toBe('inReader');
    const steps = await s.steps();
    expect(unaccounted(steps)).toEqual([
      'card.unaccounted:event {"after":"read","readerSays":"inReader","forStaff":true}',
    ]);
    expect(steps.filter((x) => x.startsWith('oldCard.'))).toEqual([]);
  });

  it('the session stopped during the chip read (not the backstop): the card is given back as before', async () => {
    const r = await readerNeverAnswering('zhang', 'readCard');
    const s = await handingIn(r.port);
    await r.asked;
    const givenBack = r.givenBack();
    s.stop();
    await givenBack;
    expect(r.whereIs()).toBe('atSlot');
    const steps = await s.steps();
    expect(steps).toContain('oldCard.return:intent {"why":"stopped"}');
    expect(unaccounted(steps)).toEqual([]);
  });
});
