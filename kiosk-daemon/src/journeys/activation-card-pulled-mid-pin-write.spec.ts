/**
 * Fault: a card pulled while activation wrote its new PIN left chip and host apart, untold. The
 * chip may have taken the new PIN (its default gone) while the host, never asked, holds the card as
 * new; the journal said only that the write failed (CARD_REMOVED) and the resident read "taken out
 * too early, insert it again": activating again then met a chip refusing the default PIN and was
 * told "activated already: change PIN", which the host refuses for a card it holds as new. Now the
 * write the chip did not answer is journaled with its PIN not known (`card.pinWriteCut`) and the
 * resident is sent to the reset road (ACTIVATION_UNFINISHED), as is an activation that finds the
 * default PIN gone on a card the host holds as new; the reset sets the PIN under the host's key
 * whatever the chip holds and activates the card, so chip and host agree again.
 *
 * The real journal (SQLite in memory) and the real activation and reset writes; the chip and the
 * host are fakes (the chip keeps its PIN; the host its card's state).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { journalsPerSpec } from './boot-recovery.spec-support.js';
import { newCardWorld } from './new-card-pin-writes.spec-support.js';
import { PIN_WRITE_CUT } from './new-pin-writes.js';

const journals = journalsPerSpec();

async function world() {
  const { journal } = await journals.open();
  /** the card pulled as the chip takes (or not) the new PIN */
  const pulled = { at: null as null | 'before' | 'after' };
  const w = newCardWorld(journal, async (chip) => {
    if (pulled.at === 'after') chip.pin = 'new';
    if (pulled.at) throw new KioskError(ErrorCode.CARD_REMOVED, 'The card was removed.');
    if (chip.pin !== 'default') return { result: 'wrong', triesLeft: 2 };
    chip.pin = 'new';
    return { result: 'ok' };
  });
  const journey = async (kind: 'activatePin' | 'resetPin') => {
    const { tx, done } = await w.run(kind);
    const refused = await done;
    const steps = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
    const cut = (await journal.stepsOf(tx)).find((s) => s.step === PIN_WRITE_CUT);
    return { refused, steps, cut: cut && JSON.parse(cut.detail ?? '{}') };
  };
  return { chip: w.chip, host: w.host, pulled, journey };
}

describe('a card pulled while activation writes its new PIN', () => {
  it('activation-card-pulled-mid-pin-write: the chip took the new PIN: journaled unknown, the resident sent to the reset, which reconciles', async () => {
    const w = await world();
    w.pulled.at = 'after';
    const first = await w.journey('activatePin');
    expect(first.refused).toBe(ErrorCode.ACTIVATION_UNFINISHED);
    expect(first.steps).toEqual(
      expect.arrayContaining(['card.changePin:intent', 'card.changePin:failed', `${PIN_WRITE_CUT}:event`]),
    );
    expect(first.cut).toEqual({
      purpose: 'activate',
      code: ErrorCode.CARD_REMOVED,
      chipPin: 'unknown',
      next: 'resetPin',
    });
    // chip and host apart: the host was asked nothing
    expect(w.chip.pin).toBe('new');
    expect(w.host).toEqual({ state: 'made', activations: 0 });

    // activating again: the default PIN gone on a card the host holds as new, sent to the reset again
    w.pulled.at = null;
    const again = await w.journey('activatePin');
    expect(again.refused).toBe(ErrorCode.ACTIVATION_UNFINISHED);
    expect(again.cut).toBeUndefined();
    expect(w.host.activations).toBe(0);

    // the reset road sets the PIN under the host's key and activates the card: chip and host agree
    const reset = await w.journey('resetPin');
    expect(reset.refused).toBeUndefined();
    expect(w.chip.pin).toBe('reset');
    expect(w.host).toEqual({ state: 'active', activations: 1 });
  });

  it('activation-card-pulled-mid-pin-write: the chip did not take it: the same word, the reset activates the card', async () => {
    const w = await world();
    w.pulled.at = 'before';
    const first = await w.journey('activatePin');
    expect(first.refused).toBe(ErrorCode.ACTIVATION_UNFINISHED);
    expect(first.cut).toMatchObject({ chipPin: 'unknown' });
    expect(w.chip.pin).toBe('default');
    w.pulled.at = null;
    expect((await w.journey('resetPin')).refused).toBeUndefined();
    expect(w.host).toEqual({ state: 'active', activations: 1 });
  });
});
