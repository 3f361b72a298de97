/**
 * Fault: a card printer that falls silent during a command read busy for good. The driver
 * published busy when the command began and read the status again when it ended, with a silent
 * catch: a printer that stopped answering (its command timing out) left the status at busy, not
 * offline, so the daemon's reopen (ADR 0020), which opens devices that read offline, never
 * looked at it, and nobody learned why. Now the read that fails after a command holds the printer
 * offline with the error's code, pushed, until a read answers again. The driver on the byte-level
 * emulator over in-memory streams, the printer silent as the emulator models it.
 */
import { ErrorCode } from '@kiosk/domain';
import { closePrinters, printerThatFallsSilent } from './evolis-printer-rig.js';

afterEach(closePrinters);

describe('Evolis card printer silent during a command', () => {
  it('fault: printer falls silent during a feed: the feed fails DEVICE_TIMEOUT and the printer reads offline with the code, not busy; back once it answers', async () => {
    const { driver, pushed, silence, speak } = await printerThatFallsSilent({ statusPollMs: 0 });
    silence();
    await expect(driver.feedToChipStation()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(driver.status()).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_TIMEOUT,
        message:
          "The card printer's status read failed (DEVICE_TIMEOUT); it is tried again at the next self test.",
      },
    });
    expect(pushed.map((s) => s.device)).toEqual(['busy', 'offline']);
    speak();
    expect(await driver.selfTest()).toMatchObject({ device: 'online' });
  });
});
