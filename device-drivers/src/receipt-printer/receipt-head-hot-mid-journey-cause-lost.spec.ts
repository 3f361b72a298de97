/**
 * Fault: receipt-head-hot-mid-journey-cause-lost. A print under way waits for a print head too hot
 * to cool (894cc8c), bounded only by the print's deadline (60 s); a resident's journey ends its
 * step sooner (30 s), so the step's signal ended the print first: the withdrawal's receipt was
 * journaled DEVICE_OPERATION_CANCELLED (the hot head lost), the records screen read "did not finish
 * in time", and the resident, their cash or card in hand, waited up to 30 s for a receipt that
 * could come out after they left. Now the wait for the head is bounded on its own (headCoolWaitMs,
 * 5 s by default): past it the receipt fails DEVICE_BUSY naming the head, the rest cleared.
 *
 * The printer is the byte-level emulator over an in-memory line (its status reaches the driver in
 * the turn it is sent); the clock is Jest's, moved by the spec, so no timer races the line. The
 * journey's step is the signal the spec aborts itself, once the head's wait is past.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_HEAD_COOL_WAIT_MS, ErrorCode } from '@kiosk/domain';
import { closedAfterEach, openedOnLine, zhangsWithdrawalReceipt } from './head-too-hot.spec-support.js';

const receipt = zhangsWithdrawalReceipt('20261129-000011');
const opened = closedAfterEach();

/** The driver at its defaults but for polling (60 s print deadline), its head overheated at the first line. */
async function printingWithHeadHot(step: AbortSignal) {
  const { printer, driver } = await openedOnLine(opened);
  const hot = new Promise<void>((resolve) =>
    printer.once('fed', () => {
      printer.overheatHead(); // its first line out, the head too hot
      resolve();
    }),
  );
  const printing = driver.print(receipt, step).then(
    (printed) => ({ printed }),
    (e: unknown) => ({ failed: e }),
  );
  await hot;
  await driver.refreshStatus(); // a round trip: the driver has read the hot head
  return { printer, driver, printing };
}

describe('fault: receipt-head-hot-mid-journey-cause-lost', () => {
  it('the head still hot past headCoolWaitMs, before the step ends: DEVICE_BUSY naming the head, not cancelled, the rest cleared', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const step = new AbortController();
      const { printer, driver, printing } = await printingWithHeadHot(step.signal);
      await jest.advanceTimersByTimeAsync(DEFAULT_HEAD_COOL_WAIT_MS);
      step.abort(); // the journey's step ends later (30 s): the receipt's outcome is already known
      expect(await printing).toEqual({
        failed: expect.objectContaining({
          code: ErrorCode.DEVICE_BUSY,
          message: expect.stringMatching(/print head/),
          details: { midReceipt: true },
        }),
      });
      printer.coolHead();
      await driver.refreshStatus(); // the cooled printer has gone on with what it holds: nothing
      expect(printer.receipts).toHaveLength(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('the head cooled within the wait: the receipt comes out whole and the bound is let go', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const { printer, printing } = await printingWithHeadHot(new AbortController().signal);
      await jest.advanceTimersByTimeAsync(DEFAULT_HEAD_COOL_WAIT_MS - 1);
      printer.coolHead();
      expect(await printing).toEqual({ printed: expect.objectContaining({ printed: true }) });
      await jest.advanceTimersByTimeAsync(DEFAULT_HEAD_COOL_WAIT_MS); // no bound left to fire
      expect(printer.receipts).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
