/**
 * Fault: a card printer that stops answering while idle read as its last status. The driver's
 * idle status poll caught a read that failed with a silent catch (the self test's shape, mended
 * beside it): the printer kept reading online, card making was offered, the resident paid and
 * only the feed failed, and the daemon's reopen (ADR 0020), which opens devices that read
 * offline, never looked at it. Now the poll's failed read holds it offline with the error's code,
 * pushed, until a read answers again. The driver on the byte-level emulator over in-memory streams,
 * the printer silent as the emulator models it.
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import type { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { closePrinters, printerThatFallsSilent } from './evolis-printer-rig.js';

afterEach(closePrinters);

/** The first status the driver pushes that `wanted` accepts. */
const pushed = (driver: EvolisCardPrinterDriver, wanted: (s: DeviceStatus) => boolean) =>
  new Promise<DeviceStatus>((resolve) => {
    const off = driver.onStatus((s) => wanted(s) && (off(), resolve(s)));
  });

describe('Evolis card printer silent while idle', () => {
  it('fault: printer stops answering while idle: its status poll reads it offline with DEVICE_TIMEOUT, pushed; back once it answers', async () => {
    const { driver, silence, speak } = await printerThatFallsSilent({ statusPollMs: 50 });
    expect(driver.status().device).toBe('online');
    const down = pushed(driver, (s) => s.device === 'offline');
    silence();
    expect(await down).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_TIMEOUT,
        message:
          "The card printer's status read failed (DEVICE_TIMEOUT); it is tried again at the next self test.",
      },
    });
    const back = pushed(driver, (s) => s.device === 'online');
    speak();
    expect((await back).fault).toBeUndefined();
  });
});
