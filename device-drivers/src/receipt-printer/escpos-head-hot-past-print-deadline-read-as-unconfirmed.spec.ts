/**
 * Fault: a receipt whose printer stayed stopped by a hot print head past the print's deadline
 * failed DEVICE_TIMEOUT, 'did not confirm the receipt in time', as if the printer had lost it. A
 * print under way waits for the head to cool (894cc8c, DLE EOT 3 bit 6: the printer goes on by
 * itself), bounded by `printTimeoutMs`; at that bound the printer still said why it had stopped,
 * yet the fault a receipt gets mid-way is none for this error, so the deadline's fallback named no
 * cause and the journal (a staff test receipt: maintenance.testReceipt) and the fleet read an
 * unconfirmed receipt. Now the receipt fails DEVICE_BUSY mid-receipt, naming the hot head, and the
 * rest is cleared as before: nothing comes out once the head has cooled.
 *
 * The printer is the byte-level emulator over an in-memory line (its status reaches the driver in
 * the turn it is sent, before any timer), its head overheated once the receipt's first line is out.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { closedAfterEach, openedOnLine, zhangsWithdrawalReceipt } from './head-too-hot.spec-support.js';

const receipt = zhangsWithdrawalReceipt('20261129-000008');
const opened = closedAfterEach();

describe('fault: escpos-head-hot-past-print-deadline-read-as-unconfirmed', () => {
  it('the head still too hot at the print deadline: DEVICE_BUSY mid-receipt naming the head, the rest cleared', async () => {
    const { printer, driver } = await openedOnLine(opened, { printTimeoutMs: 200 });
    printer.once('fed', () => printer.overheatHead()); // its first line out, the head too hot

    const failed = await driver.print(receipt).catch((e: unknown) => e);
    expect(failed).toMatchObject({
      code: ErrorCode.DEVICE_BUSY,
      message: expect.stringMatching(/head/),
      details: { midReceipt: true },
    });
    printer.coolHead();
    await driver.refreshStatus(); // a round trip: the cooled printer has gone on with what it holds
    expect(printer.receipts).toHaveLength(0);
  });
});
