/**
 * Fault: the Evolis driver's self test swallowed what failed in it. It caught its open (the
 * printer's connection made again) and its status read with a silent catch, the shape 26f6758
 * and 39f6d39 mended elsewhere: a printer that stopped answering its status reads read as its
 * last status (online: card making offered, field staff's clear fault passed), and one that
 * could not be reached read offline with no code, so neither the kiosk, the fleet nor field
 * staff learned why. Now the printer reads offline with the error's code (DEVICE_TIMEOUT,
 * DEVICE_OFFLINE) and a reason, pushed, until a read answers again; a self test cut short by its
 * caller's signal is no fault. The driver on the byte-level emulator over in-memory streams (over
 * loopback TCP where the printer is switched off and its connection refused); the
 * printer falls silent as the emulator models it (its state file not written: no frame answered).
 */
import { ErrorCode, isUsable } from '@kiosk/domain';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { CardPrinterWithChipStation } from './card-printer-with-chip-station.js';
import { ChipStation } from './chip-station.js';
import { closePrinters, printerThatFallsSilent } from './evolis-printer-rig.js';

afterEach(closePrinters);

describe('Evolis card printer self test: what fails in it is in the status, coded', () => {
  it('fault: printer stops answering its status reads at self test: offline with DEVICE_TIMEOUT, not its last status; back once it answers', async () => {
    const { driver, pushed, silence, speak } = await printerThatFallsSilent({ statusPollMs: 0 });
    expect(driver.status().device).toBe('online');
    silence();

    const down = await driver.selfTest();
    expect(down).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_TIMEOUT,
        message:
          "The card printer's self test failed (DEVICE_TIMEOUT); it is tried again at the next self test.",
      },
    });
    expect(down.supplies.map((s) => s.name)).toEqual(expect.arrayContaining(['cardHopper', 'ribbon']));
    expect(pushed.at(-1)).toEqual(down);

    speak();
    expect(await driver.selfTest()).toMatchObject({ device: 'online' });
    expect(driver.status().fault).toBeUndefined();
  });

  it('fault: printer not reachable at self test (its connection refused): offline with DEVICE_OFFLINE in the fault; the next self test that connects brings it back', async () => {
    const { emulator, driver, pushed, port } = await printerThatFallsSilent({ statusPollMs: 0, over: 'tcp' });
    const lost = new Promise<void>((resolve) => driver.onStatus((s) => s.device === 'offline' && resolve()));
    await emulator.close(); // switched off: the connection drops, a new one is refused
    await lost;

    const down = await driver.selfTest();
    expect(down).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_OFFLINE,
        message: expect.stringContaining('self test failed (DEVICE_OFFLINE)'),
      },
    });
    expect(pushed.at(-1)).toEqual(down);

    await emulator.listen(port);
    expect(await driver.selfTest()).toMatchObject({ device: 'online' });
    expect(driver.status().fault).toBeUndefined();
  });

  it('fault: the card printer port (with its chip station) reads the silent printer down with its code, so card making is not offered', async () => {
    const { driver, silence } = await printerThatFallsSilent({ statusPollMs: 0 });
    const port = new CardPrinterWithChipStation(driver, new ChipStation(new InProcessChipLink()));
    silence();
    expect(await port.selfTest()).toMatchObject({
      device: 'offline',
      fault: { code: ErrorCode.DEVICE_TIMEOUT },
    });
    expect(isUsable(port.status())).toBe(false); // the kiosk's offer reads it so
  });

  it("a self test cut short by its caller's signal is no fault of the printer", async () => {
    const { emulator, driver } = await printerThatFallsSilent({ statusPollMs: 0, over: 'tcp' });
    const lost = new Promise<void>((resolve) => driver.onStatus((s) => s.device === 'offline' && resolve()));
    await emulator.close();
    await lost;
    expect(await driver.selfTest(AbortSignal.abort())).toMatchObject({ device: 'offline' });
    expect(driver.status().fault).toBeUndefined();
  });
});
