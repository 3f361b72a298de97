/**
 * Fault: the card printer emulator cannot write its state file (a full disk, a disk fault; here its
 * place taken by a folder).
 * The frame it failed on went unanswered and so did every frame after it on that connection,
 * for good (and the failure was an unhandled rejection in the process serving the emulator):
 * one failed write silenced the printer until the driver reconnected. Now only that frame goes
 * unanswered (the driver times out), and the next ones are answered once the state is written.
 * The driver on the byte-level emulator over in-memory streams (`printerThatFallsSilent`): the
 * printer answers every frame but the one it failed on, and an answer reaches the driver in the
 * turn of the event loop that sent its frame, so only the unanswered frame meets the short command
 * deadline (over loopback TCP a loaded machine's stalled worker ran the deadline before an answer).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import { closePrinters, printerThatFallsSilent } from './evolis-printer-rig.js';

afterEach(closePrinters);

describe('card printer emulator whose state file cannot be written', () => {
  it('fault: state file not written: that command times out, the next is answered', async () => {
    const { emulator, driver, stateFile } = await printerThatFallsSilent({ statusPollMs: 0, takePollMs: 5 });

    rmSync(stateFile);
    mkdirSync(join(stateFile, 'in-the-way'), { recursive: true });
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });

    rmSync(stateFile, { recursive: true });
    await driver.ejectToRejectBin('chipFailed');
    expect(emulator.counts()).toMatchObject({ rejected: 1 });
  });
});
