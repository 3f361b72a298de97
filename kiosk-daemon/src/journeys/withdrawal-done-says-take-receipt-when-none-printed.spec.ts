/**
 * Fault: after the cash was taken, the done screen said "count your cash and take the receipt"
 * though the receipt printer refused the receipt (here: out of paper since the session began),
 * and a resident waited at the slot for a receipt that never came. The withdrawal journey as the
 * daemon provides it, on the real journal, the emulated card reader and dispenser, and the ESC/POS
 * driver on the printer emulator over TCP: the printer's refusal reaches the done screen's details
 * as `receiptPrinted: false`, the journal says the print failed, and no paper came out; a printer
 * with paper prints the receipt and the screen says take it.
 */
import { describe, expect, it } from '@jest/globals';
import type { EscposPrinterDriver } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { toPromise, waitFor } from 'xstate';
import { cardInReader, receiptPrinter, withdrawalWithCard } from './card-log.spec-support.js';
import { notesAtSlot } from './withdrawal-daemon-actors.spec-support.js';

/** The withdrawal run to its done screen with `printer`: the screen's fact, the print's steps, the output. */
async function doneScreenWith(printer: EscposPrinterDriver) {
  const { reader, card } = await cardInReader('zhang');
  const w = await withdrawalWithCard(reader, card, { printer });
  const output = toPromise(w.actor);
  await notesAtSlot(w);
  w.actor.send({ type: 'CASH_TAKEN' });
  await waitFor(w.actor, (s) => s.matches('withdrawn'));
  const shown = w.actor.getSnapshot().context.receiptPrinted;
  w.actor.send({ type: 'FINISH' });
  const steps = (await w.steps()).filter((s) => s.startsWith('receipt.print'));
  return { w, shown, steps, output: await output };
}

describe('fault: the withdrawal’s done screen says take the receipt when none was printed', () => {
  it('the printer refuses the receipt (out of paper): the done screen says none was printed', async () => {
    const p = await receiptPrinter();
    p.emulator.paperOut();

    const { w, shown, steps, output } = await doneScreenWith(p.driver);

    expect(shown).toBe(false);
    expect(output).toMatchObject({
      outcome: 'completed',
      paidFen: 30_000,
      confirmed: true,
      receiptPrinted: false,
    });
    expect(steps).toEqual(['receipt.print:intent', 'receipt.print:failed']);
    expect(await w.detail('receipt.print', 'failed')).toEqual({ code: ErrorCode.DEVICE_SUPPLY_EMPTY });
    expect(p.cut).toHaveLength(0);
  });

  it('the printer prints the receipt: the done screen says take it', async () => {
    const p = await receiptPrinter();

    const { shown, steps, output } = await doneScreenWith(p.driver);

    expect(shown).toBe(true);
    expect(output).toMatchObject({ outcome: 'completed', receiptPrinted: true });
    expect(steps).toEqual(['receipt.print:intent', 'receipt.print:done']);
    expect(p.cut).toHaveLength(1);
  });
});
