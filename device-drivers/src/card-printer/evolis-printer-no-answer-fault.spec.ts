/**
 * The emulated card printer's `noAnswer` fault (the demo panel's and the e2e specs' way to keep the
 * printer silent, e.g. through a staff refill, ADR 0022): while it is set every frame is taken and
 * none answered, so the driver's commands time out as on a printer hung in its firmware; cleared,
 * the printer answers again. The driver on the byte-level emulator over in-memory streams.
 */
import { ErrorCode } from '@kiosk/domain';
import { closePrinters, printerThatFallsSilent } from './evolis-printer-rig.js';

afterEach(closePrinters);

describe('Evolis card printer emulator: no answer', () => {
  it('a refill of a printer set to answer nothing times out DEVICE_TIMEOUT; cleared, it answers and counts', async () => {
    const { emulator, driver } = await printerThatFallsSilent({ statusPollMs: 0 });
    emulator.setFault('noAnswer');
    await expect(driver.refillSupply('cardHopper', 3)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
    });
    expect(await driver.selfTest()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_TIMEOUT },
    });
    expect(emulator.counts().inHopper).toBe(5);
    emulator.setFault(null);
    expect(await driver.selfTest()).toMatchObject({ device: 'online' });
    await expect(driver.refillSupply('cardHopper', 3)).resolves.toMatchObject({ before: 5, after: 8 });
  });
});
