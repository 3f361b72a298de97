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
import { SecurePin } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { hostWithoutWithdrawals, journalsPerSpec } from './boot-recovery.spec-support.js';
import { journeyTools, type JourneyTools } from './journey-tools.js';
import type { NewPinJourneyDeps } from './new-pin-journey.js';
import { activatePin, PIN_WRITE_CUT, resetPin } from './new-pin-writes.js';
import { VerifiedPinHold } from './verified-pin-hold.js';

const CARD = 'H41080000999';
const ID_NUMBER = '410803196211092425';
const journals = journalsPerSpec();

async function world() {
  const { journal } = await journals.open();
  /** the chip's PIN; `pull`: the card pulled as the chip takes (or not) the new PIN */
  const chip = { pin: 'default', pull: null as null | 'before' | 'after' };
  const host = { state: 'made', activations: 0 };
  const deps = {
    heldPin: new VerifiedPinHold(),
    cardReader: {
      changePin: async () => {
        if (chip.pull === 'after') chip.pin = 'new';
        if (chip.pull) throw new KioskError(ErrorCode.CARD_REMOVED, 'The card was removed.');
        if (chip.pin !== 'default') return { result: 'wrong', triesLeft: 2 };
        chip.pin = 'new';
        return { result: 'ok' };
      },
      resetPin: async () => {
        chip.pin = 'reset';
      },
    },
    host: hostWithoutWithdrawals({
      card: async () => ({ cardNumber: CARD, state: host.state }),
      pinUnlockKey: async () => ({ keyHex: '0F'.repeat(16), keyVersion: 1 }),
      reportPinEvent: async () => ({}),
      activateCard: async (cardNumber: string) => {
        host.activations += 1;
        host.state = 'active';
        return { cardNumber, state: 'active' };
      },
    }),
  } as unknown as NewPinJourneyDeps;
  const journey = async (kind: 'activatePin' | 'resetPin') => {
    const tx = await journal.openTransaction(`s-${kind}-${Date.now()}`, kind);
    const tools = journeyTools(
      journal,
      tx,
      () => 'en',
      () => ({ cardIdentifier: 'CI-0999' }) as unknown as ReturnType<JourneyTools['card']>,
    );
    const write = {
      cardNumber: CARD,
      idNumber: ID_NUMBER,
      newPin: SecurePin.fromKeys([7, 3, 0, 1, 9, 4]),
      signal: new AbortController().signal,
    };
    const run =
      kind === 'activatePin'
        ? activatePin(deps, tools, write)
        : resetPin(deps, tools, { ...write, cardStateAtRead: host.state as 'made' });
    const settled = await run.then(
      () => undefined,
      (e: unknown) => KioskError.from(e).code,
    );
    const steps = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
    const cut = (await journal.stepsOf(tx)).find((s) => s.step === PIN_WRITE_CUT);
    return { refused: settled, steps, cut: cut && JSON.parse(cut.detail ?? '{}') };
  };
  return { chip, host, journey };
}

describe('a card pulled while activation writes its new PIN', () => {
  it('activation-card-pulled-mid-pin-write: the chip took the new PIN: journaled unknown, the resident sent to the reset, which reconciles', async () => {
    const w = await world();
    w.chip.pull = 'after';
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
    w.chip.pull = null;
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
    w.chip.pull = 'before';
    const first = await w.journey('activatePin');
    expect(first.refused).toBe(ErrorCode.ACTIVATION_UNFINISHED);
    expect(first.cut).toMatchObject({ chipPin: 'unknown' });
    expect(w.chip.pin).toBe('default');
    w.chip.pull = null;
    expect((await w.journey('resetPin')).refused).toBeUndefined();
    expect(w.host).toEqual({ state: 'active', activations: 1 });
  });
});
