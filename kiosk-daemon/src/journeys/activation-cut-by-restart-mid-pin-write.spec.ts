/**
 * Fault: a card's activation cut by a restart in the middle of its PIN write was left to nobody.
 * The kiosk died while the chip wrote the new PIN (`card.changePin` journaled intent, no outcome):
 * the chip may hold the new PIN while the host, never asked, holds the card as new, and boot closed
 * the activation as a plain interruption (SESSION_INTERRUPTED), the journal saying nothing of a
 * card left between chip and host. Now boot journals the write cut (`card.pinWriteCut`, after the
 * restart: its PIN not known, next: resetPin) and closes the activation ACTIVATION_UNFINISHED,
 * sending the host nothing (the chip may still answer the default PIN); the resident's next
 * activation is sent to "Reset PIN", which sets the PIN under the host's key and activates the card.
 *
 * The real journal (SQLite in memory), the real activation and reset writes, boot recovery; the
 * chip and the host are fakes. The kiosk "dies" as the chip writes: its write never answers.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { cardGoneDevices, journalsPerSpec, recoverAtBoot } from './boot-recovery.spec-support.js';
import { CardActivations } from './card-activation.js';
import { newCardWorld } from './new-card-pin-writes.spec-support.js';
import { PIN_WRITE_CUT } from './new-pin-writes.js';

const journals = journalsPerSpec();

async function world() {
  const { db, journal } = await journals.open();
  /** the kiosk dies as the chip takes the new PIN: the write never answers */
  const kiosk = { dies: true };
  const w = newCardWorld(
    journal,
    async (chip) => {
      if (chip.pin !== 'default') return { result: 'wrong', triesLeft: 2 };
      chip.pin = 'new';
      if (kiosk.dies) return new Promise<never>(() => undefined);
      return { result: 'ok' };
    },
    journals.retries(journal),
  );
  const boot = () => {
    const retries = journals.retries(journal);
    const activations = new CardActivations(journal, db, w.service, retries);
    return recoverAtBoot(journal, cardGoneDevices(), w.service, { retries, activations });
  };
  const closed = async (tx: string) =>
    (
      (await db.query(`SELECT "errorCode" FROM "journal_transaction" WHERE "id" = ?`, [tx])) as {
        errorCode: string | null;
      }[]
    )[0]?.errorCode;
  return { journal, kiosk, chip: w.chip, host: w.host, run: w.run, boot, closed };
}

describe('an activation cut by a restart while the chip writes its new PIN', () => {
  it('activation-cut-by-restart-mid-pin-write: boot journals the write cut, tells the host nothing, and the next activation goes to the reset', async () => {
    const w = await world();
    const cut = await w.run('activatePin');
    await eventually(
      async () => (await w.journal.stepsOf(cut.tx)).map((s) => `${s.step}:${s.phase}`),
      'the PIN write begun',
      { withinMs: 5_000, until: (steps) => steps.includes('card.changePin:intent') },
    );
    await eventually(async () => w.chip.pin, 'the chip written', {
      withinMs: 5_000,
      until: (p) => p === 'new',
    });

    await w.boot();
    const noted = (await w.journal.stepsOf(cut.tx)).filter((s) => s.step === PIN_WRITE_CUT);
    expect(noted.map((s) => JSON.parse(s.detail ?? '{}') as object)).toEqual([
      {
        purpose: 'activate',
        code: ErrorCode.SESSION_INTERRUPTED,
        chipPin: 'unknown',
        next: 'resetPin',
        after: 'restart',
      },
    ]);
    expect(await w.closed(cut.tx)).toBe(ErrorCode.ACTIVATION_UNFINISHED);
    // the chip's PIN not known: the host is asked nothing
    expect(w.host).toEqual({ state: 'made', activations: 0 });

    // the resident activates again: the default PIN gone on a card the host holds as new
    w.kiosk.dies = false;
    expect(await (await w.run('activatePin')).done).toBe(ErrorCode.ACTIVATION_UNFINISHED);
    // the reset road sets the PIN under the host's key and activates the card
    expect(await (await w.run('resetPin')).done).toBeUndefined();
    expect(w.chip.pin).toBe('reset');
    expect(w.host).toEqual({ state: 'active', activations: 1 });
  });
});
