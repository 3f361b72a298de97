/**
 * Fault: a card printer that went offline while a presented card waited at its bezel had the card
 * reported taken. The bezel watch read the sensor's volts from whatever the printer answered; an
 * offline printer answers every command but its state with a refusal (`ERR;DEF_PRINTER_OFFLINE`),
 * which read as 0 V: the card "left the bezel", the daemon counted it issued and told the office
 * so, while it lay at the slot (and went on lying there, or was later pulled into the reject bin
 * uncounted). Now a refusal or a reply that is no reading is a failed read: the printer reads
 * offline with the refusal's code, the watch goes on, and the card is reported taken only once
 * the sensor says so. The driver on the byte-level emulator over loopback TCP.
 */
import { ErrorCode } from '@kiosk/domain';
import { closePrinters, face, printer } from './evolis-printer-rig.js';

afterEach(closePrinters);

/** Resolves once `done()` holds, looked at on every turn of the event loop (no fixed wait). */
function until(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const look = () => (done() ? resolve() : setTimeout(look, 5));
    look();
  });
}

describe('Evolis card printer offline while a card waits at the bezel', () => {
  it('fault: the printer refuses the bezel reads (offline): the card is not reported taken; the printer reads offline; taken once it is', async () => {
    const { emulator, driver } = await printer();
    await driver.feedToChipStation();
    await driver.printFace(face());
    let takenTold = 0;
    driver.onCardTaken(() => (takenTold += 1));
    await driver.ejectToOutput();
    emulator.setFault('offline');
    await until(() => driver.status().device === 'offline');
    // several bezel reads refused meanwhile (the rig polls every 5 ms)
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(takenTold).toBe(0);
    expect(driver.status().fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(emulator.counts()).toMatchObject({ inPrinter: 1, issued: 0 });
    emulator.setFault(null);
    await until(() => driver.status().device !== 'offline');
    expect(takenTold).toBe(0); // still at the bezel
    expect(emulator.takeCard()).toMatch(/^blank-/);
    await until(() => takenTold > 0);
    expect(takenTold).toBe(1);
  });
});
