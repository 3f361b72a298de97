/**
 * Fault: the card printer read online after a staff refill timed out. The refill's frames and
 * status reads went out on their own, past the driver's line guard: a printer that did not answer
 * left `status()` at its last online reading until the status poll or a self test looked again, so
 * the kiosk went on offering card making on a printer that had just not answered. Now a refill or
 * bin emptying whose command or status read gets no answer reads offline with the code at once,
 * pushed, as after any other command; back online once a read answers. The driver on the
 * byte-level emulator over in-memory streams, the printer silent as the emulator models it; no poll.
 */
import { ErrorCode } from '@kiosk/domain';
import { closePrinters, printerThatFallsSilent } from './evolis-printer-rig.js';

afterEach(closePrinters);

describe('Evolis card printer silent through a staff supply act', () => {
  it('fault: a refill whose status read timed out left the printer reading online: it reads offline DEVICE_TIMEOUT at once', async () => {
    const { driver, pushed, silence, speak } = await printerThatFallsSilent({ statusPollMs: 0 });
    expect(driver.status()).toMatchObject({ device: 'online' });
    silence();
    await expect(driver.refillSupply('cardHopper', 3)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
    });
    expect(driver.status()).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_TIMEOUT,
        message:
          "The card printer's status read failed (DEVICE_TIMEOUT); it is tried again at the next self test.",
      },
    });
    // busy through the refill (held as an act), offline once it had no answer; not read again
    expect(pushed.map((s) => s.device)).toEqual(['busy', 'offline']);
    speak();
    expect(await driver.selfTest()).toMatchObject({ device: 'online' });
  });

  it('fault: a bin emptying the printer did not answer left it reading online: it reads offline DEVICE_TIMEOUT at once', async () => {
    const { emulator, driver } = await printerThatFallsSilent({ statusPollMs: 0 });
    emulator.setFault('noAnswer');
    await expect(driver.emptySupplyBin('rejectBin')).rejects.toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
    });
    expect(driver.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_TIMEOUT } });
    emulator.setFault(null);
    expect(await driver.selfTest()).toMatchObject({ device: 'online' });
  });
});
