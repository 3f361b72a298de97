/**
 * Fault: with no card read left in the session when the withdrawal reached its receipt (the
 * session's scope released it), the receipt actor returned without printing, the withdrawal
 * machine counted the receipt as printed (`receiptPrinted: true`) and the done screen told the
 * resident to take a receipt that never came. The withdrawal journey as the daemon provides it, on
 * the real journal, the emulated card reader and dispenser, and the ESC/POS driver on the printer
 * emulator over TCP: the receipt now fails RECEIPT_INVALID, journaled as the print's failure, the
 * done screen says none was printed, and no paper came out.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { toPromise, waitFor } from 'xstate';
import { cardInReader, receiptPrinter, withdrawalWithCard } from './card-log.spec-support.js';
import { notesAtSlot } from './withdrawal-daemon-actors.spec-support.js';

describe('fault: a withdrawal receipt skipped for want of the card read was counted as printed', () => {
  it('the session holds no card at the receipt: RECEIPT_INVALID journaled, none said printed', async () => {
    const p = await receiptPrinter();
    const { reader, card } = await cardInReader('zhang');
    const w = await withdrawalWithCard(reader, card, { printer: p.driver });
    const output = toPromise(w.actor);
    await notesAtSlot(w);
    w.scope.card = undefined;

    w.actor.send({ type: 'CASH_TAKEN' });
    await waitFor(w.actor, (s) => s.matches('withdrawn'));

    expect(w.actor.getSnapshot().context.receiptPrinted).toBe(false);
    w.actor.send({ type: 'FINISH' });
    expect(await output).toMatchObject({ outcome: 'completed', confirmed: true, receiptPrinted: false });
    const steps = (await w.steps()).filter((s) => s.startsWith('receipt.print'));
    expect(steps).toEqual(['receipt.print:intent', 'receipt.print:failed']);
    expect(await w.detail('receipt.print', 'failed')).toEqual({ code: ErrorCode.RECEIPT_INVALID });
    expect(p.cut).toHaveLength(0);
  });
});
