/**
 * Fault: a card printer that fell silent while a presented card waited at its bezel read as its
 * last status. The driver's bezel watch caught every failed read of the sensor with a silent catch
 * (the shape 5d4c778 and 36b4947 mended in the self test and the idle status poll): a printer that
 * stopped answering there read busy or online, nobody learned why, and the daemon's reopen (ADR
 * 0020), which opens devices that read offline, never looked at it; its reads, one every take
 * poll each waiting for its deadline, piled up on the line. Now a failed bezel read holds the
 * printer offline with the error's code, pushed once however many reads fail (and whichever read,
 * bezel or status poll, met it first), the next read only after the last one settled; the first
 * read that answers reads the status again, once, and the card taken is still told. The driver on
 * the byte-level emulator over in-memory streams, the printer silent as the emulator models it.
 */
import { ErrorCode } from '@kiosk/domain';
import type { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { closePrinters, face, printerThatFallsSilent } from './evolis-printer-rig.js';

afterEach(closePrinters);

/** Resolves once `done()` holds, looked at on every turn of the event loop (no fixed wait). */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const look = () => (done() ? resolve() : setTimeout(look, 5));
    look();
  });
}

/** A card printed and presented at the bezel, waiting to be taken; `taken` settles once it is. */
async function cardWaiting(driver: EvolisCardPrinterDriver): Promise<{ taken: Promise<void> }> {
  await driver.feedToChipStation();
  await driver.printFace(face());
  const taken = new Promise<void>((resolve) => driver.onCardTaken(resolve));
  await driver.ejectToOutput();
  expect(driver.cardPosition()).toBe('outputSlot');
  return { taken };
}

describe('Evolis card printer silent while a card waits at the bezel', () => {
  it('fault: bezel reads fail: the printer reads offline with DEVICE_TIMEOUT, pushed once for many failed reads; back once it answers, the card taken still told', async () => {
    const rig = await printerThatFallsSilent({ statusPollMs: 0, takePollMs: 10 });
    const { driver, emulator, pushed, sentOf } = rig;
    const { taken } = await cardWaiting(driver);
    const from = pushed.length;
    rig.silence();
    const reads = sentOf('Rse');
    await until(() => sentOf('Rse') >= reads + 4); // four bezel reads sent while silent
    expect(pushed.slice(from)).toEqual([
      expect.objectContaining({
        device: 'offline',
        fault: {
          code: ErrorCode.DEVICE_TIMEOUT,
          message:
            "The card printer's bezel read failed (DEVICE_TIMEOUT); it is tried again at the next self test.",
        },
      }),
    ]);
    rig.speak();
    await until(() => driver.status().device === 'online');
    expect(driver.status().fault).toBeUndefined();
    expect(emulator.takeCard()).toMatch(/^blank-/);
    await taken;
    expect(pushed.slice(from).map((s) => s.device)).toEqual(['offline', 'online']);
  });

  it('fault: bezel reads fail while the idle status poll fails too: one offline pushed, not a flap between the two reads', async () => {
    const rig = await printerThatFallsSilent({ statusPollMs: 15, takePollMs: 10 });
    const { driver, pushed, sentOf } = rig;
    await cardWaiting(driver);
    const from = pushed.length;
    rig.silence();
    const [reads, polls] = [sentOf('Rse'), sentOf('Rst')];
    await until(() => sentOf('Rse') >= reads + 3 && sentOf('Rst') >= polls + 3);
    expect(pushed.slice(from)).toEqual([
      expect.objectContaining({
        device: 'offline',
        fault: expect.objectContaining({ code: ErrorCode.DEVICE_TIMEOUT }),
      }),
    ]);
    rig.speak();
    await until(() => driver.status().device === 'online');
    expect(pushed.slice(from).map((s) => s.device)).toEqual(['offline', 'online']);
  });
});
